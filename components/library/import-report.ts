// The import report: one row per item of the file (imported, merged into an article the library had,
// duplicate, failed, each with its reason) plus what the file reader noticed, so nothing is dropped
// silently. Saved as CSV. Everything is counted from the typed outcome fields, never from reason text.
// At 100,000 items building the rows is a second of work: the counts come first (one cheap pass), the
// rows are built by one generator that the page runs a slice per task (buildReportSliced) and tests run
// straight through (buildReport).
import type { ImportRun } from './library-connector';
import { formatDuration } from '../../lib/format/duration';
import { countOf } from '../../lib/format/count';

export type ReportOutcome = 'imported' | 'merged' | 'duplicate' | 'failed' | 'problem';

export interface ReportRow {
  where: string;
  url: string;
  outcome: ReportOutcome;
  reason: string;
}

/** A new article imported without its page (the report's "Fetch now" list). */
export interface LinkOnlyItem {
  id: number;
  url: string;
  where: string;
}

export interface ReportCounts {
  counts: Record<ReportOutcome, number>;
  /** Imported links that still need their page fetched. */
  toFetch: number;
}

export interface ImportReport extends ReportCounts {
  /** Every row, in file order. */
  rows: ReportRow[];
  /** The rows that are not plain imports (merged, duplicates, failures, problems), in file order. */
  notable: ReportRow[];
  /** The link-only articles, in file order. */
  links: LinkOnlyItem[];
}

const strayOutcome = (o: ImportRun['strayHighlights'][number]['outcome']): ReportOutcome => (o === 'unmatched' ? 'problem' : o);

/** The counts alone: one pass over the outcomes, no row built (the summary paints before the rows). */
export function reportCounts(run: ImportRun): ReportCounts {
  const counts: Record<ReportOutcome, number> = { imported: 0, merged: 0, duplicate: 0, failed: 0, problem: 0 };
  let toFetch = 0;
  for (const o of run.outcomes) {
    counts[o.outcome]++;
    if (o.outcome === 'imported' && o.needsFetch) toFetch++;
  }
  for (const h of run.strayHighlights) counts[strayOutcome(h.outcome)]++;
  counts.duplicate += run.duplicates.length;
  counts.problem += run.errors.length;
  return { counts, toFetch };
}

/** Rows between two looks at the clock (a generator step per row would cost more than the rows). */
const STEP = 2048;

/** Builds the report, yielding every `STEP` rows or so. */
function* reportSteps(run: ImportRun): Generator<void, ImportReport> {
  const rows: ReportRow[] = [];
  const links: LinkOnlyItem[] = [];
  for (let i = 0; i < run.outcomes.length; i++) {
    const o = run.outcomes[i];
    rows.push({ where: o.where, url: o.url, outcome: o.outcome, reason: o.reason });
    if (o.outcome === 'imported' && o.needsFetch && o.articleId !== undefined) links.push({ id: o.articleId, url: o.url, where: o.where });
    if (i % STEP === STEP - 1) yield;
  }
  // Highlights for URLs the file's list lacks: merged into the library's article, or a problem.
  for (const h of run.strayHighlights) rows.push({ where: h.where, url: h.url, outcome: strayOutcome(h.outcome), reason: h.reason });
  // Repeats inside the file were merged into their first occurrence by the reader.
  for (const d of run.duplicates)
    rows.push({ where: d.where, url: d.url, outcome: 'duplicate', reason: `repeated in the file; merged into ${d.keptWhere}` });
  // The reader's problems: rows it could not use at all, or fields it could not read (item kept).
  for (const e of run.errors) rows.push({ where: e.where, url: '', outcome: 'problem', reason: e.reason });
  yield;
  const ordered = yield* inFileOrderSteps(rows);
  const notable: ReportRow[] = [];
  for (let i = 0; i < ordered.length; i++) {
    if (ordered[i].outcome !== 'imported') notable.push(ordered[i]);
    if (i % STEP === STEP - 1) yield;
  }
  return { ...reportCounts(run), rows: ordered, notable, links };
}

/** Runs a step generator to its end. */
function straight<T>(g: Generator<void, T>): T {
  for (;;) {
    const s = g.next();
    if (s.done) return s.value;
  }
}

/** The whole report at once (tests, small runs). */
export function buildReport(run: ImportRun): ImportReport {
  return straight(reportSteps(run));
}

/**
 * The same report built ~`sliceMs` at a time with `pause()` between slices: the page paints and handles
 * input while a 100,000-item report is put together (it was one task of ~1 s after the import).
 */
export function buildReportSliced(run: ImportRun, pause: () => Promise<void>, sliceMs = 25): Promise<ImportReport> {
  return sliced(reportSteps(run), pause, sliceMs);
}

/** Runs a step generator ~`sliceMs` at a time, `pause()` between slices. */
async function sliced<T>(g: Generator<void, T>, pause: () => Promise<void>, sliceMs: number): Promise<T> {
  let t = performance.now();
  for (;;) {
    const s = g.next();
    if (s.done) return s.value;
    if (performance.now() - t >= sliceMs) {
      await pause();
      t = performance.now();
    }
  }
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
  return straight(inFileOrderSteps(rows));
}

function* inFileOrderSteps(rows: ReportRow[]): Generator<void, ReportRow[]> {
  const fileRank = new Map<string, number>();
  const keyed: Keyed[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const p = position(rows[i].where);
    let f = fileRank.get(p.file);
    if (f === undefined) fileRank.set(p.file, (f = fileRank.size));
    keyed[i] = { r: rows[i], i, f, n: p.n };
    if (i % STEP === STEP - 1) yield;
  }
  let head = 1;
  while (head < keyed.length && before(keyed[head - 1], keyed[head]) <= 0) head++;
  if (head >= keyed.length) return rows.slice();
  yield;
  const tail = keyed.slice(head).sort(before);
  yield;
  const out: ReportRow[] = new Array(keyed.length);
  let a = 0,
    b = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = b >= tail.length || (a < head && before(keyed[a], tail[b]) <= 0) ? keyed[a++].r : tail[b++].r;
    if (k % STEP === STEP - 1) yield;
  }
  return out;
}

const csvCell = (s: string) =>
  /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;

/** CSV (RFC 4180); cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function reportCsv(run: ImportRun, report: ImportReport): string {
  return straight(csvSteps(report)).join('');
}

/** The same CSV in parts, built ~`sliceMs` at a time (a 100,000-row report was one long task on the click). */
export function reportCsvSliced(report: ImportReport, pause: () => Promise<void>, sliceMs = 25): Promise<string[]> {
  return sliced(csvSteps(report), pause, sliceMs);
}

function* csvSteps(report: ImportReport): Generator<void, string[]> {
  const parts = ['where,url,outcome,reason\r\n'];
  const { rows } = report;
  for (let start = 0; start < rows.length; start += STEP) {
    let part = '';
    for (const r of rows.slice(start, start + STEP)) part += `${[r.where, r.url, r.outcome, r.reason].map(csvCell).join(',')}\r\n`;
    parts.push(part);
    yield;
  }
  return parts;
}

export function summaryText(run: ImportRun, report: ReportCounts): string {
  const c = report.counts;
  const parts = [
    `${c.imported.toLocaleString()} imported`,
    `${c.merged.toLocaleString()} merged into existing articles`,
    countOf(c.duplicate, 'duplicate'),
    `${c.failed.toLocaleString()} failed`,
  ];
  if (c.problem) parts.push(`${countOf(c.problem, 'problem')} in the file`);
  const hl = highlightsText(run);
  return `${run.file} (${run.format}): ${parts.join(' · ')} in ${formatDuration(run.ms)}${hl ? `. ${hl}` : ''}`;
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
  return `${countOf(h.added, 'highlight')} imported${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
