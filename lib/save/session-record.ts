// One object in the session area holding entries by key, oldest first (insertion order is age), at most
// `max` of them: the per-page counts memo and the per-tab badge memo keep their entries this way.
import type { SessionArea } from './preview-cache';

/** A stored count (words, characters, images): a whole number ≥ 0. */
export const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

export function sessionRecord<E>(area: SessionArea, key: string, max: number) {
  return {
    /** The entries as stored (unchecked: callers validate each one); {} when absent or not an object. */
    async read(): Promise<Record<string, E>> {
      const v = (await area.get(key))[key];
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, E>) : {};
    },
    /** Stores `all`, dropping the oldest entries beyond `max`. */
    async write(all: Record<string, E>): Promise<void> {
      const keys = Object.keys(all);
      for (const k of keys.slice(0, Math.max(0, keys.length - max))) delete all[k];
      await area.set({ [key]: all });
    },
  };
}
