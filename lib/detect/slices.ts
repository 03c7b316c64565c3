// Detection as the always-on content script runs it, one step per idle slice so that no single task
// blocks the page for long: the verdict first (every page); then, on an article, the popup's own count
// (`counts`, the extraction; its code loads on article pages only); and in a slice of its own the
// detector's count: for an article only when that extraction finds nothing or cannot load (its
// estimate, reading-estimate.ts); any other page reports at once, uncounted. The benchmark runs this
// same function with `onSlice` to time each synchronous step (scripts/bench-detect.ts).
import type { StoredCounts } from '../reading-time/index';
import { decideArticle, detectionOf, type Detection } from './index';

export type DetectSlice = 'decide' | 'count';

export interface SliceOptions {
  /** Waits for the next idle period (requestIdleCallback with a timeout, or a timer). */
  idle: () => Promise<void>;
  /** False once the page navigated or the script was unloaded: the rest is dropped. */
  alive?: () => boolean;
  /** The popup's counts for an article (null: it found nothing; a rejection counts as nothing). */
  counts?: (doc: Document) => Promise<StoredCounts | null>;
  /** The page's address for the URL signals (doc.URL by default; benchmarks give a served copy its original one). */
  url?: string;
  /** Called after each synchronous step with its duration (benchmarks). */
  onSlice?: (slice: DetectSlice, ms: number) => void;
}

export interface SlicedDetection extends Detection {
  /** The counts are the popup's own (`counts`), not the detector's estimate. */
  counted: boolean;
}

/** Runs the first step at once (call it from an idle callback); null when `alive` turned false. */
export async function detectInSlices(doc: Document, o: SliceOptions): Promise<SlicedDetection | null> {
  const alive = o.alive ?? (() => true);
  const timed = <T>(slice: DetectSlice, step: () => T): T => {
    const t = performance.now();
    const r = step();
    o.onSlice?.(slice, performance.now() - t);
    return r;
  };
  const d = timed('decide', () => decideArticle(doc, { url: o.url }));
  // Not an article: nothing to count, the background shows no reading time for it (saved-state.ts).
  if (!d.isArticle) return { isArticle: false, score: d.score, wordCount: 0, cjkChars: 0, images: 0, counted: false };
  await o.idle();
  if (!alive()) return null;
  if (o.counts) {
    const c = await o.counts(doc).catch(() => null);
    if (!alive()) return null;
    if (c) return { isArticle: true, score: d.score, wordCount: c.words, cjkChars: c.cjkChars ?? 0, images: c.images ?? 0, counted: true };
    await o.idle();
    if (!alive()) return null;
  }
  return { ...timed('count', () => detectionOf(doc, d)), counted: false };
}
