// @vitest-environment node
// The library's view counts (tabs) come from indexed count()s, not from reading every article, and stay
// live: a write (here or in the service worker) counts again, once however many writes came in meanwhile.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDb, type ArticleRecord, type GistDB } from '../../lib/db/schema';
import { countViews, LiveViewCounts, type ViewCounts } from '../../lib/db/view-counts';
import { PROGRESS_DONE, PROGRESS_START, viewCounts } from '../../lib/search/list-query';
import { openReaderSettings } from '../../lib/reader/settings-store';
import { dexieConnector } from '../../entrypoints/library/dexie-connector';
import { recordReads, type Read } from './db-reads';
import { until, writeFromWorker as writeElsewhere } from '../helpers/live-db';

const RANGE = { start: PROGRESS_START, done: PROGRESS_DONE };

function article(i: number, over: Partial<ArticleRecord>): ArticleRecord {
  return {
    id: i,
    url: `https://example.com/${i}`,
    originalUrl: `https://example.com/${i}`,
    title: `Title ${i}`,
    byline: null,
    siteName: null,
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    savedAt: 1000 * i,
    updatedAt: 1000 * i,
    status: 'unread',
    favorite: 0,
    tags: [],
    tagCandidates: [],
    tagsEdited: false,
    wordCount: 100,
    cjkChars: 0,
    imageCount: 0,
    readingMinutes: 1,
    progress: 0,
    contentState: 'full',
    ...over,
  };
}

// Every boundary of "in progress" (started at PROGRESS_START, done at PROGRESS_DONE), archived articles
// with a position (never in progress), favorites in both statuses.
const ROWS = [
  article(1, {}),
  article(2, { progress: PROGRESS_START }),
  article(3, { progress: PROGRESS_START / 2 }),
  article(4, { progress: 0.5, favorite: 1 }),
  article(5, { progress: PROGRESS_DONE }),
  article(6, { progress: 0.99 }),
  article(7, { status: 'archived', progress: 0.5, favorite: 1 }),
  article(8, { status: 'archived', progress: 1 }),
  article(9, { status: 'archived' }),
  article(10, { progress: 0.96, favorite: 1 }),
];

/** Reads of article records (not counts): a query or cursor that fetched values. */
const recordReadsOfArticles = (reads: Read[]) => reads.filter((r) => r.table === 'articles' && r.values).length;

let db: GistDB;
let idb: IDBFactory;
/** A write by the service worker (another context): the page hears of it only over BroadcastChannel. */
const writeFromWorker = (id: number, change: Partial<ArticleRecord>) => writeElsewhere(idb, db.name, id, change);
let reads: Read[];
beforeEach(async () => {
  fakeBrowser.reset();
  idb = new IDBFactory();
  db = openDb(`counts-${Math.random()}`, { indexedDB: idb, IDBKeyRange });
  reads = recordReads(db);
  await db.articles.bulkAdd(ROWS);
  reads.length = 0;
});

describe('countViews', () => {
  it('counts each view as the list does, without reading any article record', async () => {
    const counts = await countViews(db, RANGE);
    expect(counts).toEqual(viewCounts(ROWS));
    // Not trivially equal: every view has a different, non-zero count here.
    expect(counts).toEqual({ unread: 7, inprogress: 3, favorite: 3, archived: 3, all: 10 });
    expect(recordReadsOfArticles(reads)).toBe(0);
  });
});

describe('countViews in the storage process', () => {
  it('asks one count at a time, each over an index range, never the whole table', async () => {
    // Chromium runs a transaction's queued requests back to back in one task; at 50,000 articles each
    // count is ~0.4 s, and five queued together held the next library page's opening for ~2 s.
    const asked: { index: string; ranged: boolean }[] = [];
    let inFlight = 0;
    let most = 0;
    const counted = openDb(`counts-mw-${Math.random()}`, { indexedDB: idb, IDBKeyRange });
    counted.use({
      stack: 'dbcore',
      name: 'test-count-requests',
      level: -10,
      create: (down) => ({
        ...down,
        table(name) {
          const t = down.table(name);
          return {
            ...t,
            async count(req) {
              // DBCoreRangeType.Any is 3 (a const enum, not importable at run time).
              asked.push({ index: req.query.index.name ?? ':id', ranged: req.query.range.type !== 3 });
              most = Math.max(most, ++inFlight);
              try {
                return await t.count(req);
              } finally {
                inFlight--;
              }
            },
          };
        },
      }),
    });
    await counted.articles.bulkAdd(ROWS);
    expect(await countViews(counted, RANGE)).toEqual(viewCounts(ROWS));
    expect(most).toBe(1);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((a) => !a.ranged)).toEqual([]);
    counted.close();
  });
});

describe('LiveViewCounts', () => {
  it("follows the service worker's writes, counting again once for a burst of them", async () => {
    const live = new LiveViewCounts(db, RANGE);
    const seen: ViewCounts[] = [];
    const off = live.subscribe((c) => seen.push(c));
    await until(() => seen.length === 1, 'the first counts');
    expect(seen[0].inprogress).toBe(3);

    await writeFromWorker(1, { progress: 0.3 });
    await until(() => seen.at(-1)!.inprogress === 4, 'a position write to count');
    await writeFromWorker(4, { status: 'archived' });
    await until(() => seen.at(-1)!.archived === 4, 'an archive to count');
    expect(recordReadsOfArticles(reads)).toBe(0);
    expect(seen.at(-1)).toEqual(viewCounts(await db.articles.toArray()));
    reads.length = 0;

    // A burst: ten writes while a count runs make one or two more counts, not ten.
    const before = seen.length;
    await Promise.all(ROWS.map((a) => writeFromWorker(a.id, { favorite: 1 })));
    await until(() => seen.at(-1)!.favorite === 10, 'the burst to count');
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length - before).toBeLessThanOrEqual(2);
    expect(recordReadsOfArticles(reads)).toBe(0);
    off();
    // Unsubscribed: a write counts nothing.
    await writeFromWorker(2, { favorite: 0 });
    await new Promise((r) => setTimeout(r, 50));
    expect(recordReadsOfArticles(reads) + reads.filter((r) => r.table === 'articles').length).toBe(0);
  });
});

describe('LiveViewCounts.hold (an import)', () => {
  it('counts nothing while held and once on release', async () => {
    const live = new LiveViewCounts(db, RANGE);
    const seen: ViewCounts[] = [];
    const off = live.subscribe((c) => seen.push(c));
    await until(() => seen.length === 1, 'the first counts');
    const release = live.hold();
    for (const a of ROWS) await writeFromWorker(a.id, { favorite: 1 });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(1);
    release();
    release(); // a second call releases nothing more
    await until(() => seen.length === 2, 'the count on release');
    expect(seen[1].favorite).toBe(10);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(2);
    off();
  });
});

describe("the library connector's counts", () => {
  it('arrive without the whole list being read, and follow writes', async () => {
    const connector = dexieConnector(db, await openReaderSettings(fakeBrowser.storage.local, null));
    // The counts wait for the search index to open (its first build reads every article): open it first,
    // so the reads below are the counts' alone.
    await connector.search!.sync([]);
    reads.length = 0;
    let counts: Record<string, number> | null = null;
    const off = connector.subscribeCounts!(
      (c) => (counts = c),
      (e) => {
        throw e;
      },
    );
    await until(() => counts !== null, 'the counts');
    expect(counts).toEqual(viewCounts(ROWS));
    expect(recordReadsOfArticles(reads)).toBe(0);
    await connector.setStatus(9, 'unread');
    await until(() => counts!.unread === 8, 'a status change');
    off();
  });
});
