// Every date shape the sources write, to ISO-8601 UTC. Unix epochs in s/ms/µs/ns are told apart by
// magnitude (a plausible save date is 1980..2200 in exactly one unit); strings without a zone are UTC.

const MIN_YEAR = 1980;
const MAX_YEAR = 2200;

export type ParsedDate = string | null | undefined;

function plausible(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return y >= MIN_YEAR && y <= MAX_YEAR ? d.toISOString() : null;
}

/** Epoch number in an unknown unit: seconds below 1e11, ms below 1e14, µs below 1e17, else ns. */
export function epochToIso(n: number): string | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  const ms = n < 1e11 ? n * 1000 : n < 1e14 ? n : n < 1e17 ? n / 1000 : n / 1e6;
  return plausible(Math.round(ms));
}

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

function fromParts(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, frac = '', zone = ''): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return null; // 31 February and friends
  if (zone && !/^(?:z|utc|gmt)$/i.test(zone)) {
    const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (!m) return null;
    const off = (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
    t += m[1] === '+' ? -off : off;
  }
  return plausible(t);
}

export interface DateOptions {
  /** For "01/02/2020": day first (European) instead of month first. */
  dayFirst?: boolean;
}

/**
 * Returns ISO-8601 UTC, `undefined` when the value is empty (no date given), or `null` when a value
 * was given but cannot be read (callers report that and keep the item).
 */
export function parseDate(value: unknown, opts: DateOptions = {}): ParsedDate {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value === 0 ? undefined : epochToIso(value);
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (!v || v === '0') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(v)) return epochToIso(Number(v));
  let m = ISO_LIKE.exec(v);
  if (m) return fromParts(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7] ?? '', m[8] ?? '');
  m = SLASHED.exec(v);
  if (m) {
    let a = +m[1],
      b = +m[2];
    const dayFirst = a > 12 ? true : b > 12 ? false : !!opts.dayFirst;
    if (!dayFirst) [a, b] = [b, a];
    return fromParts(+m[3], b, a, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  // RFC 2822 / "Jul 17, 2023" and other named-month shapes: the engine's parser is reliable for these.
  if (MONTH_NAME.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : plausible(t);
  }
  return null;
}
