// Raindrop.io's CSV export: the last part of the folder path becomes a tag, and one cell holds all of
// an item's highlights with their notes.
import type { Highlight } from '../db/schema';
import { cell, column } from './csv';
import { dateOf, eachRow, type CsvContext } from './csv-rows';
import { bool } from './item';
import { cleanTags, splitTags } from './text';
import type { ImportItem } from './types';

function raindropHighlights(v: string): Highlight[] {
  const s = v.trim();
  if (!s) return [];
  // Raindrop writes "Highlight: …" blocks, each optionally followed by "Note: …".
  if (/^highlight:/im.test(s)) {
    const out: Highlight[] = [];
    for (const block of s.split(/^(?=highlight:)/im)) {
      const body = block.trim().replace(/^highlight:\s*/i, '');
      const n = body.search(/^note:/im);
      const text = (n === -1 ? body : body.slice(0, n)).trim();
      const note =
        n === -1
          ? ''
          : body
              .slice(n)
              .replace(/^note:\s*/i, '')
              .trim();
      if (text) out.push(note ? { text, note } : { text });
    }
    return out;
  }
  return [{ text: s }];
}

export function readRaindropCsv(ctx: CsvContext): void {
  const h = ctx.table.header;
  const it = column(h, 'title'),
    ie = column(h, 'excerpt'),
    ifo = column(h, 'folder'),
    ig = column(h, 'tags');
  const ic = column(h, 'created'),
    ih = column(h, 'highlights'),
    iff = column(h, 'favorite'),
    inote = column(h, 'note');
  eachRow(ctx, (row, url, where) => {
    const tags = splitTags(cell(row, ig), ',');
    // The folder is the user's grouping; "Unsorted" is Raindrop's default, not a choice.
    const folder = cell(row, ifo)
      .split('/')
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
    if (folder && folder.toLowerCase() !== 'unsorted') tags.push(folder);
    const item: ImportItem = {
      url,
      title: cell(row, it),
      tags: cleanTags(tags),
      savedAt: dateOf(ctx, row, ic, 'created'),
      status: 'unread',
      favorite: bool(cell(row, iff)),
      where,
    };
    const ex = cell(row, ie) || cell(row, inote);
    if (ex) item.excerpt = ex;
    const hl = raindropHighlights(cell(row, ih));
    if (hl.length) item.highlights = hl;
    return item;
  });
}
