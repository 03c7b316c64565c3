// The CSV exports, told apart by their header names (never by column position: Pocket alone has two
// column orders). Each maps a row to an ImportItem; a bad row is reported with its line and skipped.
import type { Highlight } from '../db/schema';
import { cell, column, type CsvRow, type CsvTable } from './csv';
import { parseDate, type DateOptions } from './dates';
import { bool, checkUrl, progress } from './item';
import { cleanTags, parsePythonStringList, splitTags } from './text';
import type { ImportFormat, ImportItem, ImportProblem } from './types';

export type CsvKind =
  | Extract<ImportFormat, 'pocket-csv' | 'instapaper-csv' | 'readwise-csv' | 'matter' | 'raindrop-csv' | 'wallabag-csv' | 'csv'>
  | 'matter-highlights';

const URL_NAMES = ['url', 'link', 'href', 'uri', 'address', 'original url', 'source url'];

export function detectCsv(h: string[]): CsvKind | null {
  const has = (...n: string[]) => n.every((x) => h.includes(x));
  if (has('time_added') || (has('status') && has('cursor'))) return 'pocket-csv';
  if (has('selection') || (has('folder') && has('timestamp') && has('url') && !has('excerpt'))) return 'instapaper-csv';
  if (has('document tags') || has('saved date', 'location')) return 'readwise-csv';
  if (has('highlighted date', 'text')) return 'matter-highlights';
  if (has('file id') || has('word count', 'saved', 'read')) return 'matter';
  if (has('excerpt', 'folder') || has('cover', 'highlights') || has('note', 'folder', 'created')) return 'raindrop-csv';
  if (has('mime type') || has('creation date', 'content')) return 'wallabag-csv';
  if (URL_NAMES.some((n) => h.includes(n))) return 'csv';
  return null;
}

interface Ctx {
  file: string;
  table: CsvTable;
  items: ImportItem[];
  errors: ImportProblem[];
}

function dateOf(ctx: Ctx, row: CsvRow, i: number, label: string, opts?: DateOptions): string | null {
  const raw = cell(row, i);
  const d = parseDate(raw, opts);
  if (d === null) ctx.errors.push({ where: `${ctx.file}:${row.line}`, reason: `unreadable ${label} "${raw}"; saved date left empty` });
  return d ?? null;
}

function urlColumn(ctx: Ctx): number {
  const i = column(ctx.table.header, ...URL_NAMES);
  if (i === -1)
    ctx.errors.push({
      where: `${ctx.file}:1`,
      reason: `no URL column in the header (columns: ${ctx.table.rawHeader.join(', ') || 'none'}); no row can be imported`,
    });
  return i;
}

function eachRow(ctx: Ctx, fn: (row: CsvRow, url: string, where: string) => ImportItem | null): void {
  const iu = urlColumn(ctx);
  if (iu === -1) return;
  if (!ctx.table.rows.length) ctx.errors.push({ where: ctx.file, reason: 'the file has a header but no rows' });
  for (const row of ctx.table.rows) {
    const where = `${ctx.file}:${row.line}`;
    const url = checkUrl(cell(row, iu), where, ctx.errors);
    if (!url) continue;
    const item = fn(row, url, where);
    if (item) ctx.items.push(item);
  }
}

/** Tags written as JSON (`["a","b"]`), a Python list (Readwise), or separated by `sep`. */
function listCell(v: string, sep: string | RegExp): string[] {
  const s = v.trim();
  if (!s) return [];
  if (s.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return cleanTags(parsed);
    } catch {
      /* not JSON: maybe a Python repr */
    }
    const py = parsePythonStringList(s);
    if (py) return cleanTags(py);
  }
  return splitTags(s, sep);
}

function pocket(ctx: Ctx): void {
  const h = ctx.table.header;
  const it = column(h, 'title'),
    ia = column(h, 'time_added'),
    ig = column(h, 'tags'),
    is = column(h, 'status');
  const iff = column(h, 'favorite', 'is_favorite', 'starred');
  eachRow(ctx, (row, url, where) => ({
    url,
    title: cell(row, it),
    tags: splitTags(cell(row, ig), '|'),
    savedAt: dateOf(ctx, row, ia, 'time_added'),
    status: /^archive/i.test(cell(row, is)) ? 'archived' : 'unread',
    favorite: bool(cell(row, iff)),
    where,
  }));
}

const INSTAPAPER_FOLDERS: Record<string, Partial<ImportItem>> = {
  unread: { status: 'unread' },
  archive: { status: 'archived' },
  starred: { favorite: true },
};

function instapaper(ctx: Ctx): void {
  const h = ctx.table.header;
  const it = column(h, 'title'),
    isel = column(h, 'selection'),
    ifo = column(h, 'folder');
  const its = column(h, 'timestamp'),
    ig = column(h, 'tags');
  eachRow(ctx, (row, url, where) => {
    const folder = cell(row, ifo);
    const known = INSTAPAPER_FOLDERS[folder.toLowerCase()];
    const tags = listCell(cell(row, ig), ',');
    // A user folder is the user's own grouping: keep it as a tag (wallabag and readeck do the same).
    if (folder && !known) tags.push(folder);
    const item: ImportItem = {
      url,
      title: cell(row, it),
      tags: cleanTags(tags),
      savedAt: dateOf(ctx, row, its, 'Timestamp'),
      status: known?.status ?? 'unread',
      favorite: known?.favorite ?? false,
      where,
    };
    const sel = cell(row, isel);
    if (sel) item.highlights = [{ text: sel }];
    return item;
  });
}

function readwise(ctx: Ctx): void {
  const h = ctx.table.header;
  const it = column(h, 'title'),
    ig = column(h, 'document tags', 'tags'),
    id = column(h, 'saved date');
  const ip = column(h, 'reading progress'),
    il = column(h, 'location');
  eachRow(ctx, (row, url, where) => {
    const p = progress(cell(row, ip));
    const item: ImportItem = {
      url,
      title: cell(row, it),
      tags: listCell(cell(row, ig), ','),
      savedAt: dateOf(ctx, row, id, 'Saved date'),
      status: cell(row, il).toLowerCase() === 'archive' ? 'archived' : 'unread',
      favorite: false,
      where,
    };
    if (p !== undefined) item.progress = p;
    return item;
  });
}

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
function matter(ctx: Ctx, highlights: MatterHighlight[], contentOf?: (fileId: string) => string | undefined): void {
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
      reason: `${group.length} highlight(s) of "${title || '(no title)'}"${author ? ` by ${author}` : ''} match no article of the reading history (Matter's highlights name articles by title only): not imported`,
    });
  }
}

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

function raindrop(ctx: Ctx): void {
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

function wallabagCsv(ctx: Ctx): void {
  const h = ctx.table.header;
  const it = column(h, 'title'),
    ic = column(h, 'content'),
    ig = column(h, 'tags'),
    il = column(h, 'language');
  const id = column(h, 'creation date');
  eachRow(ctx, (row, url, where) => {
    const item: ImportItem = {
      url,
      title: cell(row, it),
      tags: splitTags(cell(row, ig), ','),
      // wallabag writes d/m/Y with a 12-hour clock and no AM/PM: the time of day may be 12 h off.
      savedAt: dateOf(ctx, row, id, 'Creation date', { dayFirst: true }),
      status: 'unread',
      favorite: false,
      where,
    };
    const content = cell(row, ic);
    if (content) item.content = content;
    const lang = cell(row, il);
    if (lang) item.lang = lang;
    return item;
  });
}

function generic(ctx: Ctx): void {
  const h = ctx.table.header;
  const it = column(h, 'title', 'name', 'description');
  const ig = column(h, 'tags', 'tag', 'labels', 'keywords');
  const id = column(
    h,
    'saved',
    'saved at',
    'saved date',
    'saved_at',
    'created',
    'created at',
    'created_at',
    'date added',
    'added',
    'added at',
    'date',
    'timestamp',
    'time',
  );
  const iff = column(h, 'favorite', 'favourite', 'starred', 'is_favorite', 'is_starred');
  const ir = column(h, 'archived', 'is_archived', 'read', 'is_read', 'status', 'state');
  eachRow(ctx, (row, url, where) => {
    const st = cell(row, ir).toLowerCase();
    return {
      url,
      title: cell(row, it),
      tags: listCell(cell(row, ig), /[,|;]/),
      savedAt: dateOf(ctx, row, id, h[id] ?? 'date'),
      status: bool(st) || /^(?:archived?|read)$/.test(st) ? 'archived' : 'unread',
      favorite: bool(cell(row, iff)),
      where,
    };
  });
}

export interface CsvExtras {
  matterHighlights?: MatterHighlight[];
  matterContent?: (fileId: string) => string | undefined;
}

export function parseCsvKind(
  kind: CsvKind,
  file: string,
  table: CsvTable,
  items: ImportItem[],
  errors: ImportProblem[],
  extras: CsvExtras = {},
): void {
  const ctx: Ctx = { file, table, items, errors };
  for (const e of table.errors) errors.push({ where: `${file}:${e.line}`, reason: e.reason });
  switch (kind) {
    case 'pocket-csv':
      return pocket(ctx);
    case 'instapaper-csv':
      return instapaper(ctx);
    case 'readwise-csv':
      return readwise(ctx);
    case 'matter':
      return matter(ctx, extras.matterHighlights ?? [], extras.matterContent);
    case 'raindrop-csv':
      return raindrop(ctx);
    case 'wallabag-csv':
      return wallabagCsv(ctx);
    case 'csv':
      return generic(ctx);
    case 'matter-highlights':
      errors.push({
        where: file,
        reason: "this is Matter's highlights file, which has no URLs: import the whole Matter zip or _matter_history.csv",
      });
      return;
  }
}
