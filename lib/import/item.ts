// Checks shared by all importers: which URLs can become articles, and how a bad value is reported.
import type { ImportProblem } from './types';

/** Web pages only: other schemes cannot be fetched and read (ftp:, place:, mailto:, javascript:…). */
export function checkUrl(raw: unknown, where: string, errors: ImportProblem[]): string | null {
  if (typeof raw !== 'string' || !raw.trim()) {
    errors.push({ where, reason: 'no URL' });
    return null;
  }
  const s = raw.trim();
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    errors.push({ where, reason: `not a valid absolute URL: "${s.slice(0, 200)}"` });
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    errors.push({ where, reason: `not a web page (${u.protocol} URL, only http and https can be saved): "${s.slice(0, 200)}"` });
    return null;
  }
  return s;
}

export function bool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return /^(?:1|true|yes|y|on)$/i.test(v.trim());
  return false;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** 0..1 from a fraction (or a percentage when `percent`, or written with "%"); undefined when absent. */
export function progress(v: unknown, percent = false): number | undefined {
  const s = typeof v === 'string' ? v.trim() : '';
  const n = typeof v === 'number' ? v : s ? Number(s.replace(/%$/, '')) : NaN;
  if (!Number.isFinite(n) || n < 0) return undefined;
  const f = percent || s.endsWith('%') ? n / 100 : n;
  return Math.min(1, f);
}
