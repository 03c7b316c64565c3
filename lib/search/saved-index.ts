// Reading back the saved index (a cache): whether its watermark still fits the change log, and attaching
// its phrase part, which loads after the word part.
import type { TextIndex } from './text-index';
import type { IndexStore } from './index-store';

/** The log can bring an index saved at `watermark` up to date (not before the oldest kept row, not past the newest). */
export async function watermarkUsable(store: IndexStore, watermark: number): Promise<boolean> {
  const [first, last] = await Promise.all([store.firstSeq(), store.lastSeq()]);
  return watermark <= last && (first === undefined || watermark >= first - 1);
}

/** Loads the saved phrase part into `ix`; false when it is missing, damaged or of another save than `stamp`. */
export async function attachSavedPhrases(store: IndexStore, ix: TextIndex, stamp: number): Promise<boolean> {
  const saved = await store.loadPhrases().catch(() => undefined);
  if (!saved || saved.stamp !== stamp) return false;
  try {
    ix.attachPhrases(saved.phrases);
    return true;
  } catch {
    return false;
  }
}
