import { browser } from 'wxt/browser';
import type { GistDB } from '../../lib/db/schema';
import { FetchFailure, httpFailure } from '../../lib/fetch-queue/policy';
import { fetchOne, runQueue, type FetchOneResult } from '../../lib/fetch-queue/runner';
import { IDLE_STATUS, parseQueueStatus, QUEUE_STATUS_KEY, type QueueStatus } from '../../lib/fetch-queue/status';
import { retryFailed } from '../../lib/fetch-queue/store';
import { fetchImage } from '../../lib/images/download';
import { originPatterns } from '../../lib/url/match-patterns';
import { domWork } from './dom-work';

// The import fetch queue in the background. Nothing lives in memory between events: the pending
// articles are the queue and the status sits in storage.local, so a service worker stopped mid-run
// continues on the next alarm (every 30 s while running), the next message from the library page, or
// when the background starts again (Firefox's restarted background page has lost its alarms).
export const QUEUE_ALARM = 'gist-fetch-queue';
const PAGE_TIMEOUT_MS = 30_000;
const MAX_PAGE_BYTES = 10 * 1024 * 1024;

/** Decodes with the charset the server or the page declares (many older sites are not UTF-8). */
function decodeHtml(buf: ArrayBuffer, contentType: string): string {
  const bytes = new Uint8Array(buf);
  let charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  if (!charset) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    charset = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1];
  }
  try {
    return new TextDecoder(charset || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

async function fetchPage(url: string): Promise<{ html: string; url: string }> {
  const origins = originPatterns([url]); // no port in a pattern: Firefox matches none with one
  if (!origins.length) throw new FetchFailure('not a web address (http or https)', false);
  const allowed = await browser.permissions.contains({ origins }).catch(() => false);
  if (!allowed)
    throw new FetchFailure(`Gist has no permission to read ${new URL(url).host}; press Fetch again and allow access to all sites`, false);
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), PAGE_TIMEOUT_MS);
  try {
    let res: Response;
    try {
      res = await fetch(url, {
        credentials: 'omit',
        redirect: 'follow',
        signal: ctrl.signal,
        referrerPolicy: 'no-referrer',
        headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      });
    } catch (e) {
      throw new FetchFailure(
        ctrl.signal.aborted
          ? `the site did not answer within ${PAGE_TIMEOUT_MS / 1000} s`
          : `network error (${e instanceof Error ? e.message : String(e)})`,
        true,
      );
    }
    if (!res.ok) throw httpFailure(res.status);
    const type = res.headers.get('content-type') ?? '';
    if (type && !/html|xml/i.test(type)) throw new FetchFailure(`not a web page (${type.split(';')[0].trim()})`, false);
    const buf = await res.arrayBuffer();
    if (buf.byteLength > MAX_PAGE_BYTES) throw new FetchFailure('the page is larger than 10 MB', false);
    return { html: decodeHtml(buf, type), url: res.url || url };
  } finally {
    clearTimeout(timer);
  }
}

export function createImportQueue(getDb: () => GistDB) {
  let loop: Promise<void> | null = null;
  let again = false;
  // Status writes are serialized: items finishing together must not lose each other's counts.
  let chain: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<QueueStatus> => parseQueueStatus((await browser.storage.local.get(QUEUE_STATUS_KEY))[QUEUE_STATUS_KEY]);
  const update = (f: (s: QueueStatus) => Partial<QueueStatus>): Promise<QueueStatus> => {
    const p = chain.then(async () => {
      const s = await read();
      const next = { ...s, ...f(s) };
      await browser.storage.local.set({ [QUEUE_STATUS_KEY]: next });
      return next;
    });
    chain = p.catch(() => undefined);
    return p;
  };
  const alarms = () => (browser as unknown as { alarms?: typeof browser.alarms }).alarms;

  async function kick(): Promise<void> {
    if (loop) {
      again = true;
      return;
    }
    const st = await read();
    if (!st.running) {
      await alarms()?.clear(QUEUE_ALARM);
      return;
    }
    again = false;
    // Firefox drops alarms when the add-on restarts (update, disable/enable): set it again while running.
    if (!(await alarms()?.get(QUEUE_ALARM))) alarms()?.create(QUEUE_ALARM, { periodInMinutes: 0.5 });
    loop = (async () => {
      try {
        const summary = await runQueue({
          db: getDb(),
          fetchPage,
          extract: domWork.extractHtml,
          fetchImage,
          stopped: async () => !(await read()).running,
          onItem: async (e) => {
            if (e.outcome === 'done') await update((s) => ({ done: s.done + 1, resumeAt: null }));
            else if (e.outcome === 'failed')
              await update((s) => ({ failed: s.failed + 1, lastError: `${e.url}: ${e.reason ?? 'failed'}` }));
          },
        });
        if (summary.error) {
          // The database refused to record a failure: stop (running on would refetch the same pages) and say so.
          console.error('Gist: fetch queue stopped:', summary.error);
          await update(() => ({ running: false, resumeAt: null, error: summary.error ?? null }));
          await alarms()?.clear(QUEUE_ALARM);
          return;
        }
        if (summary.stopped || again) return;
        if (summary.resumeAt) await update(() => ({ resumeAt: summary.resumeAt ?? null }));
        else {
          await update(() => ({ running: false, resumeAt: null }));
          await alarms()?.clear(QUEUE_ALARM);
        }
      } catch (e) {
        console.error('Gist: fetch queue', e);
        await update(() => ({ error: e instanceof Error ? e.message : String(e) })).catch((err: unknown) =>
          console.error('Gist: could not save the fetch queue status', err),
        );
      }
    })().finally(() => {
      loop = null;
      if (again) void kick();
    });
  }

  return {
    async start(opts: { retryFailed?: boolean } = {}): Promise<QueueStatus> {
      if (opts.retryFailed) await retryFailed(getDb());
      const st = await update((s) => (s.running ? {} : { ...IDLE_STATUS, running: true, startedAt: Date.now() }));
      // Wakes a stopped worker every 30 s while running (Chrome 120+; older versions round up to 1 min).
      alarms()?.create(QUEUE_ALARM, { periodInMinutes: 0.5 });
      void kick();
      return st;
    },
    async stop(): Promise<QueueStatus> {
      const st = await update(() => ({ running: false, resumeAt: null }));
      await alarms()?.clear(QUEUE_ALARM);
      return st;
    },
    async status(): Promise<QueueStatus> {
      const st = await read();
      if (st.running) void kick(); // a message from the page is a chance to resume
      return st;
    },
    /** One article now, ahead of the queue (whether or not a run is going). */
    fetchOne(id: number): Promise<FetchOneResult> {
      return fetchOne(id, { db: getDb(), fetchPage, extract: domWork.extractHtml, fetchImage });
    },
    kick,
    onAlarm(name: string) {
      if (name === QUEUE_ALARM) void kick();
    },
  };
}
