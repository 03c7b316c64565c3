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
  setFavoriteMany,
  setProgress,
  setStatusMany,
  textsOf,
  type ArticleInput,
} from '../../lib/db/articles';
import Dexie from 'dexie';
import { IndexSync } from '../../lib/search/index-sync';
import { dexieIndexCache, dexieIndexStore, INDEX_KEY } from '../../lib/search/index-store';
import { TextIndex } from '../../lib/search/text-index';
import { trimLog } from '../../lib/db/change-log';
import { articleInput, until } from '../helpers/live-db';

function input(n: number, over: Partial<ArticleInput> = {}): ArticleInput {
  const images = [{ src: `https://example.com/${n}.png`, blob: new Blob([new Uint8Array([n])], { type: 'image/png' }) }];
  return articleInput(n, { tags: ['Science'], imageCount: 1, images, ...over });
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

describe('change log', () => {
  it('logs saves, tag edits, deletes and restores in the same transaction; not reading position, status or favorite', async () => {
    const rows = async () => (await db.changes.toArray()).map((r) => [r.articleId, r.op]);
    expect(await rows()).toEqual(
      ids.flatMap((id) => [
        [id, 'put'],
        [id, 'put'],
      ]),
    ); // article row, then its body
    await db.changes.clear();
    await setProgress(db, ids[0], 0.5);
    await setStatusMany(db, [ids[1]], 'archived');
    await setFavoriteMany(db, [ids[1]], true);
    expect(await rows()).toEqual([]);
    await addTagMany(db, [ids[2]], 'gardening');
    const snaps = await deleteMany(db, [ids[3]]);
    await restoreMany(db, snaps);
    expect(await rows()).toEqual([
      [ids[2], 'put'],
      [ids[3], 'delete'],
      [ids[3], 'put'],
      [ids[3], 'put'],
    ]);
    // A failed transaction leaves no row behind.
    await db.changes.clear();
    await expect(
      db.transaction('rw', db.articles, async () => {
        await db.articles.update(ids[0], { title: 'Renamed' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await rows()).toEqual([]);
  });
});

describe('IndexSync', () => {
  // The real cache (its own database, the index in parts), over fake-indexeddb.
  function harness() {
    const cacheDb = new Dexie(`cache-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    cacheDb.version(1).stores({ kv: 'key' });
    const kv = cacheDb.table<{ key: string; value: unknown }, string>('kv');
    const cache = dexieIndexCache(cacheDb);
    vi.spyOn(cache, 'put');
    const store = dexieIndexStore(db, cache);
    const texts = vi.spyOn(store, 'texts');
    const open = () => new IndexSync(store, async () => {});
    return { store, texts, cache, kv, open };
  }
  const hits = (sync: IndexSync, w: string) => [...sync.index!.search([{ term: w, prefix: true }]).keys()].sort();

  it('builds, follows saves, edits and deletes from the log, and saves', async () => {
    const h = harness();
    const sync = h.open();
    await sync.sync();
    expect(sync.opened).toBe('rebuilt');
    expect(sync.state).toEqual({ ready: true, indexed: 4, total: 4 });
    expect(hits(sync, 'honeyb')).toEqual([...ids].sort());
    await saveArticle(db, input(2, { text: 'Now about trams instead', wordCount: 4 }), 9000);
    await addTagMany(db, [ids[3]], 'gardening');
    await deleteMany(db, [ids[0]]);
    h.texts.mockClear();
    await sync.sync();
    expect(h.texts.mock.calls.flat(2).sort()).toEqual([ids[1], ids[3]].sort());
    expect(hits(sync, 'tram')).toEqual([ids[1]]);
    expect(hits(sync, 'garden')).toEqual([ids[3]]);
    expect(hits(sync, 'honeyb')).toEqual([ids[2], ids[3]].sort());
    await sync.saveNow();
    expect(h.cache.put).toHaveBeenCalledWith(
      expect.objectContaining({
        watermark: await db.changes
          .orderBy(':id')
          .last()
          .then((r) => r!.seq),
      }),
    );
  });

  it('loads the saved index without reading any body, and applies only what changed since (deletions too)', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    await saveArticle(db, input(9, { text: 'A new story about lighthouses' }), 9000);
    await deleteMany(db, [ids[2]]);
    await setProgress(db, ids[0], 0.3);
    h.texts.mockClear();
    const next = h.open();
    await next.sync();
    expect(next.opened).toBe('loaded');
    // Only the new article's body was read: nothing is compared or re-read for the others.
    expect(h.texts.mock.calls.flat(2)).toEqual([ids[3] + 1]);
    expect(hits(next, 'lighthouse')).toEqual([ids[3] + 1]);
    expect(hits(next, 'honeyb')).toEqual([ids[0], ids[1], ids[3]].sort());
    expect(next.index!.size).toBe(4);
  });

  it('rebuilds when the saved index is older than the oldest row the log kept', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    const old = first.watermark;
    // Edits the saved index never applied, whose rows are then trimmed; then one new article.
    for (let i = 1; i <= 3; i++) await saveArticle(db, input(i, { text: `Story ${i} about kites` }), 9000 + i);
    await saveArticle(db, input(10, { text: 'Story 10 about kites' }), 9010);
    await trimLog(db, old + 6);
    const next = h.open();
    await next.sync();
    expect(next.opened).toBe('rebuilt');
    expect(hits(next, 'kite')).toHaveLength(4);
    expect(next.index!.size).toBe(5);
  });

  it('rebuilds a damaged saved index, and one whose size disagrees with the library', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    const good = (await h.cache.get())!;
    await h.kv.put({ key: INDEX_KEY, value: { ...good, words: { ...good.words, lengths: new Uint32Array(1) } } });
    const damaged = h.open();
    await damaged.sync();
    expect(damaged.opened).toBe('rebuilt');
    await h.kv.put({ key: INDEX_KEY, value: good });
    await db.transaction('rw', db.articles, db.changes, async () => {
      // A delete the log never saw (as from a library deleted and made again).
      await db.articles.delete(ids[0]);
      await db.changes.where(':id').above(good.watermark).delete();
    });
    const other = h.open();
    await other.sync();
    expect(other.opened).toBe('rebuilt');
    expect(other.index!.size).toBe(3);
  });

  it("is ready from a saved index before the library's articles are counted (a count walks every article)", async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    // The size check's count held back: at 50,000 articles it is 0.2–1.2 s of the storage process.
    let letCount = () => {};
    const count = h.store.count;
    h.store.count = () => new Promise<void>((r) => (letCount = r)).then(count);
    const next = h.open();
    const states: boolean[] = [];
    next.onChange((st) => states.push(st.ready));
    const synced = next.sync();
    await next.open();
    await until(() => states.includes(true), 'ready before the count');
    expect(next.opened).toBe('loaded');
    expect(hits(next, 'honeyb')).toEqual(hits(first, 'honeyb'));
    letCount();
    await synced;
    expect(next.opened).toBe('loaded');
  });

  it('opens from the word part alone; the phrase part loads after and answers as a fresh build does', async () => {
    await saveArticle(db, input(5, { title: 'Tram news', text: 'The white house by the tram depot. House painted white.' }), 9000);
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    expect(await h.kv.count()).toBe(2); // words and phrases, apart
    let phraseReads = 0;
    const read = h.cache.getPhrases;
    h.cache.getPhrases = () => (phraseReads++, read());
    const next = h.open();
    await next.sync();
    expect(next.opened).toBe('loaded');
    expect(next.state.ready).toBe(true);
    // Word search at once, before a byte of phrase data was asked for (its read starts after ready).
    expect(hits(next, 'honeyb')).toEqual(hits(first, 'honeyb'));
    expect(await next.phrasesReady()).toBe(true);
    expect(phraseReads).toBe(1);
    const fresh = new IndexSync(
      dexieIndexStore(db, { get: async () => undefined, getPhrases: async () => undefined, put: async () => {} }),
    );
    await fresh.sync();
    expect(fresh.opened).toBe('rebuilt');
    for (const p of [
      ['white', 'house'],
      ['house', 'white'],
      ['tram', 'depot'],
      ['house', 'painted'],
    ]) {
      const all = [...ids, ids[3] + 1];
      expect(all.filter((id) => next.index!.hasPhrases(id, [p]))).toEqual(all.filter((id) => fresh.index!.hasPhrases(id, [p])));
    }
    expect(next.index!.hasPhrases(ids[3] + 1, [['white', 'house']])).toBe(true);
    expect(next.index!.hasPhrases(ids[3] + 1, [['house', 'white']])).toBe(false);
  });

  it('rebuilds when the phrase part is missing, damaged or from another save', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    const phrases = (await h.cache.getPhrases())!;
    const breakings = [
      () => h.kv.delete(`${INDEX_KEY}:phrases`),
      () => h.kv.put({ key: `${INDEX_KEY}:phrases`, value: { ...phrases, stamp: phrases.stamp + 1 } }),
      () =>
        h.kv.put({ key: `${INDEX_KEY}:phrases`, value: { ...phrases, phrases: { ...phrases.phrases, pairStart: new Uint32Array(2) } } }),
    ];
    for (const breakIt of breakings) {
      await h.kv.put({ key: `${INDEX_KEY}:phrases`, value: phrases });
      await breakIt();
      const next = h.open();
      await next.sync();
      expect(next.opened).toBe('loaded');
      expect(await next.phrasesReady()).toBe(false);
      await vi.waitFor(() => expect(next.opened).toBe('rebuilt'));
      await next.sync();
      expect(next.index!.phrasesReady).toBe(true);
      expect(next.index!.hasPhrases(ids[0], [['number', '1']])).toBe(true);
      expect(hits(next, 'honeyb')).toEqual([...ids].sort());
    }
  });

  it('saves over the single-value format of before, and drops it', async () => {
    const h = harness();
    await h.kv.put({ key: 'text-index-v2', value: { watermark: 1, index: { version: 2 } } });
    const first = h.open();
    await first.sync();
    await first.saveNow();
    expect((await h.kv.toCollection().primaryKeys()).sort()).toEqual([INDEX_KEY, `${INDEX_KEY}:phrases`]);
    expect(TextIndex.deserialize((await h.cache.get())!.words).size).toBe(4);
  });

  it('drops an index saved in the whole-decode format (v3): not misread, rebuilt and saved over', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    const saved = (await h.cache.get())!;
    const phrases = (await h.cache.getPhrases())!;
    // As version 3 stored it: no per-term byte offsets, under its own keys.
    const { byteStart: _dropped, ...v3base } = saved.words.base;
    await h.kv.clear();
    await h.kv.put({ key: 'text-index-v3', value: { ...saved, words: { ...saved.words, version: 3, base: v3base } } });
    await h.kv.put({ key: 'text-index-v3:phrases', value: phrases });
    const next = h.open();
    await next.sync();
    expect(next.opened).toBe('rebuilt');
    expect(hits(next, 'honeyb')).toEqual([...ids].sort());
    // Even under the current key, a version-3 part is refused.
    await h.kv.put({ key: INDEX_KEY, value: { ...saved, words: { ...saved.words, version: 3, base: v3base } } });
    const again = h.open();
    await again.sync();
    expect(again.opened).toBe('rebuilt');
    await again.saveNow();
    expect((await h.kv.toCollection().primaryKeys()).sort()).toEqual([INDEX_KEY, `${INDEX_KEY}:phrases`]);
  });

  it('opens without decoding the postings; damaged postings found after ready mean a rebuild', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    const saved = (await h.cache.get())!;
    const { packed, byteStart } = saved.words.base;
    // The last byte of the first term's postings gets a continuation bit: offsets and sizes still check out.
    const end = byteStart[1] - 1;
    const bad = packed.map((x, i) => (i === end ? x | 0x80 : x));
    await h.kv.put({ key: INDEX_KEY, value: { ...saved, words: { ...saved.words, base: { ...saved.words.base, packed: bad } } } });
    const next = h.open();
    await next.open();
    expect(next.opened).toBe('loaded');
    expect(next.state.ready).toBe(true);
    await vi.waitFor(() => expect(next.opened).toBe('rebuilt'));
    await vi.waitFor(() => expect(next.state.ready).toBe(true));
    expect(hits(next, 'honeyb')).toEqual([...ids].sort());
  });

  it('decodes a loaded index once in the background, not again on every later sync', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    const decoded = () => performance.getEntriesByName('gist:postings-decoded').length;
    const before = decoded();
    const next = h.open();
    await next.sync();
    await vi.waitFor(() => expect(decoded()).toBe(before + 1));
    for (let i = 0; i < 3; i++) await next.sync();
    await new Promise((r) => setTimeout(r, 20));
    expect(decoded()).toBe(before + 1);
    expect(next.opened).toBe('loaded');
  });

  it('open() resolves once the index is ready, or once a rebuild has begun (not when it ends)', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    const loaded = h.open();
    await loaded.open();
    expect(loaded.opened).toBe('loaded');
    expect(loaded.state.ready).toBe(true);
    // No saved index: the rebuild's article reads wait until released, and open() resolves meanwhile.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const store = dexieIndexStore(db, { get: async () => undefined, getPhrases: async () => undefined, put: async () => {} });
    const page = store.articlePage;
    store.articlePage = async (after, limit) => (await held, page(after, limit));
    const building = new IndexSync(store, async () => {});
    await building.open();
    expect(building.opened).toBe('rebuilt');
    expect(building.state.ready).toBe(false);
    release();
    await vi.waitFor(() => expect(building.state.ready).toBe(true));
  });
});
