import { describe, expect, it } from 'vitest';
import type { ArticleRecord, HighlightRecord } from '../../lib/db/schema';
import { articleRecord } from '../helpers/article-record';
import { highlightTags, listHighlights } from '../../lib/search/highlight-list';
import { parseQuery } from '../../lib/search/query';
import { parseRoute, routeHash } from '../../components/library/route';

function article(id: number, p: Partial<ArticleRecord> = {}): ArticleRecord {
  return articleRecord(id, {
    url: `https://site${id}.example/post`,
    originalUrl: `https://site${id}.example/post`,
    siteName: null,
    savedAt: 0,
    wordCount: 500,
    readingMinutes: 2,
    ...p,
  });
}
const hl = (id: string, articleId: number, exact: string, p: Partial<HighlightRecord> = {}): HighlightRecord => ({
  id,
  articleId,
  quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
  position: null,
  color: 'yellow',
  note: null,
  createdAt: 0,
  updatedAt: 0,
  anchor: 'placed',
  source: 'gist',
  ...p,
});

const articles = new Map(
  [
    article(1, { title: 'Rooftop bees', tags: ['Nature'] }),
    article(2, { title: 'Tram depots', tags: ['cities'], status: 'archived' }),
    article(3, { title: 'Gardens', tags: ['nature', 'cities'] }),
  ].map((a) => [a.id, a]),
);
// Newest first, as the view receives them.
const all = [
  hl('a', 1, 'The hives hum all summer', { color: 'green', note: 'Visit in July' }),
  hl('b', 2, 'The depot closed in 1962', { color: 'pink' }),
  hl('c', 3, 'Compost feeds the beds'),
  hl('d', 1, 'Queens live for years', { color: 'green' }),
  hl('e', 9, 'From an article deleted meanwhile'),
];
const list = (q: string, f: { color?: HighlightRecord['color']; tag?: string } = {}) =>
  listHighlights(all, articles, { query: parseQuery(q), wpm: 238, ...f }).map((i) => i.highlight.id);

describe('All highlights list', () => {
  it('keeps the order given, pairs each highlight with its article, skips those without one', () => {
    const items = listHighlights(all, articles, { query: parseQuery(''), wpm: 238 });
    expect(items.map((i) => i.highlight.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(items[1].article.title).toBe('Tram depots');
  });

  it('filters by colour and by the article tag (case-insensitive)', () => {
    expect(list('', { color: 'green' })).toEqual(['a', 'd']);
    expect(list('', { tag: 'nature' })).toEqual(['a', 'c', 'd']);
    expect(list('', { color: 'green', tag: 'cities' })).toEqual([]);
  });

  it('words match the quote, the note, the article title and site by prefix; phrases and exclusions too', () => {
    expect(list('hive')).toEqual(['a']);
    expect(list('july')).toEqual(['a']); // the note
    expect(list('rooftop')).toEqual(['a', 'd']); // the article title
    expect(list('site2')).toEqual(['b']); // the site (host)
    expect(list('"closed in 1962"')).toEqual(['b']);
    expect(list('rooftop -queens')).toEqual(['a']);
    expect(list('zzz')).toEqual([]);
  });

  it('article operators ask about the article; has:note about the highlight', () => {
    expect(list('tag:cities')).toEqual(['b', 'c']);
    expect(list('is:archived')).toEqual(['b']);
    expect(list('has:note')).toEqual(['a']);
    expect(list('-has:note')).toEqual(['b', 'c', 'd']);
    expect(list('has:highlights')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('tags of highlighted articles, by how many highlights they hold', () => {
    expect(highlightTags(all, articles)).toEqual([
      ['cities', 2],
      ['Nature', 2],
      ['nature', 1],
    ]);
  });
});

describe('library routes', () => {
  it('list, All highlights, the reader, and the reader at a highlight, both ways', () => {
    expect(parseRoute('')).toEqual({ kind: 'list' });
    expect(parseRoute('#highlights')).toEqual({ kind: 'highlights' });
    expect(parseRoute('#article/12')).toEqual({ kind: 'article', id: 12 });
    expect(parseRoute('#article/12?h=3f2a-bc')).toEqual({ kind: 'article', id: 12, highlightId: '3f2a-bc' });
    expect(parseRoute('#article/x')).toEqual({ kind: 'list' });
    for (const r of [
      { kind: 'list' },
      { kind: 'highlights' },
      { kind: 'article', id: 7 },
      { kind: 'article', id: 7, highlightId: 'a b&c' },
    ] as const)
      expect(parseRoute(routeHash(r) || '')).toEqual(r);
  });
});
