// @vitest-environment node
// Imports of 100,000 links: chunks sized by time with the event loop given a turn between them, the
// library's URLs found through one URL → id map (no query per item), one change-log row per bulk write,
// and the page's live list held while the import writes.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb, type ArticleRecord, type GistDB } from '../../lib/db/schema';
import { applyImport, urlIds, type ApplyDeps } from '../../lib/import/apply-import';
import type { ImportItem } from '../../lib/import/types';
import { changesAfter } from '../../lib/db/change-log';
import { LiveArticles } from '../../lib/db/live-articles';

const link = (i: number, over: Partial<ImportItem> = {}): ImportItem => ({
  url: `https://site${i % 50}.example/post/${i}`,
  title: `Post ${i}`,
  tags: i % 3 ? [] : ['t'],
  savedAt: new Date(1_600_000_000_000 + i * 1000).toISOString(),
  status: 'unread',
  favorite: false,
  where: `pocket.csv:${i + 2}`,
  ...over,
});
const deps = (over: Partial<ApplyDeps> = {}): ApplyDeps => ({
  sanitize: (html) => ({ html }),
  now: () => 1_800_000_000_000,
  ...over,
});

let db: GistDB;
beforeEach(() => {
  db = openDb(`chunked-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});

describe('chunked import', () => {
  it('a 20,000-row import commits in several chunks and yields to the event loop between every two', async () => {
    const events: string[] = [];
    const items = Array.from({ length: 20_000 }, (_, i) => link(i));
    // A slice far longer than any chunk: only the turns given between chunks are counted.
    const out = await applyImport(
      db,
      items,
      deps({
        sliceMs: 60_000,
        yield: async () => void events.push('yield'),
        onProgress: (done) => events.push(`progress ${done}`),
      }),
    );
    expect(out.filter((o) => o.outcome === 'imported')).toHaveLength(20_000);
    expect(await db.articles.count()).toBe(20_000);
    const progress = events.filter((e) => e.startsWith('progress'));
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.at(-1)).toBe('progress 20000');
    // progress, yield, progress, yield, …, progress: never two chunks in one task.
    events.forEach((e, k) => expect(e).toBe(k % 2 ? 'yield' : progress[k / 2]));
  }, 120_000);

  it('re-importing finds every article through the URL map: adds nothing, merges new states, no lookup by URL', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => link(i));
    await applyImport(db, items, deps());
    const before = await db.articles.toArray();
    // On the prototype: the import writes through the tables of its transaction, other Table objects.
    const where = vi.spyOn(Object.getPrototypeOf(db.articles) as GistDB['articles'], 'where');
    // Every 10th comes back archived and favorite with one more tag; the rest unchanged.
    const again = items.map((it, i) => (i % 10 ? it : { ...it, status: 'archived' as const, favorite: true, tags: [...it.tags, 'more'] }));
    const out = await applyImport(db, again, deps({ now: () => 1_900_000_000_000 }));
    expect(where.mock.calls.filter(([idx]) => (idx as unknown) === 'url')).toEqual([]);
    where.mockRestore();
    expect(await db.articles.count()).toBe(3000);
    expect(out.filter((o) => o.outcome === 'merged').map((o) => o.index)).toEqual(items.flatMap((_, i) => (i % 10 ? [] : [i])));
    expect(out.filter((o) => o.outcome === 'duplicate')).toHaveLength(2700);
    const byUrl = new Map(before.map((a) => [a.url, a]));
    for (const a of await db.articles.toArray()) {
      const was = byUrl.get(a.url)!;
      expect(a.id).toBe(was.id);
      const i = Number(/post\/(\d+)/.exec(a.url)![1]);
      if (i % 10) expect(a).toEqual(was);
      else expect(a).toMatchObject({ status: 'archived', favorite: 1, tags: [...was.tags, 'more'], updatedAt: 1_900_000_000_000 });
    }
  }, 120_000);

  it('urlIds maps every stored canonical URL to its id', async () => {
    await applyImport(db, [link(1), link(2), link(3, { url: 'https://www.site3.example/post/3?utm_source=x' })], deps());
    const map = await urlIds(db);
    const all = await db.articles.toArray();
    expect(map).toEqual(new Map(all.map((a: ArticleRecord) => [a.url, a.id])));
    expect(map.size).toBe(3);
  });
});

describe('change log under bulk writes', () => {
  it('a bulk write is one log row, read back as one change per article', async () => {
    await applyImport(
      db,
      Array.from({ length: 1000 }, (_, i) => link(i)),
      deps({ chunkSize: 1000 }),
    );
    expect(await db.changes.count()).toBe(1);
    const changes = await changesAfter(db, 0, 100);
    expect(changes).toHaveLength(1000);
    const ids = (await db.articles.toCollection().primaryKeys()) as number[];
    expect(changes.map((c) => c.articleId)).toEqual(ids);
    expect(new Set(changes.map((c) => `${c.seq} ${c.op}`))).toEqual(new Set([`${changes[0].seq} put`]));
  });
});

describe('LiveArticles.hold', () => {
  it('reads nothing while held and the whole list once on release', async () => {
    const live = new LiveArticles(db);
    const seen: number[] = [];
    const off = live.subscribe((list) => seen.push(list.length));
    await vi.waitFor(() => expect(seen).toEqual([0]));
    const release = live.hold();
    for (let k = 0; k < 3; k++)
      await applyImport(
        db,
        Array.from({ length: 50 }, (_, i) => link(k * 50 + i)),
        deps({ chunkSize: 10 }),
      );
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([0]);
    release();
    await vi.waitFor(() => expect(seen).toEqual([0, 150]));
    off();
  });
});
