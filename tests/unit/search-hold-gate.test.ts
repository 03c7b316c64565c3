// @vitest-environment node
// The import hold on the index sync (lib/search/hold-gate.ts): held until every hold is released, each
// release counted once, and the last one (only) tells the sync to apply what gathered meanwhile.
import { describe, expect, it, vi } from 'vitest';
import { HoldGate } from '../../lib/search/hold-gate';

describe('HoldGate', () => {
  it('is held until the last release, which alone runs onLastRelease and resolves `released`', async () => {
    const gate = new HoldGate();
    const last = vi.fn();
    const [a, b] = [gate.take(last), gate.take(last)];
    let passed = false;
    void gate.released.then(() => (passed = true));
    a();
    a(); // the same release again counts once
    await Promise.resolve();
    expect(gate.held).toBe(true);
    expect(last).not.toHaveBeenCalled();
    expect(passed).toBe(false);
    b();
    await Promise.resolve();
    expect(gate.held).toBe(false);
    expect(last).toHaveBeenCalledTimes(1);
    expect(passed).toBe(true);
  });
});
