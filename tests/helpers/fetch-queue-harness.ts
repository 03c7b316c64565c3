// The fetch queue under test: article records to queue, a fake clock and network (harness) driving the
// runner, a fresh fake-indexeddb library per test, and runs of the fake clock until work settles.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { openDb, type ArticleRecord, type GistDB } from '../../lib/db/schema';
import { runQueue, type Extracted, type RunnerDeps } from '../../lib/fetch-queue/runner';
import type { ExtractedArticle } from '../../lib/extract/types';
import { storedLink } from './article-record';

/** A waiting link the user has archived, favourited and tagged (what a fetch must keep). */
export function rec(url: string, over: Partial<ArticleRecord> = {}): Omit<ArticleRecord, 'id'> {
  return storedLink(url, { status: 'archived', favorite: 1, tags: ['mine'], tagsEdited: true, ...over });
}

export const article = (title: string, images: string[] = []): ExtractedArticle => ({
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
export function harness(
  db: GistDB,
  opts: { fail?: Record<string, () => Error>; latency?: number; stopAfter?: number; setupMs?: number } = {},
) {
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

export let db: GistDB;
/** A fresh library database for each test of the calling file. */
export function freshDbEachTest(): void {
  beforeEach(() => {
    db = openDb(`q-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  });
}

/** Start times of the requests, per host, in order. */
export function startsByHost(starts: { host: string; at: number }[]): Map<string, number[]> {
  const by = new Map<string, number[]>();
  for (const s of starts) by.set(s.host, [...(by.get(s.host) ?? []), s.at]);
  return by;
}

/** A whole queue run on the fake clock. */
export const run = (h: ReturnType<typeof harness>) => settle(h, runQueue(h.deps));

/** Runs the fake clock until `p` settles. */
export async function settle<T>(h: ReturnType<typeof harness>, p: Promise<T>): Promise<T> {
  let done = false;
  void p.finally(() => {
    done = true;
  });
  while (!done) await h.advance();
  return p;
}
