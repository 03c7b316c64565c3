// The list's per-article derived values survive re-reads of the table (new record objects with the same
// fields), are recomputed for edited articles, and the facet counts kept incrementally equal a count
// from scratch.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleRecord } from '../../lib/db/schema';

const calls = vi.hoisted(() => ({ fold: 0, host: 0, minutes: 0 }));
vi.mock('../../lib/search/tokenize', async (orig) => {
  const m = await orig<typeof import('../../lib/search/tokenize')>();
  return { ...m, fold: (s: string) => (calls.fold++, m.fold(s)) };
});
vi.mock('../../lib/url/host', async (orig) => {
  const m = await orig<typeof import('../../lib/url/host')>();
  return { ...m, displayHost: (u: string) => (calls.host++, m.displayHost(u)) };
});
vi.mock('../../lib/reading-time/index', async (orig) => {
  const m = await orig<typeof import('../../lib/reading-time/index')>();
  return { ...m, minutesForSpeed: (...a: Parameters<typeof m.minutesForSpeed>) => (calls.minutes++, m.minutesForSpeed(...a)) };
});

const { listArticles, facets, minutesAt, displaySite } = await import('../../lib/search/list-query');
const { FacetCounter } = await import('../../lib/search/facet-counts');
const { parseQuery } = await import('../../lib/search/query');

let nextId = 1;
function rec(over: Partial<ArticleRecord> = {}): ArticleRecord {
  const id = nextId++;
  return {
    id,
    url: `https://www.s${id % 7}.example/a${id}`,
    originalUrl: `https://www.s${id % 7}.example/a${id}`,
    title: `Café number ${id}`,
    byline: null,
    siteName: id % 3 ? null : `Site ${id % 5}`,
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    savedAt: 1_700_000_000_000 + id,
    updatedAt: 1_700_000_000_000 + id,
    status: 'unread',
    favorite: 0,
    tags: id % 2 ? [`tag${id % 4}`, 'common'] : [],
    tagCandidates: [],
    tagsEdited: false,
    wordCount: 100 * (id % 13),
    cjkChars: 0,
    imageCount: id % 2,
    readingMinutes: 2,
    progress: 0,
    contentState: 'full',
    ...over,
  };
}
const library = (n: number) => Array.from({ length: n }, () => rec()).reverse();
/** What the live list hands over after a write: the same rows as new objects. */
const reread = (list: ArticleRecord[]) => structuredClone(list);
/** The calls `f` makes to the counted functions. */
function counted(f: () => void): { fold: number; host: number; minutes: number } {
  const before = { ...calls };
  f();
  return { fold: calls.fold - before.fold, host: calls.host - before.host, minutes: calls.minutes - before.minutes };
}

// Everything the list derives per article: a site: operator (folded site and host), a tag filter
// (folded tags), a time filter and the shortest-first sort (minutes).
const opts = { view: 'all' as const, sort: 'shortest' as const, wpm: 238, time: '5-15', tag: 'common', query: parseQuery('site:example') };

beforeEach(() => {
  calls.fold = calls.host = calls.minutes = 0;
});

describe('list caches across re-reads', () => {
  it('a re-read of unchanged records does not recompute folded text, sites or minutes', () => {
    const list = library(300);
    const first = listArticles(list, opts, null).items.map((a) => a.id);
    expect(first.length).toBeGreaterThan(0);
    expect(calls.fold).toBeGreaterThan(0);
    expect(calls.host).toBeGreaterThan(0);
    expect(calls.minutes).toBeGreaterThan(0);
    // What one call costs when every record is already known (folding the tag filter itself).
    const overhead = counted(() => listArticles(list, opts, null));
    const again = reread(list);
    const cost = counted(() => {
      expect(listArticles(again, opts, null).items.map((a) => a.id)).toEqual(first);
      for (const a of again) displaySite(a);
    });
    expect(cost).toEqual(overhead);
  });

  it('recomputes only the edited articles, and shows their new values', () => {
    const list = library(200);
    listArticles(list, opts, null);
    const edited = reread(list);
    const i = edited.findIndex((a) => a.siteName === null);
    const j = edited.findIndex((a, k) => k !== i && a.siteName !== null && a.contentState === 'full');
    edited[i] = { ...edited[i], siteName: 'Renamed Paper', tags: ['fresh'] };
    edited[j] = { ...edited[j], contentState: 'pending' };
    const byFresh = { ...opts, time: null, tag: 'fresh', query: parseQuery('site:renamed') };
    const run = (l: ArticleRecord[]) => {
      const found = listArticles(l, byFresh, null).items;
      listArticles(l, opts, null);
      return found;
    };
    const unchanged = counted(() => run(reread(list)));
    const changed = counted(() => expect(run(edited).map((a) => a.id)).toEqual([edited[i].id]));
    expect(displaySite(edited[i])).toBe('Renamed Paper');
    expect(minutesAt(edited[j], 238)).toBeNull();
    // The two edited articles' titles, sites and tags folded again, and their hosts; nothing for the 198 others.
    expect(changed.fold - unchanged.fold).toBe(2 + 1 + 2 + edited[j].tags.length);
    expect(changed.host - unchanged.host).toBe(2);
  });

  it('a new reading speed recomputes minutes', () => {
    const [a] = library(1);
    const slow = minutesAt({ ...a, wordCount: 2000 }, 100);
    const fast = minutesAt(structuredClone({ ...a, wordCount: 2000 }), 400);
    expect(slow).toBeGreaterThan(fast!);
  });
});

describe('facet counts kept across re-reads', () => {
  it('equal a count from scratch after edits, additions and deletions, and stay the same object when nothing moved', () => {
    const counter = new FacetCounter();
    let list = library(400);
    expect(counter.update(list)).toEqual(facets(list));
    const same = counter.update(reread(list));
    expect(counter.update(reread(list))).toBe(same);

    list = reread(list);
    list[3] = { ...list[3], tags: [...list[3].tags, 'new-tag'] };
    list[10] = { ...list[10], siteName: 'Another Site' };
    list[11] = { ...list[11], tags: [] };
    list.splice(20, 5);
    list.unshift(rec({ tags: ['common', 'added'] }));
    const moved = counter.update(list);
    expect(moved).not.toBe(same);
    expect(moved).toEqual(facets(list));
    expect(moved.tags).toContainEqual(['new-tag', 1]);

    // Everything tagged "common" deleted: the tag leaves the menu.
    list = reread(list).filter((a) => !a.tags.includes('common'));
    expect(counter.update(list)).toEqual(facets(list));
    expect(counter.update(list).tags.some(([t]) => t === 'common')).toBe(false);
  });
});
