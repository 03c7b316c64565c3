// @vitest-environment node
// IndexSync over the library database: building, following the log, loading a saved index, rebuilding
// one too old, damaged or of another library, and when open() resolves.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { addTagMany, deleteMany, saveArticle, setProgress } from '../../lib/db/articles';
import { IndexSync } from '../../lib/search/index-sync';
import { dexieIndexStore, INDEX_KEY } from '../../lib/search/index-store';
import { trimLog } from '../../lib/db/change-log';
import { until } from '../helpers/live-db';
import { input, db, ids, harness, hits, freshLibraryEachTest } from '../helpers/library-db-fixture';

freshLibraryEachTest();
describe('IndexSync', () => {
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
