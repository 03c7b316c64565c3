// @vitest-environment node
// IndexSync's timed save (lib/search/save-timer.ts): one save after a burst of changes, put off while the
// index is syncing or held, and none once a direct save cancelled it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveTimer } from '../../lib/search/save-timer';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('SaveTimer', () => {
  it('saves once, the delay after the last schedule call', () => {
    const save = vi.fn(async () => {});
    const t = new SaveTimer(3000, () => false, save);
    t.schedule();
    vi.advanceTimersByTime(2000);
    t.schedule();
    vi.advanceTimersByTime(2999);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('waits another delay while busy, then saves', () => {
    let busy = true;
    const save = vi.fn(async () => {});
    const t = new SaveTimer(3000, () => busy, save);
    t.schedule();
    vi.advanceTimersByTime(6000);
    expect(save).not.toHaveBeenCalled();
    busy = false;
    vi.advanceTimersByTime(3000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('cancel drops the pending save', () => {
    const save = vi.fn(async () => {});
    const t = new SaveTimer(3000, () => false, save);
    t.schedule();
    t.cancel();
    vi.advanceTimersByTime(10_000);
    expect(save).not.toHaveBeenCalled();
  });
});
