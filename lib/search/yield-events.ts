// Yielding to the event loop between slices of long work (indexing), so typing and rendering go on.

/** Lets input and rendering run; a message round trip avoids setTimeout's 4 ms clamp on nested timers. */
export function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      r();
    };
    ch.port2.postMessage(null);
  });
}
