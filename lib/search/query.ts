// The search box language: free words (prefix-matched as you type), "quoted phrases", and operators
// tag:x  site:x  is:unread|archived|favorite|inprogress  time:<10 time:>20 time:5-15 time:10 (≤10)
// has:highlights  has:note (a note on a highlight or on the article).
// A leading minus excludes: -word  -"a phrase"  -tag:x  -site:x  -is:archived  -has:note.
// Operator values may be quoted (tag:"machine learning"). Unknown operators are searched as words,
// so a URL-ish "http:" or "note:" never silently vanishes.
import { fold, isCjkTerm, tokenize } from './tokenize';

export type IsFilter = 'unread' | 'archived' | 'favorite' | 'inprogress';
export type HasFilter = 'highlights' | 'note';

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
  has: HasFilter[];
  time: TimeRange[];
  /** Parts the parser could not use, for a hint under the box (e.g. "time:abc"). */
  invalid: string[];
  /** What a leading minus excludes (-word, -"phrase", -tag:x, -site:x, -is:x, -has:x). */
  not: Exclusions;
}

export interface Exclusions {
  /** Whole folded words (not prefixes: -trump must not hide "trumpet"). */
  words: string[];
  phrases: string[][];
  tags: string[];
  sites: string[];
  is: IsFilter[];
  has: HasFilter[];
}

const IS_ALIASES: Record<string, IsFilter> = {
  unread: 'unread',
  new: 'unread',
  archived: 'archived',
  archive: 'archived',
  read: 'archived',
  favorite: 'favorite',
  favourite: 'favorite',
  fav: 'favorite',
  starred: 'favorite',
  star: 'favorite',
  inprogress: 'inprogress',
  'in-progress': 'inprogress',
  progress: 'inprogress',
  started: 'inprogress',
};

const HAS_ALIASES: Record<string, HasFilter> = {
  highlights: 'highlights',
  highlight: 'highlights',
  highlighted: 'highlights',
  hl: 'highlights',
  note: 'note',
  notes: 'note',
  noted: 'note',
};

// A token: optional minus, optional op:, then a quoted string or a run of non-space characters.
const TOKEN = /(-)?(?:([a-z]+):)?(?:"([^"]*)"?|(\S+))/gi;

export function parseTime(v: string): TimeRange | null {
  const s = v.replace(/\s+/g, '').replace(/m(in)?$/i, '');
  let m: RegExpExecArray | null;
  if ((m = /^<=?(\d+(?:\.\d+)?)$/.exec(s))) return { min: 0, max: s[1] === '=' ? Number(m[1]) : Math.max(0, Number(m[1]) - 1e-9) };
  if ((m = /^>=?(\d+(?:\.\d+)?)$/.exec(s))) return { min: s[1] === '=' ? Number(m[1]) : Number(m[1]) + 1e-9, max: Infinity };
  if ((m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(s))) {
    const a = Number(m[1]),
      b = Number(m[2]);
    return { min: Math.min(a, b), max: Math.max(a, b) };
  }
  if ((m = /^(\d+(?:\.\d+)?)$/.exec(s))) return { min: 0, max: Number(m[1]) };
  return null;
}

export function parseQuery(input: string): ParsedQuery {
  const q: ParsedQuery = {
    words: [],
    phrases: [],
    tags: [],
    sites: [],
    is: [],
    has: [],
    time: [],
    invalid: [],
    not: { words: [], phrases: [], tags: [], sites: [], is: [], has: [] },
  };
  for (const m of input.matchAll(TOKEN)) {
    const op = m[2]?.toLowerCase();
    const quoted = m[3] !== undefined;
    const value = (quoted ? m[3] : m[4]) ?? '';
    // A lone "-" (or "-" before nothing searchable) is just punctuation.
    const neg = !!m[1] && (!!value.trim() || !!op);
    const into = neg ? q.not : q;
    if (op === 'tag' || op === 'tags') {
      if (value.trim()) into.tags.push(fold(value.trim()));
    } else if (op === 'site') {
      if (value.trim()) into.sites.push(fold(value.trim()).replace(/^www\./, ''));
    } else if (op === 'is') {
      const f = IS_ALIASES[fold(value)];
      if (f) into.is.push(f);
      else if (value) q.invalid.push(m[0]);
    } else if (op === 'has') {
      const f = HAS_ALIASES[fold(value)];
      if (f) into.has.push(f);
      else if (value) q.invalid.push(m[0]);
    } else if (op === 'time' && neg) {
      q.invalid.push(m[0]); // "not this long" is what time:>N says
    } else if (op === 'time') {
      const r = parseTime(value);
      if (r) q.time.push(r);
      else if (value) q.invalid.push(m[0]);
    } else {
      // Not an operator: the whole token (op: included) is text.
      const text = op ? `${m[2]}:${value}` : value;
      const terms = tokenize(text);
      if (neg) {
        if (terms.length > 1) q.not.phrases.push(terms);
        else q.not.words.push(...terms);
      } else if (quoted && terms.length > 1) q.phrases.push(terms);
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

/** True when the query itself says which articles to look at (words, operators or exclusions). */
export function narrows(q: ParsedQuery): boolean {
  const n = q.not;
  return (
    hasText(q) ||
    q.is.length + q.has.length + q.tags.length + q.sites.length + q.time.length > 0 ||
    n.words.length + n.phrases.length + n.tags.length + n.sites.length + n.is.length + n.has.length > 0
  );
}
