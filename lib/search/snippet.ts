// The few words around a search hit, shown under each result so the reader sees why it matched.
// Works on the original text (folding changes lengths, so positions come from the text itself) and
// picks the window holding the most different query words.
import { fold } from './tokenize';
import type { ParsedQuery } from './query';

export interface SnippetPart {
  text: string;
  /** A query word. */
  hit: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
/** Matches looked at when choosing the window: enough for any screenful of text. */
const MAX_MATCHES = 400;

interface Match {
  start: number;
  end: number;
  term: number;
}

/**
 * Up to about `maxChars` characters of `text` around the best cluster of query words, split into plain
 * and matching parts, with "…" where the text was cut. Null when no query word occurs in the text
 * (it matched on the title, site or tags).
 */
export function snippet(text: string, q: Pick<ParsedQuery, 'words' | 'phrases'>, maxChars = 180): SnippetPart[] | null {
  // Typed words match as prefixes (as the search does), phrase words exactly.
  const prefixes = [...new Set(q.words)];
  const exact = [...new Set(q.phrases.flat())];
  if (!text || (!prefixes.length && !exact.length)) return null;
  const matches: Match[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = fold(m[0]);
    let term = prefixes.findIndex((p) => w.startsWith(p));
    if (term < 0) {
      const e = exact.indexOf(w);
      if (e >= 0) term = prefixes.length + e;
    }
    if (term < 0) continue;
    matches.push({ start: m.index!, end: m.index! + m[0].length, term });
    if (matches.length >= MAX_MATCHES) break;
  }
  if (!matches.length) return null;

  // The window (a little context before its first hit) with the most distinct terms; earliest wins ties.
  const lead = Math.min(40, Math.floor(maxChars / 4));
  let best = 0,
    bestCount = -1;
  for (let i = 0; i < matches.length; i++) {
    const from = Math.max(0, matches[i].start - lead);
    const seen = new Set<number>();
    for (let j = i; j < matches.length && matches[j].end <= from + maxChars; j++) seen.add(matches[j].term);
    if (seen.size > bestCount) {
      best = i;
      bestCount = seen.size;
    }
  }
  let from = Math.max(0, matches[best].start - lead);
  let to = Math.min(text.length, from + maxChars);
  if (to === text.length) from = Math.max(0, to - maxChars);
  // Cut at word boundaries, never inside a hit.
  if (from > 0) {
    const sp = text.indexOf(' ', from);
    if (sp >= 0 && sp < matches[best].start) from = sp + 1;
  }
  if (to < text.length) {
    const sp = text.lastIndexOf(' ', to);
    if (sp > from) to = Math.max(sp, Math.min(text.length, matches[best].end));
  }

  const parts: SnippetPart[] = [];
  const push = (s: string, hit: boolean) => {
    const t = s.replace(/\s+/g, ' ');
    if (t) parts.push({ text: t, hit });
  };
  let at = from;
  for (const m of matches) {
    if (m.start < from || m.end > to) continue;
    push(text.slice(at, m.start), false);
    push(text.slice(m.start, m.end), true);
    at = m.end;
  }
  push(text.slice(at, to), false);
  if (from > 0) parts.unshift({ text: '…', hit: false });
  if (to < text.length) parts.push({ text: '…', hit: false });
  return parts;
}
