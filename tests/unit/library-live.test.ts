// @vitest-environment node
// The library page keeps one live query over the articles: the list (which feeds the search index) and
// the fetch queue's counts both come from it, so one write costs one full read of the table, not one per reader.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDb, type ArticleRecord, type GistDB } from '../../lib/db/schema';
import { listArticles, saveArticle } from '../../lib/db/articles';
import { LiveArticles, readAllInPages, subscribeWhen } from '../../lib/db/live-articles';
import { openReaderSettings } from '../../lib/reader/settings-store';
import { dexieConnector } from '../../entrypoints/library/dexie-connector';
import type { IndexSync } from '../../lib/search/index-sync';
import type { QueueView } from '../../components/library/library-connector';
import { fullArticleReads, recordReads, type Read } from './db-reads';
import { articleInput, until, writeFromWorker as writeElsewhere } from '../helpers/live-db';

const input = (n: number) => articleInput(n);

let db: GistDB;
let idb: IDBFactory;
/** A write by the service worker (another context): the page hears of it only over BroadcastChannel. */
const writeFromWorker = (id: number, change: Partial<ArticleRecord>) => writeElsewhere(idb, db.name, id, change);
let reads: Read[];
let ids: number[];
beforeEach(async () => {
  fakeBrowser.reset();
  // The fake browser has no permissions API; the queue asks whether it may fetch the waiting links.
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
  idb = new IDBFactory();
  db = openDb(`live-${Math.random()}`, { indexedDB: idb, IDBKeyRange });
  reads = recordReads(db);
  ids = [];
  for (let i = 1; i <= 5; i++) ids.push((await saveArticle(db, input(i), 1000 * i)).id);
});

describe('one live subscription on the library page', () => {
  it('one write re-reads the articles table once for the list, the search index and the queue counts', async () => {
    const connector = dexieConnector(db, await openReaderSettings(fakeBrowser.storage.local, null));
    let list: ArticleRecord[] = [];
    let queue: QueueView | null = null;
    // As the page does: the list feeds the search index.
    const offList = connector.subscribe(
      (l) => {
        list = l;
        void connector.search!.sync(l);
      },
      (e) => {
        throw e;
      },
    );
    const offQueue = connector.queue!.subscribe((v) => {
      queue = v;
    });
    await until(() => list.length === 5 && queue !== null && connector.search!.state.ready, 'the first list, counts and index');
    expect(queue!.counts.pending).toBe(0);

    expect(fullArticleReads(reads)).toBe(1);
    reads.length = 0;
    await writeFromWorker(ids[2], { contentState: 'pending' });
    await until(
      () => list.find((a) => a.id === ids[2])?.contentState === 'pending' && queue?.counts.pending === 1,
      'both readers to see the write',
    );
    // Let any further re-run settle before counting.
    await new Promise((r) => setTimeout(r, 50));
    expect(fullArticleReads(reads)).toBe(1);
    offList();
    offQueue();
  });
});

describe('the first page', () => {
  it('is read before anything reads the whole library; the anchoring that does starts after it, once', async () => {
    let started = 0;
    let atStart = -1;
    const connector = dexieConnector(db, await openReaderSettings(fakeBrowser.storage.local, null), () => {
      started++;
      atStart = fullArticleReads(reads);
      connector.subscribe(
        () => {},
        () => {},
      );
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toBe(0);
    expect(fullArticleReads(reads)).toBe(0);
    const first = await connector.firstPage!(3);
    expect(first.map((a) => a.id)).toEqual([ids[4], ids[3], ids[2]]);
    await until(() => started === 1 && fullArticleReads(reads) === 1, 'the anchoring to subscribe');
    expect(atStart).toBe(0);
    await connector.firstPage!(3);
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toBe(1);
  });
});

describe('the whole list', () => {
  it('is read once the search index has opened (it began loading or rebuilding), not alongside its opening', async () => {
    const connector = dexieConnector(db, await openReaderSettings(fakeBrowser.storage.local, null));
    let openedAtList: string | null | undefined;
    let readsAtOpen = -1;
    const search = connector.search as IndexSync;
    const open = search.open.bind(search);
    search.open = () => open().then(() => void (readsAtOpen = fullArticleReads(reads)));
    const off = connector.subscribe(
      () => (openedAtList ??= search.opened),
      (e) => {
        throw e;
      },
    );
    await until(() => openedAtList !== undefined, 'the list');
    expect(openedAtList).toBe('rebuilt');
    expect(readsAtOpen).toBe(0);
    off();
  });
});

describe('LiveArticles', () => {
  it('gives a late subscriber the current list at once, and stops the query when the last one leaves', async () => {
    const live = new LiveArticles(db);
    const first: ArticleRecord[][] = [];
    const off1 = live.subscribe((l) => first.push(l));
    await until(() => first.length === 1, 'the first list');
    reads.length = 0;
    const second: ArticleRecord[][] = [];
    const off2 = live.subscribe((l) => second.push(l));
    expect(second).toEqual([first[0]]);
    expect(fullArticleReads(reads)).toBe(0);

    off1();
    off2();
    await writeFromWorker(ids[0], { title: 'Changed' });
    await new Promise((r) => setTimeout(r, 50));
    expect(fullArticleReads(reads)).toBe(0);
    expect(first).toHaveLength(1);
  });

  it('hands a new list to each listener in a task of its own (one long task at 100,000 articles otherwise)', async () => {
    const live = new LiveArticles(db);
    const a: number[] = [];
    const b: number[] = [];
    // What listener b has seen by the time listener a's task has run its microtasks.
    const bSeenAfterA: number[] = [];
    const offA = live.subscribe((l) => {
      a.push(l.length);
      void Promise.resolve().then(() => bSeenAfterA.push(b.length));
    });
    const offB = live.subscribe((l) => b.push(l.length));
    await until(() => a.length === 1 && b.length === 1, 'the first list');
    await saveArticle(db, input(6), 6000);
    await until(() => a.length === 2 && b.length === 2, 'both to see the save');
    expect([a, b]).toEqual([
      [5, 6],
      [5, 6],
    ]);
    expect(bSeenAfterA[bSeenAfterA.length - 1]).toBe(1);
    offA();
    offB();
  });

  it('reads the records in pages, never every article in one request (one task of seconds at 100,000)', async () => {
    const live = new LiveArticles(db);
    reads.length = 0;
    const lists: ArticleRecord[][] = [];
    const off = live.subscribe((l) => lists.push(l));
    await until(() => lists.length === 1, 'the first list');
    expect(reads.filter((r) => r.table === 'articles' && r.values && r.whole)).toEqual([]);
    expect(lists[0].map((a) => a.id)).toEqual((await listArticles(db)).map((a) => a.id));
    off();
  });

  it('walks no index whole in one request either: the order is sorted on the page, not read from the savedAt index', async () => {
    // Chromium answers a request in one task of the storage process: all 50,000 savedAt keys were 0.5–1.5 s
    // in which the next library page's opening waited.
    const live = new LiveArticles(db);
    reads.length = 0;
    const lists: ArticleRecord[][] = [];
    const off = live.subscribe((l) => lists.push(l));
    await until(() => lists.length === 1, 'the first list');
    expect(reads.filter((r) => r.table === 'articles' && r.whole)).toEqual([]);
    off();
  });

  it('reads in pages the rows listArticles gives, in its order (same save time: newest id first)', async () => {
    for (let i = 6; i <= 12; i++) await saveArticle(db, input(i), i % 2 ? 3000 : 7000);
    await db.articles.update(ids[1], { savedAt: 9000 });
    const want = await listArticles(db);
    expect(want).toHaveLength(12);
    for (const page of [1, 2, 5, 12, 100]) expect(await readAllInPages(db, page)).toEqual(want);
  });

  it('passes a failed query on to every subscriber', async () => {
    // A database without the articles table: the list query fails.
    const broken = new Dexie('broken', { indexedDB: new IDBFactory(), IDBKeyRange }) as GistDB;
    broken.version(1).stores({ notes: '++id' });
    Object.defineProperty(broken, 'articles', { get: () => broken.table('articles') });
    const live = new LiveArticles(broken);
    const errors: [string, unknown][] = [];
    live.subscribe(
      () => {},
      (e) => errors.push(['a', e]),
    );
    live.subscribe(
      () => {},
      (e) => errors.push(['b', e]),
    );
    await until(() => errors.length === 2, 'both to hear the error');
    expect(errors.map(([who, e]) => [who, (e as Error).name])).toEqual([
      ['a', 'InvalidTableError'],
      ['b', 'InvalidTableError'],
    ]);
  });
});

describe('subscribeWhen', () => {
  it('subscribes when the gate settles (resolved or failed), or after the longest wait, once; cancelling first subscribes nothing', async () => {
    vi.useFakeTimers();
    try {
      const calls: string[] = [];
      const sub = (name: string) => () => (calls.push(name), () => calls.push(`off ${name}`));
      let open!: () => void;
      const off = subscribeWhen(new Promise<void>((r) => (open = r)), 1000, sub('gated'));
      let fail!: (e: Error) => void;
      subscribeWhen(new Promise<void>((_, ko) => (fail = ko)), 1000, sub('failed gate'));
      subscribeWhen(new Promise<void>(() => {}), 1000, sub('slow gate'));
      const cancelled = subscribeWhen(new Promise<void>(() => {}), 1000, sub('cancelled'));
      await vi.advanceTimersByTimeAsync(500);
      expect(calls).toEqual([]);
      open();
      fail(new Error('index failed'));
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toEqual(['gated', 'failed gate']);
      cancelled();
      await vi.advanceTimersByTimeAsync(600);
      expect(calls).toEqual(['gated', 'failed gate', 'slow gate']);
      off();
      expect(calls).toEqual(['gated', 'failed gate', 'slow gate', 'off gated']);
    } finally {
      vi.useRealTimers();
    }
  });
});
