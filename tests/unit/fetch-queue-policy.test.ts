// @vitest-environment node
// The fetch queue's scheduling policy: which item goes next (per-host gap, concurrency, backoff) and
// what a failure does to an item (pure functions, no database).
import { describe, expect, it } from 'vitest';
import { afterFailure, backoffMs, DEFAULT_POLICY, httpFailure, pickNext, type QueueItem } from '../../lib/fetch-queue/policy';

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
