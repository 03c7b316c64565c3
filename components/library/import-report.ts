// The import report: one row per item of the file (imported, duplicate merged, failed, each with its
// reason) plus what the file reader noticed, so nothing is dropped silently. Saved as CSV.
import type { ImportRun } from './library-connector';

export type ReportOutcome = 'imported' | 'duplicate' | 'failed' | 'problem';

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
  const counts: Record<ReportOutcome, number> = { imported: 0, duplicate: 0, failed: 0, problem: 0 };
  let toFetch = 0;
  for (const o of run.outcomes) {
    rows.push({ where: o.where, url: o.url, outcome: o.outcome, reason: o.reason });
    counts[o.outcome]++;
    if (o.outcome === 'imported' && !/with its content/.test(o.reason)) toFetch++;
  }
  // Repeats inside the file were merged into their first occurrence by the reader.
  for (const d of run.duplicates) {
    rows.push({ where: d.where, url: d.url, outcome: 'duplicate', reason: `repeated in the file; merged into ${d.keptWhere}` });
    counts.duplicate++;
  }
  // The reader's problems: rows it could not use at all, or fields it could not read (item kept).
  for (const e of run.errors) {
    rows.push({ where: e.where, url: '', outcome: 'problem', reason: e.reason });
    counts.problem++;
  }
  return { rows, counts, toFetch };
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s);

/** CSV (RFC 4180); cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function reportCsv(run: ImportRun, report: ImportReport): string {
  const lines = ['where,url,outcome,reason', ...report.rows.map((r) => [r.where, r.url, r.outcome, r.reason].map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function summaryText(run: ImportRun, report: ImportReport): string {
  const c = report.counts;
  const parts = [`${c.imported.toLocaleString()} imported`, `${c.duplicate.toLocaleString()} duplicate${c.duplicate === 1 ? '' : 's'} merged`, `${c.failed.toLocaleString()} failed`];
  if (c.problem) parts.push(`${c.problem.toLocaleString()} problem${c.problem === 1 ? '' : 's'} in the file`);
  return `${run.file} (${run.format}): ${parts.join(' · ')} in ${(run.ms / 1000).toFixed(1)} s`;
}
