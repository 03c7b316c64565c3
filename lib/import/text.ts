// Small text helpers shared by the importers: decoding, line numbers, tag lists, lenient JSON.

/**
 * Text of an export file, BOM removed: UTF-16 when it starts with a UTF-16 BOM (Excel's "Unicode
 * text"), else UTF-8, else Windows-1252 (older Windows tools) rather than U+FFFD for every accent.
 */
export function decodeText(bytes: Uint8Array): string {
  let s: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) s = new TextDecoder('utf-16le').decode(bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) s = new TextDecoder('utf-16be').decode(bytes);
  else {
    s = utf8(bytes) ?? new TextDecoder('windows-1252').decode(bytes);
  }
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/**
 * Strict UTF-8, or null. A file cut short (full disk, interrupted download) may end inside a
 * multi-byte character: that unfinished character is dropped rather than the whole file read as
 * Windows-1252.
 */
function utf8(bytes: Uint8Array): string | null {
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    return strict.decode(bytes);
  } catch {
    const tail = unfinishedTail(bytes);
    if (!tail) return null;
    try {
      return strict.decode(bytes.subarray(0, bytes.length - tail));
    } catch {
      return null;
    }
  }
}

/** How many bytes at the end start a UTF-8 sequence that the end cuts off (0 when none do). */
function unfinishedTail(bytes: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= bytes.length; k++) {
    const b = bytes[bytes.length - k];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: the lead byte is further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/** Maps character offsets to 1-based line numbers with one pass over the text. */
export function lineIndex(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Trimmed, whitespace-collapsed, non-empty tags, first spelling kept for case-insensitive repeats. */
export function cleanTags(tags: Iterable<unknown>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    if (typeof t !== 'string' && typeof t !== 'number') continue;
    const s = String(t)
      .replace(/[ \t\n\r\f]+/g, ' ')
      .trim();
    const key = s.toLowerCase();
    if (!s || seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

export function splitTags(value: unknown, sep: string | RegExp): string[] {
  if (typeof value !== 'string' || !value.trim()) return [];
  return cleanTags(value.split(sep));
}

/**
 * A Python list literal of strings (Readwise writes `["don't", 'favorite', 'peanut, butter']`).
 * Returns null when the value is not such a list.
 */
export function parsePythonStringList(value: string): string[] | null {
  const s = value.trim();
  if (!s.startsWith('[') || !s.endsWith(']')) return null;
  const out: string[] = [];
  let i = 1;
  const end = s.length - 1;
  while (i < end) {
    const c = s[i];
    if (c === ' ' || c === ',' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    if (c !== '"' && c !== "'") return null;
    let j = i + 1,
      buf = '';
    for (; j < end && s[j] !== c; j++) {
      if (s[j] === '\\' && j + 1 < end) {
        const n = s[++j];
        buf += n === 'n' ? '\n' : n === 't' ? '\t' : n;
      } else buf += s[j];
    }
    if (s[j] !== c) return null;
    out.push(buf);
    i = j + 1;
  }
  return out;
}

export interface LenientJson {
  value: unknown;
  /** Set when the text was not valid JSON; for a top-level array, `value` holds the readable elements. */
  errors?: { offset: number; reason: string }[];
  /** For a recovered array: the index of each kept element in the original array. */
  indexes?: number[];
}

/**
 * JSON.parse, and when that fails on a top-level array (a truncated or hand-damaged export), split the
 * array into its elements and parse each on its own so the good ones survive.
 */
export function parseJsonLenient(text: string): LenientJson {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const start = text.search(/\S/);
    if (start === -1 || text[start] !== '[') return { value: undefined, errors: [{ offset: Math.max(0, start), reason }] };
    const elements: unknown[] = [];
    const indexes: number[] = [];
    const errors: { offset: number; reason: string }[] = [];
    let depth = 0,
      inStr = false,
      elStart = start + 1,
      index = 0;
    const flush = (endAt: number) => {
      const raw = text.slice(elStart, endAt);
      if (raw.trim()) {
        try {
          elements.push(JSON.parse(raw));
          indexes.push(index);
        } catch (err) {
          errors.push({
            offset: elStart + (raw.length - raw.trimStart().length),
            reason: `item ${index}: ${err instanceof Error ? err.message : String(err)}`,
          });
        }
        index++;
      }
    };
    let i = start + 1;
    for (; i < text.length; i++) {
      const c = text[i];
      if (inStr) {
        if (c === '\\') i++;
        else if (c === '"') inStr = false;
        continue;
      }
      if (c === '"') inStr = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (depth === 0) {
          flush(i);
          elStart = -1;
          break;
        }
        depth--;
      } else if (c === ',' && depth === 0) {
        flush(i);
        elStart = i + 1;
      }
    }
    if (elStart !== -1) {
      // Ran off the end: the file is cut. The unfinished last element is the error.
      const raw = text.slice(elStart);
      if (raw.trim()) {
        errors.push({
          offset: elStart + (raw.length - raw.trimStart().length),
          reason: `item ${index}: cut off (the file ends inside it)`,
        });
      } else errors.push({ offset: text.length, reason: 'the file ends before the closing "]"' });
    } else if (text.slice(i + 1).trim()) {
      errors.push({ offset: i + 1, reason: 'unexpected text after the closing "]"' });
    }
    if (!errors.length) errors.push({ offset: 0, reason });
    return { value: elements, errors, indexes };
  }
}
