// What every CSV reader shares: the URL column found by name, the row loop that checks each URL and
// reports a bad row with its line, dates that say which column could not be read, and list cells.
import { cell, column, type CsvRow, type CsvTable } from './csv';
import { parseDate, type DateOptions } from './dates';
import { checkUrl } from './item';
import { cleanTags, parsePythonStringList, splitTags } from './text';
import type { ImportItem, ImportProblem } from './types';

/** Header names of the URL column; detection also treats any of them as a generic CSV. */
export const URL_NAMES = ['url', 'link', 'href', 'uri', 'address', 'original url', 'source url'];

/** One CSV file being read: readers push items and located problems into the caller's arrays. */
export interface CsvContext {
  file: string;
  table: CsvTable;
  items: ImportItem[];
  errors: ImportProblem[];
}

export function dateOf(ctx: CsvContext, row: CsvRow, i: number, label: string, opts?: DateOptions): string | null {
  const raw = cell(row, i);
  const d = parseDate(raw, opts);
  if (d === null) ctx.errors.push({ where: `${ctx.file}:${row.line}`, reason: `unreadable ${label} "${raw}"; saved date left empty` });
  return d ?? null;
}

function urlColumn(ctx: CsvContext): number {
  const i = column(ctx.table.header, ...URL_NAMES);
  if (i === -1)
    ctx.errors.push({
      where: `${ctx.file}:1`,
      reason: `no URL column in the header (columns: ${ctx.table.rawHeader.join(', ') || 'none'}); no row can be imported`,
    });
  return i;
}

/** Calls `fn` for each row whose URL is a web page; `fn` returns the item, or null to skip the row. */
export function eachRow(ctx: CsvContext, fn: (row: CsvRow, url: string, where: string) => ImportItem | null): void {
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
export function listCell(v: string, sep: string | RegExp): string[] {
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
