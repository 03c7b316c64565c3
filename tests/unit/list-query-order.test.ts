// The list's order without a full multi-key sort per keystroke (lib/search/list-query.ts): the articles are
// taken newest first, and each sort then needs one key (stable) or none. These tests hold it to the order
// a comparator over every key gives, on a library full of ties, whatever order the list arrives in.
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../lib/db/schema';
import { listArticles, minutesAt, newestFirst, type SortKey, type StatusView } from '../../lib/search/list-query';
import { parseQuery } from '../../lib/search/query';
import { TextIndex } from '../../lib/search/text-index';
import { indexDoc } from '../../lib/search/index-doc';

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

// Few distinct save times, titles and lengths: most keys tie, so the tie-breaks decide much of the order.
function rec(id: number): ArticleRecord {
  const full = rand() < 0.8;
  return {
    id,
    url: `https://s${id % 5}.example/a${id}`,
    originalUrl: `https://s${id % 5}.example/a${id}`,
    title: pick(['Bees and honey', 'Bees in the city', 'The honey market', 'City bees', 'bees']),
    byline: null,
    siteName: null,
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    savedAt: 1_700_000_000_000 + Math.floor(rand() * 6) * 1000,
    updatedAt: 0,
    status: rand() < 0.3 ? 'archived' : 'unread',
    favorite: rand() < 0.3 ? 1 : 0,
    tags: rand() < 0.5 ? ['garden'] : [],
    tagCandidates: [],
    tagsEdited: false,
    wordCount: full ? pick([200, 1000, 3000]) : 0,
    cjkChars: 0,
    imageCount: 0,
    readingMinutes: 1,
    progress: rand() < 0.2 ? 0.5 : 0,
    contentState: full ? 'full' : 'pending',
  };
}

// Ids unrelated to the save order, the list shuffled.
const ids = Array.from({ length: 400 }, (_, i) => i + 1).sort(() => rand() - 0.5);
const shuffled = ids.map(rec).sort(() => rand() - 0.5);
const bodies = new Map(shuffled.map((a) => [a.id, rand() < 0.5 ? 'bees make honey near the city' : 'a market']));
const index = new TextIndex();
for (const a of shuffled) index.add(indexDoc(a, bodies.get(a.id)!));
// The same library under ids far apart (scores then stay in a Map rather than an array by id).
const sparse = shuffled.map((a) => ({ ...a, id: a.id * 1_000_003 }));
const sparseIndex = new TextIndex();
for (const a of sparse) sparseIndex.add(indexDoc(a, bodies.get(a.id / 1_000_003)!));
const WPM = 238;

/** The order list-query.ts defined before: a comparator over the sort's key, the save time, then the id. */
function byComparator(items: ArticleRecord[], sort: SortKey, scores: Map<number, number> | null): ArticleRecord[] {
  const tie = sort === 'oldest' ? 1 : -1;
  const key = (a: ArticleRecord) =>
    sort === 'relevance'
      ? -(scores!.get(a.id) ?? 0)
      : sort === 'oldest'
        ? a.savedAt
        : sort === 'shortest'
          ? (minutesAt(a, WPM) ?? Infinity)
          : sort === 'longest'
            ? -(minutesAt(a, WPM) ?? -Infinity)
            : -a.savedAt;
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return [...items].sort((a, b) =>
    sort === 'title'
      ? collator.compare(a.title, b.title) || b.savedAt - a.savedAt || b.id - a.id
      : key(a) - key(b) || tie * (a.savedAt - b.savedAt) || tie * (a.id - b.id),
  );
}

const SORTS: SortKey[] = ['relevance', 'newest', 'oldest', 'shortest', 'longest', 'title'];
const CASES: [StatusView, string][] = [
  ['all', ''],
  ['unread', ''],
  ['all', 'bees'],
  ['unread', 'hon'],
  ['all', 'city bees'],
  ['all', 'is:favorite bees'],
  ['all', 'tag:garden'],
  ['all', 'bees -market'],
];

describe('list order', () => {
  it('newestFirst orders newest saved first, ties by the higher id, and returns a list already so unchanged', () => {
    const before = shuffled.map((a) => a.id);
    const sorted = newestFirst(shuffled);
    expect(sorted).not.toBe(shuffled);
    expect(shuffled.map((a) => a.id)).toEqual(before);
    expect(sorted.map((a) => a.id)).toEqual(byComparator(shuffled, 'newest', null).map((a) => a.id));
    expect(newestFirst(sorted)).toBe(sorted);
  });

  for (const [view, q] of CASES)
    for (const sort of SORTS)
      it(`${view} / ${JSON.stringify(q)} / ${sort}: the comparator's order and the same articles, from any input order and ids`, () => {
        const o = { view, sort, wpm: WPM, query: parseQuery(q) };
        const fromShuffled = listArticles(shuffled, o, index);
        const fromNewest = listArticles(newestFirst(shuffled), o, index);
        const reversed = listArticles([...shuffled].reverse(), o, index);
        const fromSparse = listArticles(sparse, o, sparseIndex);
        const got = fromShuffled.items.map((a) => a.id);
        expect(got.length).toBeGreaterThan(0);
        const effective = sort === 'relevance' && !fromShuffled.scores ? 'newest' : sort;
        expect(got).toEqual(byComparator(fromShuffled.items, effective, fromShuffled.scores).map((a) => a.id));
        expect(fromNewest.items.map((a) => a.id)).toEqual(got);
        expect(reversed.items.map((a) => a.id)).toEqual(got);
        expect(fromSparse.items.map((a) => a.id / 1_000_003)).toEqual(got);
        expect(fromSparse.items.map((a) => a.id)).toEqual(byComparator(fromSparse.items, effective, fromSparse.scores).map((a) => a.id));
      });

  it('keeps the same articles as a plain check of each filter, and does not reorder or change the input list', () => {
    const before = shuffled.map((a) => a.id);
    const r = listArticles(shuffled, { view: 'all', sort: 'relevance', wpm: WPM, query: parseQuery('is:favorite bees') }, index);
    const want = shuffled.filter((a) => a.favorite === 1 && index.search([{ term: 'bees', prefix: true }]).has(a.id));
    expect(new Set(r.items.map((a) => a.id))).toEqual(new Set(want.map((a) => a.id)));
    expect(r.items).toHaveLength(want.length);
    const unread = listArticles(shuffled, { view: 'unread', sort: 'oldest', wpm: WPM }, null).items;
    expect(unread.map((a) => a.id).sort()).toEqual(
      shuffled
        .filter((a) => a.status === 'unread')
        .map((a) => a.id)
        .sort(),
    );
    expect(shuffled.map((a) => a.id)).toEqual(before);
  });

  it("finds a search's hits by id as walking the list does: an article listed twice is kept twice", () => {
    const o = { view: 'all' as const, sort: 'newest' as const, wpm: WPM, query: parseQuery('bees') };
    const hits = index.search([{ term: 'bees', prefix: true }]);
    const list = newestFirst(shuffled);
    const twice = [...list, list.find((a) => hits.has(a.id))!];
    const walked = twice.filter((a) => hits.has(a.id));
    expect(listArticles(twice, o, index).items).toHaveLength(walked.length);
    expect(new Set(listArticles(twice, o, index).items)).toEqual(new Set(walked));
  });

  it('looks again at a list grown in place since it was last listed (what it remembers per list is per length)', () => {
    const o = { view: 'all' as const, sort: 'newest' as const, wpm: WPM, query: parseQuery('bees') };
    const list = newestFirst(shuffled).slice(0, 200);
    const before = listArticles(list, o, index).items;
    // Older than every other and out of id order: the list is no longer newest first.
    const added = { ...rec(5000), title: 'bees', savedAt: 1 };
    const withAdded = new TextIndex();
    for (const a of [...list, added]) withAdded.add(indexDoc(a, bodies.get(a.id) ?? 'bees'));
    list.unshift(added);
    const after = listArticles(list, o, withAdded).items;
    expect(after.map((a) => a.id)).toEqual([...before.map((a) => a.id), added.id]);
  });

  it('tests an operator against the article now at each place of a list grown in place since it was last listed', () => {
    const o = { view: 'all' as const, sort: 'newest' as const, wpm: WPM, query: parseQuery('tag:bumblebee') };
    const list = newestFirst(shuffled).slice(0, 100);
    expect(listArticles(list, o, index).items).toEqual([]);
    const added = { ...rec(6000), tags: ['bumblebee'] };
    list.unshift(added);
    expect(listArticles(list, o, index).items).toEqual([added]);
  });
});
