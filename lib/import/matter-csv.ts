// Matter's export: _matter_history.csv (the articles) and _matter_highlights.csv, which names each
// highlight's article by title and author only, so highlights are matched to articles that way.
import type { Highlight } from '../db/schema';
import { cell, column, type CsvTable } from './csv';
import { dateOf, eachRow, type CsvContext } from './csv-rows';
import { parseDate } from './dates';
import { bool } from './item';
import type { ImportItem } from './types';
import { countOf } from '../format/count';

export interface MatterHighlight extends Highlight {
  title: string;
  author: string;
  /** "file:line" of the highlight's row. */
  where: string;
}

export function matterHighlights(table: CsvTable, file = '_matter_highlights.csv'): MatterHighlight[] {
  const h = table.header;
  const ix = column(h, 'text'),
    id = column(h, 'highlighted date'),
    it = column(h, 'title'),
    ia = column(h, 'author');
  const out: MatterHighlight[] = [];
  for (const row of table.rows) {
    const text = cell(row, ix);
    if (!text) continue;
    out.push({
      text,
      createdAt: parseDate(cell(row, id)) ?? null,
      title: cell(row, it),
      author: cell(row, ia),
      where: `${file}:${row.line}`,
    });
  }
  return out;
}

/** `contentOf(fileId)` gives the article HTML a Matter zip carries next to the CSV. */
export function readMatterCsv(ctx: CsvContext, highlights: MatterHighlight[], contentOf?: (fileId: string) => string | undefined): void {
  const h = ctx.table.header;
  const it = column(h, 'title'),
    ia = column(h, 'author'),
    ip = column(h, 'publisher'),
    ir = column(h, 'read');
  const il = column(h, 'last interaction date', 'saved date', 'date saved'),
    ifi = column(h, 'file id');
  const used = new Set<MatterHighlight>();
  eachRow(ctx, (row, url, where) => {
    const title = cell(row, it),
      author = cell(row, ia);
    const item: ImportItem = {
      url,
      title,
      tags: [],
      // Matter writes no save date: the last interaction is the closest it has.
      savedAt: dateOf(ctx, row, il, 'Last Interaction Date'),
      status: bool(cell(row, ir)) ? 'archived' : 'unread',
      favorite: false,
      where,
    };
    if (author) item.author = author;
    const pub = cell(row, ip);
    if (pub) item.siteName = pub;
    // The highlights file names articles by title (and author) only.
    const hl = highlights.filter((x) => x.title === title && (!x.author || !author || x.author === author));
    for (const x of hl) used.add(x);
    if (hl.length) item.highlights = hl.map(({ text, createdAt }) => ({ text, createdAt }));
    const fileId = cell(row, ifi);
    const html = fileId && contentOf ? contentOf(fileId) : undefined;
    if (html) item.content = html;
    return item;
  });
  // Highlights whose title names no article of the history would otherwise vanish without a word.
  const lost = new Map<string, MatterHighlight[]>();
  for (const x of highlights)
    if (!used.has(x)) lost.set(`${x.title}\u0000${x.author}`, [...(lost.get(`${x.title}\u0000${x.author}`) ?? []), x]);
  for (const group of lost.values()) {
    const { title, author, where } = group[0];
    ctx.errors.push({
      where,
      reason: `${countOf(group.length, 'highlight')} of "${title || '(no title)'}"${author ? ` by ${author}` : ''} match no article of the reading history (Matter's highlights name articles by title only): not imported`,
    });
  }
}
