// @vitest-environment node
// IndexSync catching up on a big change log: bounded batches that yield between them, the same index as
// a full build, edits and deletes applied, and articles whose indexed version is current skipped.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb, type ArticleRecord, type GistDB } from '../../lib/db/schema';
import { deleteMany, setTags } from '../../lib/db/articles';
import { IndexSync } from '../../lib/search/index-sync';
import { IndexBuilder } from '../../lib/search/index-build';
import { dexieIndexCache, dexieIndexStore } from '../../lib/search/index-store';
import { bulkPutBodies, putBody } from '../../lib/db/contents';

const WORDS = 'honey bees river tram kite lighthouse garden market winter harbour'.split(' ');
function article(n: number): Omit<ArticleRecord, 'id'> {
  return {
    url: `https://s${n % 9}.example/${n}`,
    originalUrl: `https://s${n % 9}.example/${n}`,
    title: `Story ${n} of ${WORDS[n % WORDS.length]}`,
    byline: null,
    siteName: n % 2 ? `Paper ${n % 5}` : null,
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    savedAt: 1000 + n,
    updatedAt: 1000 + n,
    status: 'unread',
    favorite: 0,
    tags: [`t${n % 7}`],
    tagCandidates: [],
    tagsEdited: false,
    wordCount: 8,
    cjkChars: 0,
    imageCount: 0,
    readingMinutes: 1,
    progress: 0,
    contentState: 'full',
  };
}
const body = (n: number) => `Body of ${n}: ${WORDS[(n * 3) % WORDS.length]} and ${WORDS[(n * 7) % WORDS.length]} number${n}`;

/** Adds articles `from..to-1` as an import does: one bulk write of records, one of bodies. */
async function addArticles(db: GistDB, from: number, to: number): Promise<number[]> {
  const ns = Array.from({ length: to - from }, (_, i) => from + i);
  return db.transaction('rw', [db.articles, db.contents, db.texts], async () => {
    const ids = (await db.articles.bulkAdd(ns.map(article) as ArticleRecord[], { allKeys: true })) as number[];
    await bulkPutBodies(
      db,
      ids.map((id, i) => ({ articleId: id, html: '', text: body(ns[i]) })),
    );
    return ids;
  });
}

let db: GistDB;
beforeEach(() => {
  db = openDb(`t-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});

function harness() {
  const cacheDb = new Dexie(`cache-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  cacheDb.version(1).stores({ kv: 'key' });
  const store = dexieIndexStore(db, dexieIndexCache(cacheDb));
  const texts = vi.spyOn(store, 'texts');
  const articles = vi.spyOn(store, 'articles');
  let yields = 0;
  const open = () =>
    new IndexSync(store, async () => {
      yields++;
    });
  return { store, texts, articles, open, yields: () => yields };
}
const QUERIES = [...WORDS, 'story', 'paper', 't3', 'number1', 'fresh', 'rewritten'];
/** Every query's ranked answer: equal for two indexes means the same index, as far as search can tell. */
const answers = (sync: IndexSync) =>
  QUERIES.map((w) => [...sync.index!.search([{ term: w, prefix: true }])].map(([id, s]) => [id, s.toFixed(9)]).sort());

describe('IndexSync.applyLog', () => {
  it('applies a big log in bounded batches that yield, to the same index as a full build, edits and deletes included', async () => {
    const first = await addArticles(db, 0, 300);
    const h = harness();
    const saved = h.open();
    await saved.sync();
    await saved.saveNow();
    // A big import, then edits and deletes, all after the saved watermark.
    const added = [...(await addArticles(db, 300, 1500)), ...(await addArticles(db, 1500, 2700))];
    await setTags(db, first[5], ['fresh']);
    await putBody(db, { articleId: first[6], html: '', text: 'rewritten entirely' });
    await deleteMany(db, [first[7], added[10]]);
    h.texts.mockClear();
    h.articles.mockClear();
    const before = h.yields();
    const next = h.open();
    await next.sync();
    expect(next.opened).toBe('loaded');
    // Records read 500 at a time, bodies 100 at a time, a yield after every batch of records at least.
    expect(Math.max(...h.articles.mock.calls.map(([ids]) => ids.length))).toBeLessThanOrEqual(500);
    expect(Math.max(...h.texts.mock.calls.map(([ids]) => ids.length))).toBeLessThanOrEqual(100);
    expect(h.yields() - before).toBeGreaterThanOrEqual(Math.ceil(2400 / 500));
    const fresh = new IndexSync(
      dexieIndexStore(db, { get: async () => undefined, getPhrases: async () => undefined, put: async () => {} }),
    );
    await fresh.sync();
    expect(fresh.opened).toBe('rebuilt');
    expect(next.index!.size).toBe(2698);
    expect(answers(next)).toEqual(answers(fresh));
    const hits = (w: string) => [...next.index!.search([{ term: w, prefix: false }]).keys()];
    expect(hits('fresh')).toEqual([first[5]]);
    expect(hits('rewritten')).toEqual([first[6]]);
    expect(next.index!.has(first[7])).toBe(false);
    expect(next.index!.has(added[10])).toBe(false);
  });

  it('skips articles whose indexed version is current: a metadata-only rewrite reads no body; a body or indexed field change does', async () => {
    const ids = await addArticles(db, 0, 600);
    const h = harness();
    const sync = h.open();
    await sync.sync();
    await sync.saveNow();
    // Every record written again whole (as sync or a bulk status change does), no indexed field changed.
    const all = await db.articles.toArray();
    await db.articles.bulkPut(all.map((a) => ({ ...a, status: 'archived' as const, updatedAt: a.updatedAt + 1 })));
    expect(await db.changes.count()).toBeGreaterThan(0);
    h.texts.mockClear();
    await sync.sync();
    expect(h.texts).not.toHaveBeenCalled();
    // Reopened from the save: the versions were stored with it.
    const reopened = h.open();
    await reopened.sync();
    expect(reopened.opened).toBe('loaded');
    expect(h.texts).not.toHaveBeenCalled();
    // An HTML-only rewrite (the text kept: images dropped, markup changed) is not logged: no re-index.
    const logged = await db.changes.count();
    await db.contents.put({ articleId: ids[3], html: '<p>Same words, other markup</p>' });
    expect(await db.changes.count()).toBe(logged);
    // A tag (indexed) and a body change are read and applied; nothing else.
    await setTags(db, ids[1], ['gardening']);
    await putBody(db, { articleId: ids[2], html: '', text: 'now about lighthouses only' });
    await sync.sync();
    expect(h.texts.mock.calls.flat(2).sort()).toEqual([ids[1], ids[2]].sort());
    expect([...sync.index!.search([{ term: 'gardening', prefix: false }]).keys()]).toEqual([ids[1]]);
    expect(sync.index!.search([{ term: 'number2', prefix: false }]).has(ids[2])).toBe(false);
  });

  it('held (an import running), catching up stops at its next pause; the last release applies the rest', async () => {
    await addArticles(db, 0, 10);
    const h = harness();
    const sync = h.open();
    await sync.sync();
    await addArticles(db, 10, 1510); // three batches of 500 records
    h.articles.mockClear();
    const before = sync.watermark;
    const [first, second] = [sync.hold(), sync.hold()];
    let finished = false;
    const running = sync.sync().then(() => (finished = true));
    // Long enough for the whole catch-up when not held (well under a second here).
    const wait = () => Promise.race([running, new Promise((r) => setTimeout(r, 1500))]);
    await wait();
    // One batch, then the pause holds it.
    expect(finished).toBe(false);
    expect(h.articles).toHaveBeenCalledTimes(1);
    expect(sync.watermark).toBe(before);
    first();
    first(); // a second call of the same release counts once
    await wait();
    expect(finished).toBe(false);
    expect(h.articles).toHaveBeenCalledTimes(1);
    second();
    await running;
    await sync.sync();
    expect(sync.index!.size).toBe(1510);
    expect(sync.watermark).toBeGreaterThan(before);
    expect(h.articles).toHaveBeenCalledTimes(3);
  });
});

describe('IndexSync rebuild', () => {
  it('reads the next chunk of articles while it indexes the current one, and indexes them all', async () => {
    await addArticles(db, 0, 600); // three chunks of 250
    const h = harness();
    const events: string[] = [];
    const page = h.store.articlePage.bind(h.store);
    vi.spyOn(h.store, 'articlePage').mockImplementation(async (after, limit) => {
      events.push(`read after ${after}`);
      return page(after, limit);
    });
    const sync = new IndexSync(h.store, async () => {
      if (events[events.length - 1] !== 'yield') events.push('yield');
    });
    await sync.sync();
    expect(sync.index!.size).toBe(600);
    expect(answers(sync).flat().length).toBeGreaterThan(0);
    // The second chunk's read starts before the first chunk's indexing yields.
    expect(events.indexOf('read after 250')).toBeGreaterThan(-1);
    expect(events.indexOf('read after 250')).toBeLessThan(events.indexOf('yield'));
  });

  it('finishes the built index in slices that yield (at 50,000 articles finishing in one go held the page most of a second)', async () => {
    await addArticles(db, 0, 300);
    const events: string[] = [];
    const sliced = vi.spyOn(IndexBuilder.prototype, 'finishInSlices');
    // A slow clock (5 ms a read): a few steps of finishing fill a slice, as 50,000 articles' do.
    let t = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (t += 5));
    const sync = new IndexSync(harness().store, async () => void events.push(sliced.mock.calls.length ? 'yield while finishing' : 'yield'));
    try {
      await sync.sync();
    } finally {
      sliced.mockRestore();
      clock.mockRestore();
    }
    expect(sync.index!.size).toBe(300);
    expect(events.filter((e) => e === 'yield while finishing').length).toBeGreaterThan(1);
  });
});
