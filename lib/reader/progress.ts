// Reading position: how far through the article body the reader is, what is left, and when to write it.

export interface ScrollGeometry {
  /** Window scroll offset. */
  scrollY: number;
  viewportHeight: number;
  /** Top of the article body in document coordinates, and its height. */
  bodyTop: number;
  bodyHeight: number;
}

/**
 * 0 before the body's top reaches the top of the screen, 1 when its end is visible at the bottom.
 * A body shorter than the screen reads as done as soon as it is shown whole.
 */
export function progressOf(g: ScrollGeometry): number {
  const span = g.bodyHeight - g.viewportHeight;
  if (span <= 0) return g.scrollY + g.viewportHeight >= g.bodyTop + g.bodyHeight ? 1 : 0;
  const p = (g.scrollY - g.bodyTop) / span;
  return Math.min(1, Math.max(0, p));
}

/** Where to scroll to put the reader back at `progress` (inverse of progressOf). */
export function scrollForProgress(progress: number, g: Omit<ScrollGeometry, 'scrollY'>): number {
  const p = Math.min(1, Math.max(0, Number.isFinite(progress) ? progress : 0));
  const span = Math.max(0, g.bodyHeight - g.viewportHeight);
  return Math.max(0, Math.round(g.bodyTop + p * span));
}

/** Read this far, an article counts as finished: the reader offers to archive it (or does, if asked to). */
export const FINISHED_AT = 0.95;

/** Whole minutes left at this position; 0 only when finished. */
export function minutesLeft(totalMinutes: number, progress: number): number {
  if (progress >= 0.995) return 0;
  return Math.max(1, Math.ceil(totalMinutes * (1 - Math.min(1, Math.max(0, progress)))));
}

/** Only positions that moved meaningfully are worth a database write. */
export function shouldStore(stored: number, next: number, minStep = 0.01): boolean {
  if (!Number.isFinite(next)) return false;
  return Math.abs(next - stored) >= minStep || (next >= 1 && stored < 1) || (next <= 0 && stored > 0);
}

type Handle = ReturnType<typeof setTimeout>;
export interface Timers {
  set(fn: () => void, ms: number): Handle;
  clear(handle: Handle): void;
}

// Wrapped, not `{ set: setTimeout }`: browsers throw "Illegal invocation" when setTimeout is called as a
// method of another object (`this` must be the window): every scroll after the first threw, and the
// reading position was written only on leaving the article.
const globalTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle),
};

/**
 * Trailing throttle: at most one call per `ms`, always delivering the latest value; `flush` writes a
 * pending value now (leaving the article, closing the page).
 */
export function throttle<T>(fn: (v: T) => void, ms: number, timers: Timers = globalTimers) {
  let last = -Infinity;
  let pending: { v: T } | null = null;
  let timer: Handle | null = null;
  const fire = () => {
    timer = null;
    if (!pending) return;
    const { v } = pending;
    pending = null;
    last = Date.now();
    fn(v);
  };
  return {
    push(v: T) {
      pending = { v };
      const wait = last + ms - Date.now();
      if (wait <= 0 && timer === null) fire();
      else if (timer === null) timer = timers.set(fire, Math.max(0, wait));
    },
    flush() {
      if (timer !== null) {
        timers.clear(timer);
        timer = null;
      }
      fire();
    },
    cancel() {
      if (timer !== null) timers.clear(timer);
      timer = null;
      pending = null;
    },
  };
}
