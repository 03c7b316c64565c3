// @vitest-environment node
// The library page's storage operations (lib/db/articles.ts additions) and the search index sync.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import {
  addTagMany,
  deleteMany,
  getReadable,
  listArticles,
  removeTagMany,
  restoreMany,
  restoreValues,
  saveArticle,
  setProgress,
  setStatusMany,
  textsOf,
  type ArticleInput,
} from '../../lib/db/articles';
import { IndexSync } from '../../lib/search/index-sync';
import type { SerializedIndex } from '../../lib/search/text-index';

function input(n: number, over: Partial<ArticleInput> = {}): ArticleInput {
  return {
    url: `https://example.com/${n}`,
    originalUrl: `https://example.com/${n}`,
    title: `Title ${n}`,
    byline: null,
    siteName: 'Example',
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    html: `<p>Body ${n}</p>`,
    text: `Body number ${n} about honeybees`,
    tags: ['Science'],
    tagCandidates: [],
    tagsEdited: false,
    wordCount: 5,
    cjkChars: 0,
    imageCount: 1,
    readingMinutes: 1,
    images: [{ src: `https://example.com/${n}.png`, blob: new Blob([new Uint8Array([n])], { type: 'image/png' }) }],
    ...over,
  };
}

let db: GistDB;
let ids: number[];
beforeEach(async () => {
  db = openDb(`t-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  ids = [];
  for (let i = 1; i <= 4; i++) ids.push((await saveArticle(db, input(i), 1000 * i)).id);
});

describe('library storage', () => {
  it('setProgress clamps, rounds, and leaves updatedAt alone', async () => {
    const before = (await db.articles.get(ids[0]))!.updatedAt;
    await setProgress(db, ids[0], 0.123456);
    await setProgress(db, ids[1], 7);
    expect(await db.articles.get(ids[0])).toMatchObject({ progress: 0.123, updatedAt: before });
    expect((await db.articles.get(ids[1]))!.progress).toBe(1);
  });

  it('bulk status and tags return exactly what they changed, and undo puts it back', async () => {
    const prev = await setStatusMany(db, ids.slice(0, 3), 'archived');
    expect(prev.size).toBe(3);
    expect((await listArticles(db)).filter((a) => a.status === 'archived')).toHaveLength(3);
    await restoreValues(db, prev);
    expect((await listArticles(db)).every((a) => a.status === 'unread')).toBe(true);

    const added = await addTagMany(db, ids, 'weekend');
    expect(added.size).toBe(4);
    const again = await addTagMany(db, ids, 'WEEKEND'); // already there, case-insensitively
    expect(again.size).toBe(0);
    const removed = await removeTagMany(db, [ids[0]], 'science');
    expect((await db.articles.get(ids[0]))!.tags).toEqual(['weekend']);
    await restoreValues(db, removed);
    expect((await db.articles.get(ids[0]))!.tags).toEqual(['Science', 'weekend']);
    await restoreValues(db, added);
    expect((await db.articles.get(ids[1]))!.tags).toEqual(['Science']);
  });

  it('deleteMany removes bodies and images; restoreMany brings everything back', async () => {
    const snaps = await deleteMany(db, ids.slice(0, 2));
    expect(snaps).toHaveLength(2);
    expect(await db.articles.count()).toBe(2);
    expect(await db.images.count()).toBe(2);
    expect(await textsOf(db, ids)).toEqual([undefined, undefined, 'Body number 3 about honeybees', 'Body number 4 about honeybees']);
    await restoreMany(db, snaps);
    const r = await getReadable(db, ids[0]);
    expect(r?.content?.text).toContain('Body number 1');
    expect(r?.images[0].blob.size).toBe(1);
  });
});

describe('IndexSync', () => {
  it('indexes the library, follows saves, edits and deletes, and persists', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let stored: SerializedIndex | undefined;
      const store = {
        texts: (x: number[]) => textsOf(db, x),
        loadSaved: async () => stored,
        save: vi.fn(async (d: SerializedIndex) => {
          stored = d;
        }),
      };
      const sync = new IndexSync(store, async () => {});
      const hits = (w: string) => [...sync.index!.search([{ term: w, prefix: true }]).keys()].sort();
      await sync.sync(await listArticles(db));
      expect(sync.state).toEqual({ ready: true, indexed: 4, total: 4 });
      expect(hits('honeyb')).toEqual([...ids].sort());
      // A re-save with new text (from the service worker) changes the counts: re-indexed.
      await saveArticle(db, input(2, { text: 'Now about trams instead', wordCount: 4 }), 9000);
      await sync.sync(await listArticles(db));
      expect(hits('tram')).toEqual([ids[1]]);
      expect(hits('honeyb')).not.toContain(ids[1]);
      // A tag edit is searchable; a delete drops out.
      await addTagMany(db, [ids[3]], 'gardening');
      await deleteMany(db, [ids[0]]);
      await sync.sync(await listArticles(db));
      expect(hits('garden')).toEqual([ids[3]]);
      expect(hits('honeyb')).toEqual([ids[2], ids[3]].sort());
      // Saved after a quiet moment; a new page loads it and reads no bodies for unchanged articles.
      await vi.advanceTimersByTimeAsync(5000);
      expect(store.save).toHaveBeenCalled();
      const texts = vi.fn((x: number[]) => textsOf(db, x));
      const next = new IndexSync({ ...store, texts }, async () => {});
      await next.sync(await listArticles(db));
      expect(texts).not.toHaveBeenCalled();
      expect([...next.index!.search([{ term: 'trams', prefix: false }]).keys()]).toEqual([ids[1]]);
    } finally {
      vi.useRealTimers();
    }
  });
});
