// RFC 4180 CSV through papaparse (quoted newlines, doubled quotes, CRLF, `;` or tab delimiters), with
// the 1-based line each record starts on, so errors can say where.
import Papa from 'papaparse';

export interface CsvRow {
  fields: string[];
  line: number;
}

export interface CsvTable {
  /** Normalised header names (lower case, single spaces). */
  header: string[];
  rawHeader: string[];
  rows: CsvRow[];
  errors: { line: number; reason: string }[];
  delimiter: string;
}

export function normHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function readCsv(text: string): CsvTable {
  const rows: CsvRow[] = [];
  const errors: CsvTable['errors'] = [];
  // One pass without step callbacks (several times faster); each record spans one line plus the line
  // breaks inside its quoted fields, which gives its line number without a cursor.
  const res = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] });
  const lineOfRow: number[] = [];
  let line = 1;
  res.data.forEach((fields, k) => {
    lineOfRow[k] = line;
    let breaks = 0;
    for (const f of fields) if (f.includes('\n')) breaks += f.split('\n').length - 1;
    line += 1 + breaks;
    if (fields.length === 1 && !fields[0].trim()) return; // blank line
    rows.push({ fields, line: lineOfRow[k] });
  });
  for (const e of res.errors) {
    if (e.code === 'UndetectableDelimiter' || e.row === undefined) continue;
    errors.push({
      line: lineOfRow[e.row] ?? line,
      reason: e.code === 'MissingQuotes' ? 'a quoted field is never closed (the file may be cut off here)' : e.message,
    });
  }
  const first = rows.shift();
  const rawHeader = first?.fields ?? [];
  return { header: rawHeader.map(normHeader), rawHeader, rows, errors, delimiter: res.meta.delimiter };
}

/** Index of the first column whose normalised name is one of `names`, or -1. */
export function column(header: string[], ...names: string[]): number {
  for (const n of names) {
    const i = header.indexOf(n);
    if (i !== -1) return i;
  }
  return -1;
}

export function cell(row: CsvRow, i: number): string {
  return i >= 0 ? (row.fields[i] ?? '').trim() : '';
}
