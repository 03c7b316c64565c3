import { describe, expect, it, vi } from 'vitest';
import type { ArticleRecord, HighlightRecord } from '../../lib/db/schema';
import {
  newestFirst,
  searchWithAnnotations,
  summarizeHighlights,
  syncAnnotationIndex,
  type Annotations,
} from '../../lib/search/annotations';
import { listArticles } from '../../lib/search/list-query';
import { parseQuery } from '../../lib/search/query';
import { TextIndex } from '../../lib/search/text-index';
import { articleRecord } from '../helpers/article-record';

function article(id: number, p: Partial<ArticleRecord> = {}): ArticleRecord {
  return articleRecord(id, {
    url: `https://example.org/${id}`,
    originalUrl: `https://example.org/${id}`,
    siteName: 'Example',
    savedAt: 1_700_000_000_000 + id,
    wordCount: 500,
    readingMinutes: 2,
    ...p,
  });
}

let n = 0;
function hl(articleId: number, exact: string, p: Partial<HighlightRecord> = {}): HighlightRecord {
  n++;
  return {
    id: `h${n}`,
    articleId,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: null,
    color: 'yellow',
    note: null,
    createdAt: 1_700_000_000_000 + n,
    updatedAt: 1_700_000_000_000 + n,
    anchor: 'placed',
    source: 'gist',
    ...p,
  };
}

/** Bodies of the articles in the full-text index (as index-sync builds it). */
function bodyIndex(texts: Record<number, string>): TextIndex {
  const ix = new TextIndex();
  for (const [id, text] of Object.entries(texts)) ix.add({ id: Number(id), title: `Article ${id}`, text, site: 'Example', tags: [] });
  return ix;
}

function annotate(articles: ArticleRecord[], highlights: HighlightRecord[]): Annotations {
  const summary = summarizeHighlights(highlights);
  const index = new TextIndex();
  syncAnnotationIndex(index, summary, articles);
  return { summary, index };
}

const ids = (r: { items: ArticleRecord[] }) => r.items.map((a) => a.id).sort((a, b) => a - b);

describe('highlight summaries', () => {
  it('count highlights and notes per article; newestFirst orders by creation time', () => {
    const hs = [hl(1, 'one'), hl(1, 'two', { note: 'mine' }), hl(2, 'three', { note: '   ' })];
    const s = summarizeHighlights(hs);
    expect(s.get(1)).toEqual({ count: 2, notes: 1, text: 'one\ntwo\nmine\n' });
    expect(s.get(2)).toMatchObject({ count: 1, notes: 0 });
    expect(newestFirst(hs).map((h) => h.id)).toEqual([hs[2].id, hs[1].id, hs[0].id]);
  });

  it('the index follows edits: changed text is re-indexed, articles without highlights or note leave it', () => {
    const articles = [article(1), article(2, { note: 'buy a beehive' })];
    const index = new TextIndex();
    expect(syncAnnotationIndex(index, summarizeHighlights([hl(1, 'lanterns at dusk')]), articles)).toBe(true);
    expect([...index.search([{ term: 'lantern', prefix: true }]).keys()]).toEqual([1]);
    expect([...index.search([{ term: 'beehive', prefix: false }]).keys()]).toEqual([2]);
    // Same content: nothing to do.
    expect(syncAnnotationIndex(index, summarizeHighlights([hl(1, 'lanterns at dusk')]), articles)).toBe(false);
    // Highlight deleted and the note cleared.
    expect(syncAnnotationIndex(index, new Map(), [article(1), article(2, { note: '' })])).toBe(true);
    expect(index.size).toBe(0);
  });
});

describe('article search over highlights and notes', () => {
  const articles = [
    article(1, { title: 'Bees on the roof', contentState: 'pending' }),
    article(2, { title: 'Trams' }),
    article(3, { title: 'Gardens', note: 'Ask Maria about the compost heap' }),
    article(4, { title: 'Nothing marked' }),
  ];
  // Article 1 is a link-only import: no body in the index, only its highlights.
  const body = bodyIndex({ 2: 'the old tram depot by the river', 3: 'raised beds and seedlings', 4: 'plain text about the river' });
  const highlights = [
    hl(1, 'The hives hum all summer', { note: 'visit in July' }),
    hl(2, 'old tram depot'),
    hl(2, 'river', { color: 'green' }),
  ];
  const ann = annotate(articles, highlights);
  const base = { view: 'all' as const, sort: 'relevance' as const, wpm: 238 };
  const list = (q: string, index: TextIndex | null = body, annotations: Annotations | null = ann) =>
    ids(listArticles(articles, { ...base, query: parseQuery(q), annotations }, index));

  it('a word only in a highlight note, a quote or the article note finds the article', () => {
    expect(list('july')).toEqual([1]);
    expect(list('hive')).toEqual([1]); // prefix, as in the text
    expect(list('compost')).toEqual([3]);
    // Without highlights the same searches find nothing.
    expect(list('july', body, null)).toEqual([]);
    expect(list('compost', body, null)).toEqual([]);
  });

  it('each word may match the text or the highlights; phrases too; still works while the text index builds', () => {
    expect(list('seedlings maria')).toEqual([3]); // body + article note
    expect(list('"visit in july"')).toEqual([1]);
    expect(list('july', null)).toEqual([1]);
    expect(list('"visit in july"', null)).toEqual([1]);
    expect(list('river')).toEqual([2, 4]);
  });

  it('-word and -"phrase" also exclude by highlights and notes', () => {
    expect(list('-maria')).toEqual([1, 2, 4]);
    expect(list('-"visit in july"')).toEqual([2, 3, 4]);
  });

  it('has:highlights, has:note (a highlight note or the article note) and their exclusions', () => {
    expect(list('has:highlights')).toEqual([1, 2]);
    expect(list('has:note')).toEqual([1, 3]);
    expect(list('-has:highlights')).toEqual([3, 4]);
    expect(list('-has:note')).toEqual([2, 4]);
    expect(list('has:highlights -has:note')).toEqual([2]);
    expect(list('river has:highlights')).toEqual([2]);
    // has: looks through every view, like the other operators.
    expect(ids(listArticles(articles, { ...base, view: 'archived', query: parseQuery('has:note'), annotations: ann }, body))).toEqual([
      1, 3,
    ]);
  });

  it('one call to the text index when no word is in any highlight or note (the usual case)', () => {
    const main = vi.fn(() => new Map([[4, 1]]));
    const q = [
      { term: 'plain', prefix: true },
      { term: 'text', prefix: true },
    ];
    expect([...searchWithAnnotations(q, main, ann.index).keys()]).toEqual([4]);
    expect(main).toHaveBeenCalledTimes(1);
    expect(main).toHaveBeenCalledWith(q);
  });
});
