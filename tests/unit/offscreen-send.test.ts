// A just-created offscreen document exists before its script listens: sending is retried on Chrome's
// "Receiving end does not exist" only, a bounded number of times.
import { describe, expect, it } from 'vitest';
import { sendWhenListening } from '../../entrypoints/background/dom-offscreen';

describe('sendWhenListening', () => {
  it('retries while the receiving end does not exist yet, then returns the answer', async () => {
    let calls = 0;
    const send = async () => {
      calls++;
      if (calls < 3) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ok: 1 };
    };
    expect(await sendWhenListening(send, 30, 1)).toEqual({ ok: 1 });
    expect(calls).toBe(3);
  });

  it('does not retry other errors, and gives up after the given tries', async () => {
    let calls = 0;
    await expect(
      sendWhenListening(
        async () => {
          calls++;
          throw new Error('boom');
        },
        30,
        1,
      ),
    ).rejects.toThrow('boom');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      sendWhenListening(
        async () => {
          calls++;
          throw new Error('Receiving end does not exist.');
        },
        4,
        1,
      ),
    ).rejects.toThrow('Receiving end');
    expect(calls).toBe(4);
  });
});
