// The search box language: free words (prefix-matched as you type), "quoted phrases", and operators
// tag:x  site:x  is:unread|archived|favorite|inprogress  time:<10 time:>20 time:5-15 time:10 (≤10).
// Operator values may be quoted (tag:"machine learning"). Unknown operators are searched as words,
// so a URL-ish "http:" or "note:" never silently vanishes.
import { fold, isCjkTerm, tokenize } from './tokenize';

export type IsFilter = 'unread' | 'archived' | 'favorite' | 'inprogress';

export interface TimeRange {
  /** Inclusive minutes. */
  min: number;
  max: number;
}

export interface ParsedQuery {
  /** Free words, folded. */
  words: string[];
  /** Each phrase as its folded terms, in order (at least two). */
  phrases: string[][];
  tags: string[];
  sites: string[];
  is: IsFilter[];
  time: TimeRange[];
  /** Parts the parser could not use, for a hint under the box (e.g. "time:abc"). */
  invalid: string[];
}

const IS_ALIASES: Record<string, IsFilter> = {
  unread: 'unread', new: 'unread', archived: 'archived', archive: 'archived', read: 'archived',
  favorite: 'favorite', favourite: 'favorite', fav: 'favorite', starred: 'favorite', star: 'favorite',
  inprogress: 'inprogress', 'in-progress': 'inprogress', progress: 'inprogress', started: 'inprogress',
};

// A token: optional op:, then a quoted string or a run of non-space characters.
const TOKEN = /(?:([a-z]+):)?(?:"([^"]*)"?|(\S+))/gi;

export function parseTime(v: string): TimeRange | null {
  const s = v.replace(/\s+/g, '').replace(/m(in)?$/i, '');
  let m: RegExpExecArray | null;
  if ((m = /^<=?(\d+(?:\.\d+)?)$/.exec(s))) return { min: 0, max: s[1] === '=' ? Number(m[1]) : Math.max(0, Number(m[1]) - 1e-9) };
  if ((m = /^>=?(\d+(?:\.\d+)?)$/.exec(s))) return { min: s[1] === '=' ? Number(m[1]) : Number(m[1]) + 1e-9, max: Infinity };
  if ((m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(s))) {
    const a = Number(m[1]), b = Number(m[2]);
    return { min: Math.min(a, b), max: Math.max(a, b) };
  }
  if ((m = /^(\d+(?:\.\d+)?)$/.exec(s))) return { min: 0, max: Number(m[1]) };
  return null;
}

export function parseQuery(input: string): ParsedQuery {
  const q: ParsedQuery = { words: [], phrases: [], tags: [], sites: [], is: [], time: [], invalid: [] };
  for (const m of input.matchAll(TOKEN)) {
    const op = m[1]?.toLowerCase();
    const quoted = m[2] !== undefined;
    const value = (quoted ? m[2] : m[3]) ?? '';
    if (op === 'tag' || op === 'tags') {
      if (value.trim()) q.tags.push(fold(value.trim()));
    } else if (op === 'site') {
      if (value.trim()) q.sites.push(fold(value.trim()).replace(/^www\./, ''));
    } else if (op === 'is') {
      const f = IS_ALIASES[fold(value)];
      if (f) q.is.push(f);
      else if (value) q.invalid.push(m[0]);
    } else if (op === 'time') {
      const r = parseTime(value);
      if (r) q.time.push(r);
      else if (value) q.invalid.push(m[0]);
    } else {
      // Not an operator: the whole token (op: included) is text.
      const text = op ? `${m[1]}:${value}` : value;
      const terms = tokenize(text);
      if (quoted && terms.length > 1) q.phrases.push(terms);
      else if (!quoted && terms.length > 1 && terms.some(isCjkTerm)) {
        // "東京都" is one word to the reader: match its characters in order.
        q.phrases.push(terms);
      } else q.words.push(...terms);
    }
  }
  return q;
}

export function hasText(q: ParsedQuery): boolean {
  return q.words.length > 0 || q.phrases.length > 0;
}
