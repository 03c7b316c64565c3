// The user's reading speed lives in the extension's storage.local (one value for every context): the
// background's badge, the popup and the library all read it there. Pages pass their storage area in.
import { DEFAULT_WPM } from './index';

export const WPM_KEY = 'gist-reading-wpm';
export const WPM_LIMITS = { min: 80, max: 1000, step: 10 } as const;

/** The part of browser.storage.local this needs (tests pass a Map-backed one). */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** A usable words-per-minute value (clamped, whole), or null when `v` is not a positive number. */
export function normalizeWpm(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  return Math.round(Math.min(WPM_LIMITS.max, Math.max(WPM_LIMITS.min, n)));
}

/** The stored speed, or the default when none is stored, it is unusable or storage fails. */
export async function loadWpm(area: KeyValueArea): Promise<number> {
  try {
    return normalizeWpm((await area.get(WPM_KEY))[WPM_KEY]) ?? DEFAULT_WPM;
  } catch {
    return DEFAULT_WPM;
  }
}

export async function saveWpm(area: KeyValueArea, wpm: number): Promise<number> {
  const v = normalizeWpm(wpm);
  if (v === null) throw new RangeError(`Reading speed must be a positive number of words per minute (got ${String(wpm)}).`);
  await area.set({ [WPM_KEY]: v });
  return v;
}

/**
 * The stored speed; when storage.local has none yet, `legacy` (the speed older versions kept in the
 * library page's localStorage) is copied there once. Once this resolves, the legacy value is obsolete
 * (storage.local holds the speed, or the legacy value was unusable) and the caller can drop it.
 */
export async function loadWpmMigrating(area: KeyValueArea, legacy: unknown): Promise<number> {
  const stored = normalizeWpm((await area.get(WPM_KEY))[WPM_KEY]);
  if (stored !== null) return stored;
  const old = normalizeWpm(legacy);
  if (old === null) return DEFAULT_WPM;
  await area.set({ [WPM_KEY]: old });
  return old;
}
