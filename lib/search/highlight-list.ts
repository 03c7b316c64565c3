// The All highlights view's list: every highlight with its article, filtered by colour, by the article's
// tag and by the search box, in memory. The box speaks the library's language (lib/search/query.ts):
// words match the quote, the note, the article's title and site by prefix; "phrases", -word and
// -"phrase" too; tag:, site:, is:, time: ask about the article; has:note keeps highlights with a note.
import type { ArticleRecord, HighlightColor, HighlightRecord } from '../db/schema';
import { displaySite, matchesOperators } from './list-query';
import type { ParsedQuery } from './query';
import { fold, tokenize } from './tokenize';

export interface HighlightItem {
  highlight: HighlightRecord;
  article: ArticleRecord;
}

export interface HighlightFilter {
  query: ParsedQuery;
  color?: HighlightColor | null;
  /** An article tag (as shown in the tag menu). */
  tag?: string | null;
  wpm: number;
}

/** " word word … ": folded tokens between spaces, so a prefix is `includes(' ' + w)`. */
const hayCache = new WeakMap<HighlightRecord, { article: ArticleRecord; hay: string }>();
function hayOf(h: HighlightRecord, a: ArticleRecord): string {
  const c = hayCache.get(h);
  if (c && c.article === a) return c.hay;
  const hay = ` ${tokenize(`${h.quote.exact} ${h.note ?? ''} ${a.title} ${displaySite(a)}`).join(' ')} `;
  hayCache.set(h, { article: a, hay });
  return hay;
}

/**
 * The highlights to show, in the order given (newest first), each with its article; highlights whose
 * article is not in `articles` (deleted meanwhile) are left out.
 */
export function listHighlights(
  all: readonly HighlightRecord[],
  articles: ReadonlyMap<number, ArticleRecord>,
  f: HighlightFilter,
): HighlightItem[] {
  const q = f.query;
  const tag = f.tag ? fold(f.tag) : null;
  // has:highlights is true of every row here; has:note asks about the highlight itself.
  const wantNote = q.has.includes('note') ? true : q.not.has.includes('note') ? false : null;
  const articleQuery: ParsedQuery = { ...q, has: [], not: { ...q.not, has: [] } };
  const verdict = new Map<number, boolean>();
  const articleOk = (a: ArticleRecord) => {
    let ok = verdict.get(a.id);
    if (ok === undefined) {
      ok = (!tag || a.tags.some((t) => fold(t) === tag)) && matchesOperators(a, articleQuery, f.wpm, undefined);
      verdict.set(a.id, ok);
    }
    return ok;
  };
  const out: HighlightItem[] = [];
  for (const h of all) {
    if (f.color && h.color !== f.color) continue;
    if (wantNote !== null && !!h.note?.trim() !== wantNote) continue;
    const a = articles.get(h.articleId);
    if (!a || !articleOk(a)) continue;
    if (q.words.length || q.phrases.length || q.not.words.length || q.not.phrases.length) {
      const hay = hayOf(h, a);
      if (!q.words.every((w) => hay.includes(` ${w}`))) continue;
      if (!q.phrases.every((p) => hay.includes(` ${p.join(' ')} `))) continue;
      if (q.not.words.some((w) => hay.includes(` ${w} `))) continue;
      if (q.not.phrases.some((p) => hay.includes(` ${p.join(' ')} `))) continue;
    }
    out.push({ highlight: h, article: a });
  }
  return out;
}

/** The tags of articles with highlights, with how many highlights each has, most first. */
export function highlightTags(all: readonly HighlightRecord[], articles: ReadonlyMap<number, ArticleRecord>): [string, number][] {
  const n = new Map<string, number>();
  for (const h of all) for (const t of articles.get(h.articleId)?.tags ?? []) n.set(t, (n.get(t) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
