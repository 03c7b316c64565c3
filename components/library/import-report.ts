// The import report: one row per item of the file (imported, merged into an article the library had,
// duplicate, failed, each with its reason) plus what the file reader noticed, so nothing is dropped
// silently. Saved as CSV. Everything is counted from the typed outcome fields, never from reason text.
import type { ImportRun } from './library-connector';

export type ReportOutcome = 'imported' | 'merged' | 'duplicate' | 'failed' | 'problem';

export interface ReportRow {
  where: string;
  url: string;
  outcome: ReportOutcome;
  reason: string;
}

export interface ImportReport {
  rows: ReportRow[];
  counts: Record<ReportOutcome, number>;
  /** Imported links that still need their page fetched. */
  toFetch: number;
}

export function buildReport(run: ImportRun): ImportReport {
  const rows: ReportRow[] = [];
  const counts: Record<ReportOutcome, number> = { imported: 0, merged: 0, duplicate: 0, failed: 0, problem: 0 };
  let toFetch = 0;
  const add = (row: ReportRow) => {
    rows.push(row);
    counts[row.outcome]++;
  };
  for (const o of run.outcomes) {
    add({ where: o.where, url: o.url, outcome: o.outcome, reason: o.reason });
    if (o.outcome === 'imported' && o.needsFetch) toFetch++;
  }
  // Highlights for URLs the file's list lacks: merged into the library's article, or a problem.
  for (const h of run.strayHighlights)
    add({ where: h.where, url: h.url, outcome: h.outcome === 'unmatched' ? 'problem' : h.outcome, reason: h.reason });
  // Repeats inside the file were merged into their first occurrence by the reader.
  for (const d of run.duplicates)
    add({ where: d.where, url: d.url, outcome: 'duplicate', reason: `repeated in the file; merged into ${d.keptWhere}` });
  // The reader's problems: rows it could not use at all, or fields it could not read (item kept).
  for (const e of run.errors) add({ where: e.where, url: '', outcome: 'problem', reason: e.reason });
  return { rows: inFileOrder(rows), counts, toFetch };
}

/** "file:12" / "file#12" → the file and the line or item number; a bare file name has no number. */
function position(where: string): { file: string; n: number } {
  const m = /^(.*?)[:#](\d+)$/.exec(where);
  return m ? { file: m[1], n: Number(m[2]) } : { file: where, n: -1 };
}

interface Keyed {
  r: ReportRow;
  i: number;
  f: number;
  n: number;
}
const before = (a: Keyed, b: Keyed) => a.f - b.f || a.n - b.n || a.i - b.i;

/**
 * Rows in the order their lines or items appear in the file (files of a ZIP in the order they first
 * come up); remarks about a whole file come before its rows. Stable: one line's rows keep their order.
 * The item outcomes come first and already in file order, the reader's remarks after them: the longest
 * ordered head is kept, only the tail is sorted and merged in (a 100,000-row report was one ~600 ms
 * sort on the page right after the import).
 */
export function inFileOrder(rows: ReportRow[]): ReportRow[] {
  const fileRank = new Map<string, number>();
  const keyed: Keyed[] = rows.map((r, i) => {
    const p = position(r.where);
    let f = fileRank.get(p.file);
    if (f === undefined) fileRank.set(p.file, (f = fileRank.size));
    return { r, i, f, n: p.n };
  });
  let head = 1;
  while (head < keyed.length && before(keyed[head - 1], keyed[head]) <= 0) head++;
  if (head >= keyed.length) return rows.slice();
  const tail = keyed.slice(head).sort(before);
  const out: ReportRow[] = new Array(keyed.length);
  let a = 0,
    b = 0;
  for (let k = 0; k < out.length; k++)
    out[k] = b >= tail.length || (a < head && before(keyed[a], tail[b]) <= 0) ? keyed[a++].r : tail[b++].r;
  return out;
}

const csvCell = (s: string) =>
  /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;

/** CSV (RFC 4180); cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function reportCsv(run: ImportRun, report: ImportReport): string {
  const lines = ['where,url,outcome,reason', ...report.rows.map((r) => [r.where, r.url, r.outcome, r.reason].map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function summaryText(run: ImportRun, report: ImportReport): string {
  const c = report.counts;
  const parts = [
    `${c.imported.toLocaleString()} imported`,
    `${c.merged.toLocaleString()} merged into existing articles`,
    `${c.duplicate.toLocaleString()} duplicate${c.duplicate === 1 ? '' : 's'}`,
    `${c.failed.toLocaleString()} failed`,
  ];
  if (c.problem) parts.push(`${c.problem.toLocaleString()} problem${c.problem === 1 ? '' : 's'} in the file`);
  const hl = highlightsText(run);
  return `${run.file} (${run.format}): ${parts.join(' · ')} in ${(run.ms / 1000).toFixed(1)} s${hl ? `. ${hl}` : ''}`;
}

/** "12 highlights: 9 placed in the text, 3 waiting for the page to be fetched" ('' when none were added). */
export function highlightsText(run: ImportRun): string {
  const h = run.highlights;
  if (!h?.added) return '';
  const parts = [
    h.placed ? `${h.placed.toLocaleString()} placed in the text` : '',
    h.waiting ? `${h.waiting.toLocaleString()} waiting for the page to be fetched` : '',
    h.unplaced ? `${h.unplaced.toLocaleString()} couldn't be placed (listed with their text)` : '',
  ].filter(Boolean);
  return `${h.added.toLocaleString()} highlight${h.added === 1 ? '' : 's'} imported${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
