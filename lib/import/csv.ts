// RFC 4180 CSV through papaparse (quoted newlines, doubled quotes, CRLF, `;` or tab delimiters), with
// the 1-based line each record starts on, so errors can say where.
import Papa from 'papaparse';
import { lineIndex } from './text';

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
  return h.replace(/^\uFEFF/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function readCsv(text: string): CsvTable {
  const lineOf = lineIndex(text);
  const rows: CsvRow[] = [];
  const errors: CsvTable['errors'] = [];
  let prev = 0;
  let delimiter = ',';
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
    step(r) {
      // The cursor is the end of this record; the record starts after the previous one's line break(s).
      let start = prev;
      while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
      const line = lineOf(start);
      prev = r.meta.cursor;
      delimiter = r.meta.delimiter;
      for (const e of r.errors) {
        if (e.code === 'UndetectableDelimiter') continue;
        errors.push({ line, reason: e.code === 'MissingQuotes' ? 'a quoted field is never closed (the file may be cut off here)' : e.message });
      }
      rows.push({ fields: r.data, line });
    },
  });
  const first = rows.shift();
  const rawHeader = first?.fields ?? [];
  return { header: rawHeader.map(normHeader), rawHeader, rows, errors, delimiter };
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
