// The fetch loop, DOM-free and browser-free: the background passes in how to fetch a page, extract
// it (offscreen document or background page), sanitize, download images, sleep and whether the user
// stopped. State lives in the database, so the loop can be killed at any point and started again.
import type { GistDB } from '../db/schema';
import type { ExtractedArticle } from '../extract/types';
import { countText, readingMinutes } from '../reading-time/index';
import type { StoredHtml } from '../sanitize/prepare-stored-html';
import type { SuggestedTags } from '../tags/index';
import { downloadImages } from '../images/download';
import { afterFailure, DEFAULT_POLICY, FetchFailure, hostOf, pickNext, type QueueItem, type QueuePolicy } from './policy';
import { queueItems, recordFailure, storeFetched, storeImages, type FetchedContent } from './store';

export interface Extracted {
  article: ExtractedArticle | null;
  /** The article HTML prepared for storage (sanitized, absolute URLs, image list). */
  stored: StoredHtml | null;
  /** Suggested where the page was read (the word table stays out of the service worker). */
  tags: SuggestedTags | null;
  error?: string;
}

export interface RunnerDeps {
  db: GistDB;
  /** Downloads the page; throws FetchFailure (or any error: retried). Returns the final URL after redirects. */
  fetchPage(url: string): Promise<{ html: string; url: string }>;
  extract(html: string, url: string): Promise<Extracted>;
  fetchImage(url: string): Promise<Blob | null>;
  /** True once the user pressed Stop: running items finish, nothing new starts. */
  stopped(): boolean | Promise<boolean>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  policy?: QueuePolicy;
  /** After each item: its outcome. */
  onItem?(e: { id: number; url: string; outcome: 'done' | 'retry' | 'failed'; reason?: string }): void | Promise<void>;
  /** Longest the loop sleeps in place; longer waits end the run with `resumeAt` (the caller sets an alarm). */
  maxSleepMs?: number;
}

export interface RunSummary {
  done: number;
  failed: number;
  retried: number;
  /** Set when items wait for a backoff longer than maxSleepMs: run again at this time. */
  resumeAt?: number;
  stopped: boolean;
  /** Set when a failure could not be written to the database: the run ended early, this says why. */
  error?: string;
}

export function describeExtraction(
  a: ExtractedArticle,
  stored: StoredHtml,
  tags: SuggestedTags,
  images: { src: string; blob: Blob }[],
): FetchedContent {
  const counts = countText(a.text);
  return {
    html: stored.html,
    text: a.text,
    title: a.title || null,
    byline: a.byline,
    siteName: a.siteName,
    lang: a.lang,
    publishedTime: a.publishedTime,
    excerpt: a.excerpt,
    suggestedTags: tags.shown,
    tagCandidates: tags.candidates,
    wordCount: counts.words,
    cjkChars: counts.cjkChars,
    imageCount: stored.images.length,
    readingMinutes: readingMinutes({ ...counts, images: stored.images.length }),
    images,
  };
}

/** Fetches, extracts and stores one item; throws on failure. */
export async function processItem(item: QueueItem, deps: Omit<RunnerDeps, 'stopped'>): Promise<void> {
  const db = deps.db;
  const now = deps.now ?? Date.now;
  if (item.kind === 'images') {
    const a = await db.articles.get(item.id);
    const { images, failed } = await downloadImages(a?.pendingImages ?? [], deps.fetchImage);
    await storeImages(db, item.id, images, failed);
    return;
  }
  const page = await deps.fetchPage(item.url);
  const ex = await deps.extract(page.html, page.url);
  if (!ex.article || !ex.stored || !ex.tags) throw new FetchFailure(ex.error || 'no readable article found on the page', false);
  if (!ex.stored.html.trim()) throw new FetchFailure('the article was empty after sanitizing', false);
  const { images } = await downloadImages(ex.stored.images, deps.fetchImage);
  await storeFetched(db, item.id, describeExtraction(ex.article, ex.stored, ex.tags, images), now());
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Works through the queue until it is empty, stopped, or only long backoffs remain. */
export async function runQueue(deps: RunnerDeps): Promise<RunSummary> {
  const policy = deps.policy ?? DEFAULT_POLICY;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const maxSleep = deps.maxSleepMs ?? 20_000;
  const summary: RunSummary = { done: 0, failed: 0, retried: 0, stopped: false };
  const inFlight = new Map<number, Promise<void>>();
  const busyHosts = new Set<string>();
  const lastStart = new Map<string, number>();
  let items = await queueItems(deps.db);
  const finished = new Set<number>();

  const start = (item: QueueItem) => {
    const host = hostOf(item.url);
    busyHosts.add(host);
    lastStart.set(host, now());
    const p = (async () => {
      try {
        await processItem(item, deps);
        summary.done++;
        await deps.onItem?.({ id: item.id, url: item.url, outcome: 'done' });
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        const retry = e instanceof FetchFailure ? e.retry : true;
        const next = afterFailure(item.attempts + 1, retry, now(), policy);
        try {
          await recordFailure(deps.db, item.id, reason, next);
        } catch (err) {
          // Unrecorded, the item still looks new and would be fetched again and again: end the run and say why.
          summary.error ??= `could not record that ${item.url} failed (${reason}): ${err instanceof Error ? err.message : String(err)}`;
        }
        if (next.state === 'retry') summary.retried++;
        else summary.failed++;
        await deps.onItem?.({ id: item.id, url: item.url, outcome: next.state === 'retry' ? 'retry' : 'failed', reason });
      } finally {
        // The gap counts from here too: time spent before a request goes out (a new connection, the
        // permission check) would otherwise let the next request to this host follow in under the gap.
        lastStart.set(host, now());
        busyHosts.delete(host);
        inFlight.delete(item.id);
        finished.add(item.id);
      }
    })();
    inFlight.set(item.id, p);
  };

  for (;;) {
    if (await deps.stopped()) {
      summary.stopped = true;
      break;
    }
    if (summary.error) break;
    if (finished.size) {
      // Retried items come back with their new attempt count and backoff; done ones drop out.
      items =
        finished.size > 50 || items.every((i) => finished.has(i.id) || inFlight.has(i.id))
          ? await queueItems(deps.db)
          : items.filter((i) => !finished.has(i.id));
      finished.clear();
    }
    let pick = pickNext(items, { now: now(), inFlight: new Set(inFlight.keys()), busyHosts, lastStart }, policy);
    while ('item' in pick) {
      start(pick.item);
      pick = pickNext(items, { now: now(), inFlight: new Set(inFlight.keys()), busyHosts, lastStart }, policy);
    }
    if ('idle' in pick && !inFlight.size) break;
    const wait = 'waitMs' in pick ? pick.waitMs : Infinity;
    if (!inFlight.size && wait > maxSleep) {
      summary.resumeAt = now() + wait;
      break;
    }
    await Promise.race([...inFlight.values(), ...(wait < Infinity ? [sleep(Math.min(wait, maxSleep))] : [])]);
  }
  await Promise.all(inFlight.values());
  return summary;
}

export type FetchOneResult = { state: 'fetched' } | { state: 'failed'; reason: string };

/**
 * Fetches one link-only article now, ahead of the queue (the import report's "Fetch now"), with the
 * queue's own steps. A failed link is tried again; an article that has its page already answers
 * "fetched". A failure marks the article failed with its reason (shown in the report row, the reader
 * and the queue's list, where "Retry failed" and the reader's "Try again" take it up) and returns it.
 */
export async function fetchOne(id: number, deps: Omit<RunnerDeps, 'stopped'>): Promise<FetchOneResult> {
  const db = deps.db;
  const a = await db.articles.get(id);
  if (!a) return { state: 'failed', reason: 'this article is no longer in the library' };
  if (a.contentState === 'full') return { state: 'fetched' };
  if (a.contentState === 'failed')
    await db.articles.update(id, { contentState: 'pending', fetchAttempts: undefined, nextAttemptAt: undefined, fetchError: undefined });
  const item: QueueItem = { id, url: a.originalUrl || a.url, kind: 'page', attempts: 0, notBefore: 0 };
  try {
    await processItem(item, deps);
    return { state: 'fetched' };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    await recordFailure(db, id, reason, { state: 'failed' });
    return { state: 'failed', reason };
  }
}
