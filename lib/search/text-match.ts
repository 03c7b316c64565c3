// A query's words and phrases against the articles: as index queries, by the index (and the highlights
// and notes) for -exclusions, and by titles, sites and tags while the index is not there.
import type { ArticleRecord } from '../db/schema';
import { tokenize } from './tokenize';
import { displaySite, folded } from './article-derived';
import type { ParsedQuery } from './query';
import type { TermQuery, TextIndex } from './text-index';

/**
 * Ids of the articles a query's -word and -"phrase" exclude (by the index, else by title, site and tags;
 * and by their highlights and notes).
 */
export function excludedByText(all: ArticleRecord[], q: ParsedQuery, index: TextIndex | null, notes: TextIndex | null): Set<number> | null {
  const { words, phrases } = q.not;
  if (!words.length && !phrases.length) return null;
  const out = new Set<number>();
  if (notes) {
    for (const w of words) for (const id of notes.search([{ term: w, prefix: false }]).keys()) out.add(id);
    if (phrases.length) for (const id of notes.ids()) if (phrases.some((p) => notes.hasPhrases(id, [p]))) out.add(id);
  }
  if (index) for (const w of words) for (const id of index.search([{ term: w, prefix: false }]).keys()) out.add(id);
  // A loaded index whose phrase part is still on its way: titles, sites and tags for the phrases meanwhile.
  if (index?.phrasesReady) {
    if (phrases.length) for (const a of all) if (phrases.some((p) => index.hasPhrases(a.id, [p]))) out.add(a.id);
    return out;
  }
  if (index && !phrases.length) return out;
  for (const a of all) {
    const terms = tokenize(`${a.title} ${displaySite(a)} ${a.tags.join(' ')}`);
    if ((!index && words.some((w) => terms.includes(w))) || phrases.some((p) => containsPhrase(terms, p))) out.add(a.id);
  }
  return out;
}

/** Words and phrase terms as index queries: words match by prefix, phrase words exactly. */
export function termQueries(q: ParsedQuery): TermQuery[] {
  const seen = new Set<string>();
  const out: TermQuery[] = [];
  for (const w of q.words)
    if (!seen.has(`w${w}`)) {
      seen.add(`w${w}`);
      out.push({ term: w, prefix: true });
    }
  for (const p of q.phrases)
    for (const w of p)
      if (!seen.has(`p${w}`)) {
        seen.add(`p${w}`);
        out.push({ term: w, prefix: false });
      }
  return out;
}

/** Phrase terms in order inside already-folded, tokenized text. */
export function containsPhrase(terms: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= terms.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (terms[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** Title, site and tag matches while the full-text index builds, so the box is never dead. */
export function titleScores(all: ArticleRecord[], queries: TermQuery[]): Map<number, number> {
  const scores = new Map<number, number>();
  const terms = queries.map((t) => t.term);
  for (const a of all) {
    const f = folded(a);
    const hay = `${f.title} ${f.site} ${f.tags.join(' ')}`;
    if (terms.every((t) => hay.includes(t))) scores.set(a.id, f.title.includes(terms[0]) ? 2 : 1);
  }
  return scores;
}
