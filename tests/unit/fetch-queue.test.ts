// @vitest-environment node
// The import fetch queue's runner: per-host gap, concurrency, backoff, state in the DB (resume), stop,
// failures with reasons, and fetching one article now. Fake clock; fake-indexeddb.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../lib/db/schema';
import { backoffMs, DEFAULT_POLICY, FetchFailure, httpFailure } from '../../lib/fetch-queue/policy';
import { fetchOne } from '../../lib/fetch-queue/runner';
import { countQueue, queueItems, retryFailed, setPendingImages } from '../../lib/fetch-queue/store';
import { putBody } from '../../lib/db/contents';
import { rec, harness, db, startsByHost, run, settle, freshDbEachTest } from '../helpers/fetch-queue-harness';

freshDbEachTest();
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
