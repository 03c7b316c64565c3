// @vitest-environment node
// The import fetch queue: scheduling (per-host gap, concurrency, backoff), state in the DB (resume),
// stop, failures with reasons. Fake clock; fake-indexeddb.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ArticleRecord, type GistDB } from '../../lib/db/schema';
import { afterFailure, backoffMs, DEFAULT_POLICY, FetchFailure, httpFailure, pickNext, type QueueItem } from '../../lib/fetch-queue/policy';
import { fetchOne, runQueue, type Extracted, type RunnerDeps } from '../../lib/fetch-queue/runner';
import { countQueue, queueItems, retryFailed, setPendingImages } from '../../lib/fetch-queue/store';
import type { ExtractedArticle } from '../../lib/extract/types';
import { fullArticleReads, recordReads } from './db-reads';
import { putBody } from '../../lib/db/contents';

const item = (id: number, url: string, over: Partial<QueueItem> = {}): QueueItem => ({
  id,
  url,
  kind: 'page',
  attempts: 0,
  notBefore: 0,
  ...over,
});
const state = (now: number, over: Partial<{ inFlight: Set<number>; busyHosts: Set<string>; lastStart: Map<string, number> }> = {}) => ({
  now,
  inFlight: new Set<number>(),
  busyHosts: new Set<string>(),
  lastStart: new Map<string, number>(),
  ...over,
});

describe('pickNext', () => {
  it('takes items in order, skips hosts that are busy or inside their gap, and reports the wait', () => {
    const items = [item(1, 'https://a.test/1'), item(2, 'https://a.test/2'), item(3, 'https://b.test/1')];
    expect(pickNext(items, state(10_000))).toEqual({ item: items[0] });
    // a.test busy: the b.test item goes next.
    expect(
      pickNext(items, state(10_000, { inFlight: new Set([1]), busyHosts: new Set(['a.test']), lastStart: new Map([['a.test', 10_000]]) })),
    ).toEqual({ item: items[2] });
    // a.test finished 200 ms ago, b.test running: wait for a.test's gap (800 ms).
    const s = state(10_200, {
      inFlight: new Set([3]),
      busyHosts: new Set(['b.test']),
      lastStart: new Map([
        ['a.test', 10_000],
        ['b.test', 10_100],
      ]),
    });
    expect(pickNext(items.slice(1), s)).toEqual({ waitMs: 800 });
    expect(pickNext(items.slice(1), { ...s, now: 11_000 })).toEqual({ item: items[1] });
  });

  it('never exceeds the overall concurrency and reports idle when nothing is left', () => {
    const items = [1, 2, 3, 4].map((i) => item(i, `https://h${i}.test/`));
    const full = state(0, { inFlight: new Set([1, 2, 3]), busyHosts: new Set(['h1.test', 'h2.test', 'h3.test']) });
    expect(pickNext(items, full)).toEqual({ waitMs: Infinity });
    expect(pickNext([], state(0))).toEqual({ idle: true });
    expect(pickNext(items.slice(0, 1), state(0, { inFlight: new Set([1]), busyHosts: new Set(['h1.test']) }))).toEqual({ idle: true });
  });

  it('respects backoff and prefers fresh items over retried ones', () => {
    const items = [
      item(1, 'https://a.test/1', { attempts: 1, notBefore: 5_000 }),
      item(2, 'https://b.test/1', { attempts: 1 }),
      item(3, 'https://c.test/1'),
    ];
    expect(pickNext(items, state(1_000))).toEqual({ item: items[2] });
    expect(pickNext(items.slice(0, 1), state(1_000))).toEqual({ waitMs: 4_000 });
  });

  it('backs off exponentially, caps, and gives up after maxAttempts or on a final error', () => {
    expect([1, 2, 3].map((n) => backoffMs(n))).toEqual([15_000, 30_000, 60_000]);
    expect(backoffMs(40)).toBe(DEFAULT_POLICY.maxBackoffMs);
    expect(afterFailure(1, true, 100)).toEqual({ state: 'retry', notBefore: 15_100 });
    expect(afterFailure(DEFAULT_POLICY.maxAttempts, true, 100)).toEqual({ state: 'failed' });
    expect(afterFailure(1, false, 100)).toEqual({ state: 'failed' });
    expect(httpFailure(404).retry).toBe(false);
    expect(httpFailure(503).retry).toBe(true);
    expect(httpFailure(429).retry).toBe(true);
  });
});

function rec(url: string, over: Partial<ArticleRecord> = {}): Omit<ArticleRecord, 'id'> {
  return {
    url,
    originalUrl: url,
    title: url,
    byline: null,
    siteName: null,
    lang: null,
    publishedTime: null,
    excerpt: null,
    savedAt: 1,
    updatedAt: 1,
    status: 'archived',
    favorite: 1,
    tags: ['mine'],
    tagCandidates: [],
    tagsEdited: true,
    wordCount: 0,
    cjkChars: 0,
    imageCount: 0,
    readingMinutes: 0,
    progress: 0,
    contentState: 'pending',
    ...over,
  };
}

const article = (title: string, images: string[] = []): ExtractedArticle => ({
  title,
  byline: 'By Someone',
  siteName: 'Site',
  lang: 'en',
  publishedTime: null,
  excerpt: 'ex',
  content: '<p>body</p>',
  text: 'Some words of the body text here.',
  canonicalUrl: null,
  images,
  publisherTags: [],
});

/**
 * A fake clock and network: each fetch takes `latency` ms of fake time; hosts of `fail` answer with the
 * given error. `setupMs`: time the first request to each host spends before it goes out (as a new
 * connection or a permission check does in the browser); requests are recorded when they go out.
 */
function harness(db: GistDB, opts: { fail?: Record<string, () => Error>; latency?: number; stopAfter?: number; setupMs?: number } = {}) {
  let t = 1_000_000;
  // Every page request with its host and fake start and end times.
  const starts: { url: string; host: string; at: number; end?: number }[] = [];
  let maxParallel = 0;
  let running = 0;
  let completed = 0;
  const timers: { at: number; fire: () => void }[] = [];
  const sleep = (ms: number) => new Promise<void>((r) => timers.push({ at: t + ms, fire: r }));
  // Advance fake time whenever the loop waits on something.
  const advance = async () => {
    for (;;) {
      await new Promise((r) => setTimeout(r, 0));
      if (!timers.length) return;
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift()!;
      t = Math.max(t, next.at);
      next.fire();
    }
  };
  const deps: RunnerDeps = {
    db,
    now: () => t,
    sleep,
    async fetchPage(url) {
      const host = new URL(url).host;
      if (opts.setupMs && !starts.some((s) => s.host === host)) await sleep(opts.setupMs);
      const req: (typeof starts)[number] = { url, host, at: t };
      starts.push(req);
      running++;
      maxParallel = Math.max(maxParallel, running);
      await sleep(opts.latency ?? 300);
      req.end = t;
      running--;
      completed++;
      const f = Object.entries(opts.fail ?? {}).find(([k]) => url.includes(k));
      if (f) throw f[1]();
      return { html: `<title>${url}</title>`, url };
    },
    extract: async (_html, url): Promise<Extracted> => ({
      article: article(`Title of ${url}`, [`${url}.png`]),
      stored: { html: `<p>body of ${url}</p><img src="${url}.png">`, images: [`${url}.png`] },
      tags: { shown: ['bees'], candidates: ['bees', 'honey'] },
    }),
    fetchImage: async () => new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
    stopped: () => opts.stopAfter !== undefined && completed >= opts.stopAfter,
    maxSleepMs: 60_000,
  };
  return { deps, starts, advance, maxParallel: () => maxParallel, time: () => t };
}

let db: GistDB;
beforeEach(() => {
  db = openDb(`q-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});

/** Start times of the requests, per host, in order. */
function startsByHost(starts: { host: string; at: number }[]): Map<string, number[]> {
  const by = new Map<string, number[]>();
  for (const s of starts) by.set(s.host, [...(by.get(s.host) ?? []), s.at]);
  return by;
}

async function run(h: ReturnType<typeof harness>) {
  const p = runQueue(h.deps);
  let done = false;
  void p.finally(() => {
    done = true;
  });
  while (!done) await h.advance();
  return p;
}

describe('runQueue', () => {
  it('fills pending articles in place, keeping what the import had, with a per-host gap and bounded concurrency', async () => {
    const urls = ['http://a.test/1', 'http://a.test/2', 'http://a.test/3', 'http://b.test/1', 'http://c.test/1', 'http://d.test/1'];
    await db.articles.bulkAdd(urls.map((u) => rec(u)) as ArticleRecord[]);
    const h = harness(db, { setupMs: 50 });
    const summary = await run(h);
    expect(summary).toMatchObject({ done: 6, failed: 0, stopped: false });
    expect(h.maxParallel()).toBeLessThanOrEqual(DEFAULT_POLICY.maxInFlight);
    // Every consecutive pair of requests to one host starts at least a second apart (not just the run's
    // total time). A literal, not DEFAULT_POLICY.hostGapMs: a policy with no gap must fail this test.
    const byHost = startsByHost(h.starts);
    expect(byHost.get('a.test')).toHaveLength(3);
    for (const [host, at] of byHost) {
      for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1], `${host} request ${i}`).toBeGreaterThanOrEqual(1000);
    }
    // Different hosts are not held back by each other's gap: their requests run at the same time.
    const overlapping = h.starts.some((x) => h.starts.some((y) => x.host !== y.host && x.at < y.end! && y.at < x.end!));
    expect(overlapping).toBe(true);
    const all = await db.articles.toArray();
    expect(all.every((a) => a.contentState === 'full')).toBe(true);
    const a1 = all.find((a) => a.url === 'http://a.test/1')!;
    expect(a1).toMatchObject({
      title: 'Title of http://a.test/1',
      status: 'archived',
      favorite: 1,
      tags: ['mine'],
      savedAt: 1,
      byline: 'By Someone',
      imageCount: 1,
    });
    expect(a1.fetchAttempts).toBeUndefined();
    expect((await db.contents.get(a1.id))!.html).toContain('body of http://a.test/1');
    expect(await db.images.where('articleId').equals(a1.id).count()).toBe(1);
    expect(await queueItems(db)).toEqual([]);
  });

  it('retries transient errors with backoff, fails final ones at once, and keeps the reason', async () => {
    await db.articles.bulkAdd([rec('http://gone.test/x'), rec('http://flaky.test/y'), rec('http://ok.test/z')] as ArticleRecord[]);
    const h = harness(db, { fail: { 'gone.test': () => httpFailure(404), 'flaky.test': () => new TypeError('Failed to fetch') } });
    const summary = await run(h);
    expect(summary).toMatchObject({ done: 1, failed: 2, retried: DEFAULT_POLICY.maxAttempts - 1 });
    const flakyStarts = h.starts.filter((s) => s.url.includes('flaky')).map((s) => s.at);
    expect(flakyStarts).toHaveLength(DEFAULT_POLICY.maxAttempts);
    expect(flakyStarts[1] - flakyStarts[0]).toBeGreaterThanOrEqual(backoffMs(1));
    expect(flakyStarts[2] - flakyStarts[1]).toBeGreaterThanOrEqual(backoffMs(2));
    const counts = countQueue(await db.articles.toArray());
    expect(counts).toMatchObject({ pending: 0, failed: 2 });
    expect(counts.failures.map((f) => f.reason).sort()).toEqual(['Failed to fetch', 'the page is gone (HTTP 404)']);
    // Retry failed puts them back in the queue.
    expect(await retryFailed(db)).toBe(2);
    expect((await queueItems(db)).map((i) => i.attempts)).toEqual([0, 0]);
  });

  it('stops when asked (running items finish) and resumes from the database in a new run', async () => {
    await db.articles.bulkAdd(Array.from({ length: 6 }, (_, i) => rec(`http://h${i}.test/`)) as ArticleRecord[]);
    const first = await run(harness(db, { stopAfter: 2 }));
    expect(first.stopped).toBe(true);
    const left = (await queueItems(db)).length;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(6);
    // A new worker (nothing in memory) picks up what is left.
    const second = await run(harness(db));
    expect(second.done).toBe(left);
    expect(await queueItems(db)).toEqual([]);
  });

  it('returns resumeAt instead of sleeping through a long backoff', async () => {
    await db.articles.add(rec('http://slow.test/') as ArticleRecord);
    const h = harness(db, { fail: { 'slow.test': () => httpFailure(503) } });
    h.deps.maxSleepMs = 1_000;
    const s = await run(h);
    expect(s.resumeAt).toBeGreaterThanOrEqual(h.time() + backoffMs(1) - 1_000);
    expect((await queueItems(db))[0].attempts).toBe(1);
  });

  it('downloads only the images of imported content', async () => {
    const id = (await db.articles.add(rec('http://img.test/a', { contentState: 'full' }) as ArticleRecord)) as number;
    await putBody(db, { articleId: id, html: '<p>kept</p>', text: 'kept' });
    await setPendingImages(db, [{ id, images: ['http://img.test/1.png', 'http://img.test/2.png'] }]);
    expect((await queueItems(db))[0].kind).toBe('images');
    const h = harness(db);
    expect((await run(h)).done).toBe(1);
    expect(h.starts).toEqual([]); // no page fetch
    expect(await db.images.where('articleId').equals(id).count()).toBe(2);
    expect((await db.contents.get(id))!.html).toBe('<p>kept</p>');
    expect((await db.articles.get(id))!.pendingImages).toBeUndefined();
  });

  it('does not resurrect an article deleted while it was being fetched', async () => {
    const id = (await db.articles.add(rec('http://del.test/') as ArticleRecord)) as number;
    const h = harness(db);
    const fetchPage = h.deps.fetchPage;
    h.deps.fetchPage = async (u) => {
      await db.articles.delete(id);
      return fetchPage(u);
    };
    await run(h);
    expect(await db.articles.count()).toBe(0);
    expect(await db.contents.count()).toBe(0);
    expect(await db.texts.count()).toBe(0);
  });

  it('a failure the database will not record ends the run with the reason instead of being swallowed', async () => {
    await db.articles.bulkAdd([rec('http://gone.test/x'), rec('http://gone.test/y')] as ArticleRecord[]);
    // stopAfter bounds the run: a runner that swallowed the write error would fetch the same pages forever.
    const h = harness(db, { fail: { 'gone.test': () => httpFailure(404) }, stopAfter: 6 });
    const before = await db.articles.toArray();
    db.articles.update = (() => Promise.reject(new Error('QuotaExceededError: the disk is full'))) as unknown as typeof db.articles.update;
    const summary = await run(h);
    expect(summary.error).toBe(
      'could not record that http://gone.test/x failed (the page is gone (HTTP 404)): QuotaExceededError: the disk is full',
    );
    expect(h.starts.map((s) => s.url)).toEqual(['http://gone.test/x']); // nothing more started
    expect(await db.articles.toArray()).toEqual(before);
  });

  it('treats a page without an article as a final failure', async () => {
    await db.articles.add(rec('http://empty.test/') as ArticleRecord);
    const h = harness(db);
    h.deps.extract = async () => ({ article: null, stored: null, tags: null, error: 'Could not find readable text on this page.' });
    expect((await run(h)).failed).toBe(1);
    expect((await db.articles.toArray())[0]).toMatchObject({
      contentState: 'failed',
      fetchError: 'Could not find readable text on this page.',
      fetchAttempts: 1,
    });
    expect(new FetchFailure('x', false).retry).toBe(false);
  });
});

describe('queue state through a Gist JSON export', () => {
  it('a failed link keeps its reason and attempts when the library is restored', async () => {
    const { gistJsonChunks } = await import('../../lib/export/gist-json');
    const { parseImport } = await import('../../lib/import/parse-import');
    const { applyImport } = await import('../../lib/import/apply-import');
    await db.articles.add(
      rec('http://gone.test/x', { contentState: 'failed', fetchError: 'the page is gone (HTTP 404)', fetchAttempts: 1 }) as ArticleRecord,
    );
    let json = '';
    for await (const c of gistJsonChunks(db)) json += c;
    const other = openDb(`q2-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const parsed = await parseImport('gist.json', new TextEncoder().encode(json));
    await applyImport(other, parsed.items, { sanitize: (h) => ({ html: h }) });
    const [a] = await other.articles.toArray();
    expect(a).toMatchObject({
      contentState: 'failed',
      fetchError: 'the page is gone (HTTP 404)',
      fetchAttempts: 1,
      status: 'archived',
      tags: ['mine'],
    });
    expect(countQueue([a]).failures[0].reason).toBe('the page is gone (HTTP 404)');
  });
});

describe('queue store reads', () => {
  it('finds waiting items and failed links through the contentState and pendingImages indexes, not by reading every article', async () => {
    const indexed = openDb(`q3-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const reads = recordReads(indexed);
    const ids = await indexed.articles.bulkAdd(
      [
        rec('http://done.test/1', { contentState: 'full' }),
        rec('http://wait.test/1'),
        rec('http://img.test/1', { contentState: 'full', pendingImages: ['http://img.test/1.png'] }),
        rec('http://gone.test/1', { contentState: 'failed', fetchError: 'gone' }),
        ...Array.from({ length: 20 }, (_, i) => rec(`http://read.test/${i}`, { contentState: 'full' })),
      ] as ArticleRecord[],
      { allKeys: true },
    );
    reads.length = 0;
    expect((await queueItems(indexed)).map((i) => [i.id, i.kind])).toEqual([
      [ids[1], 'page'],
      [ids[2], 'images'],
    ]);
    expect(await retryFailed(indexed)).toBe(1);
    expect(
      reads
        .filter((r) => r.table === 'articles')
        .map((r) => r.index)
        .sort(),
    ).toEqual(['contentState', 'contentState', 'pendingImages']);
    expect(fullArticleReads(reads)).toBe(0);
  });
});

/** Runs the fake clock until `p` settles. */
async function settle<T>(h: ReturnType<typeof harness>, p: Promise<T>): Promise<T> {
  let done = false;
  void p.finally(() => {
    done = true;
  });
  while (!done) await h.advance();
  return p;
}

describe('fetchOne ("Fetch now" in the import report)', () => {
  it('fetches that one article at once, ahead of older waiting ones, and stores it as the queue would', async () => {
    await db.articles.bulkAdd([rec('http://a.test/older'), rec('http://b.test/mine')] as ArticleRecord[]);
    const mine = (await db.articles.where('url').equals('http://b.test/mine').first())!;
    const h = harness(db, { latency: 0 });
    expect(await settle(h, fetchOne(mine.id, h.deps))).toEqual({ state: 'fetched' });
    expect(h.starts.map((s) => s.url)).toEqual(['http://b.test/mine']);
    const stored = (await db.articles.get(mine.id))!;
    expect(stored).toMatchObject({ contentState: 'full', title: 'Title of http://b.test/mine', tags: ['mine'], imageCount: 1 });
    expect((await db.contents.get(mine.id))?.html).toContain('body of http://b.test/mine');
    expect((await db.articles.where('url').equals('http://a.test/older').first())?.contentState).toBe('pending');
    // Already fetched: nothing is requested again.
    expect(await settle(h, fetchOne(mine.id, h.deps))).toEqual({ state: 'fetched' });
    expect(h.starts).toHaveLength(1);
  });

  it('returns why it failed and marks the article failed with that reason; a failed one is tried again', async () => {
    const id = await db.articles.add(rec('http://gone.test/x') as ArticleRecord);
    const h = harness(db, { latency: 0, fail: { 'gone.test': () => httpFailure(404) } });
    const r = await settle(h, fetchOne(id, h.deps));
    expect(r.state).toBe('failed');
    const reason = r.state === 'failed' ? r.reason : '';
    expect(reason).toMatch(/404/);
    expect(await db.articles.get(id)).toMatchObject({ contentState: 'failed', fetchError: reason });
    // Failed articles are tried again on the next click, and a success fills them.
    const ok = harness(db, { latency: 0 });
    expect(await settle(ok, fetchOne(id, ok.deps))).toEqual({ state: 'fetched' });
    expect((await db.articles.get(id))?.contentState).toBe('full');
    expect(await settle(ok, fetchOne(9999, ok.deps))).toEqual({ state: 'failed', reason: 'this article is no longer in the library' });
  });
});
