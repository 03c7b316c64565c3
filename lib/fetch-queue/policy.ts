// Which queued article to fetch next: pure scheduling, no I/O. At most `maxInFlight` requests overall,
// one at a time per host and at least `hostGapMs` from the end of one to the start of the next on the
// same host (so any two requests to it are at least that far apart): importing 5,000 links from one
// site never hammers it. Failures back off exponentially up to `maxAttempts`.

export interface QueuePolicy {
  maxInFlight: number;
  hostGapMs: number;
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_POLICY: QueuePolicy = {
  maxInFlight: 3,
  hostGapMs: 1000,
  maxAttempts: 3,
  baseBackoffMs: 15_000,
  maxBackoffMs: 30 * 60_000,
};

/** One unit of work: fetch and extract the page, or (imported content) only download its images. */
export interface QueueItem {
  id: number;
  url: string;
  kind: 'page' | 'images';
  attempts: number;
  /** Epoch ms before which it must not run (backoff); 0 when due. */
  notBefore: number;
}

export interface SchedulerState {
  now: number;
  /** Article ids being worked on. */
  inFlight: Set<number>;
  /** Hosts with a request in flight. */
  busyHosts: Set<string>;
  /** When the last request to each host started, or ended once it has (the gap counts from then). */
  lastStart: Map<string, number>;
}

export type Pick = { item: QueueItem } | { waitMs: number } | { idle: true };

export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

/** Delay before attempt `attempts + 1`, after `attempts` failures (1 → base, 2 → 2×base, ...). */
export function backoffMs(attempts: number, policy: QueuePolicy = DEFAULT_POLICY): number {
  if (attempts <= 0) return 0;
  return Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** (attempts - 1));
}

/**
 * The next item that may start now, else how long until one may (a host gap or a backoff ends),
 * else idle (nothing left that is not already running). Fewer attempts first, then queue order.
 */
export function pickNext(items: readonly QueueItem[], s: SchedulerState, policy: QueuePolicy = DEFAULT_POLICY): Pick {
  if (s.inFlight.size >= policy.maxInFlight) return { waitMs: Infinity };
  let best: QueueItem | null = null;
  let soonest = Infinity;
  for (const it of items) {
    if (s.inFlight.has(it.id)) continue;
    const host = hostOf(it.url);
    const hostFree = s.lastStart.has(host) ? s.lastStart.get(host)! + policy.hostGapMs : 0;
    const readyAt = Math.max(it.notBefore, hostFree);
    if (s.busyHosts.has(host)) {
      // Ready once the running request on that host ends (and its gap passes): at least the gap.
      soonest = Math.min(soonest, Math.max(readyAt, s.now + 1) - s.now);
      continue;
    }
    if (readyAt <= s.now) {
      if (!best || it.attempts < best.attempts) best = it;
      if (best.attempts === 0) break; // items are in queue order: the first fresh one wins
    } else {
      soonest = Math.min(soonest, readyAt - s.now);
    }
  }
  if (best) return { item: best };
  return soonest === Infinity ? { idle: true } : { waitMs: soonest };
}

/** A fetch or extraction failure; `retry` false when trying again cannot help (404, not HTML, no article). */
export class FetchFailure extends Error {
  override name = 'FetchFailure';
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
  }
}

/** What to do after a failed attempt. */
export function afterFailure(
  attempts: number,
  retry: boolean,
  now: number,
  policy: QueuePolicy = DEFAULT_POLICY,
): { state: 'retry'; notBefore: number } | { state: 'failed' } {
  if (!retry || attempts >= policy.maxAttempts) return { state: 'failed' };
  return { state: 'retry', notBefore: now + backoffMs(attempts, policy) };
}

/** Human reason for an HTTP status; 404/410/401/403 and client errors are final, 429 and 5xx are retried. */
export function httpFailure(status: number): FetchFailure {
  if (status === 404 || status === 410) return new FetchFailure(`the page is gone (HTTP ${status})`, false);
  if (status === 401 || status === 403) return new FetchFailure(`the site refused access (HTTP ${status}); it may need a login`, false);
  if (status === 429) return new FetchFailure('the site asked to slow down (HTTP 429)', true);
  if (status >= 500) return new FetchFailure(`the site had an error (HTTP ${status})`, true);
  return new FetchFailure(`the site answered HTTP ${status}`, false);
}
