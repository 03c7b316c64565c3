// One extraction per save: what the popup's preview extracted is kept per tab, and its Save stores
// exactly that while the tab still shows the same load of the same URL (lib/save/tab-extraction's
// PageIdentity). A reload or navigation makes a new page id, an SPA route a new URL: then Save
// extracts again. The keyboard shortcut without a preview extracts once, as before.
// Storage comes in as an argument: browser.storage.session (Chrome 102+, Firefox 115+; cleared when
// the browser closes, survives the service worker stopping) or memoryArea() where it is missing.
import type { PageAnalysis } from './save-article';
import type { PageIdentity, TabExtraction } from './tab-extraction';

/** The part of a storage area the cache uses (browser.storage.session has it). */
export interface SessionArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface CachedPreview extends PageIdentity {
  extraction: TabExtraction;
  /** The tags the popup showed and the key it looked the article up by; absent for an extraction made
   * ahead of the popup (lib/save/early-preview.ts), which the popup then analyses once. */
  analysis?: PageAnalysis;
  at: number;
}

const PREFIX = 'gist:preview:';
const INDEX = `${PREFIX}index`;
/** Tabs kept; the oldest previews go first. */
export const MAX_PREVIEWS = 6;
/** Larger previews are not kept (Chrome's session area holds 10 MB in all): Save extracts again. */
export const MAX_PREVIEW_CHARS = 2_000_000;

const keyOf = (tabId: number) => `${PREFIX}${tabId}`;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** What was read back, or null when it is not a preview this code wrote. */
function parseEntry(v: unknown): CachedPreview | null {
  const e = v as Partial<CachedPreview> | null;
  if (!e || typeof e !== 'object' || typeof e.url !== 'string' || typeof e.pageId !== 'string' || typeof e.at !== 'number') return null;
  const x = e.extraction as Partial<TabExtraction> | undefined;
  if (
    !x ||
    typeof x !== 'object' ||
    typeof x.url !== 'string' ||
    !x.detection ||
    typeof x.detection !== 'object' ||
    x.article === undefined
  )
    return null;
  const an = e.analysis as Partial<PageAnalysis> | undefined;
  if (an === undefined) return e as CachedPreview;
  if (!an || typeof an.key !== 'string' || !an.tags || !isStrings(an.tags.shown) || !isStrings(an.tags.candidates)) return null;
  return e as CachedPreview;
}

/** A session area in memory, for browsers without storage.session (kept only while the background lives). */
export function memoryArea(): SessionArea {
  const m = new Map<string, unknown>();
  return {
    async get(keys) {
      const list = keys === null ? [...m.keys()] : typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(list.filter((k) => m.has(k)).map((k) => [k, structuredClone(m.get(k))]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) m.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) m.delete(k);
    },
  };
}

export function createPreviewCache(area: SessionArea, now: () => number = Date.now) {
  const readIndex = async (): Promise<number[]> => {
    const v = (await area.get(INDEX))[INDEX];
    return Array.isArray(v) ? v.filter((x): x is number => Number.isSafeInteger(x)) : [];
  };

  return {
    /** Keeps the preview's extraction and analysis for the tab; false when not kept (no page id, too large, no room). */
    async put(tabId: number, extraction: TabExtraction, analysis?: PageAnalysis): Promise<boolean> {
      if (!extraction.pageId) return false;
      const entry: CachedPreview = {
        url: extraction.url,
        pageId: extraction.pageId,
        extraction,
        ...(analysis ? { analysis } : {}),
        at: now(),
      };
      if (JSON.stringify(entry).length > MAX_PREVIEW_CHARS) {
        await area.remove(keyOf(tabId)); // an older, smaller preview of this tab must not be saved instead
        return false;
      }
      const others = (await readIndex()).filter((t) => t !== tabId);
      const kept = others.slice(0, MAX_PREVIEWS - 1);
      const evicted = others.slice(MAX_PREVIEWS - 1);
      if (evicted.length) await area.remove(evicted.map(keyOf));
      try {
        await area.set({ [keyOf(tabId)]: entry, [INDEX]: [tabId, ...kept] });
      } catch {
        // Over quota: the other tabs' previews go (their Save extracts again); then try once more.
        const all = Object.keys(await area.get(null).catch(() => ({}))).filter((k) => k.startsWith(PREFIX));
        await area.remove(all).catch(() => undefined);
        try {
          await area.set({ [keyOf(tabId)]: entry, [INDEX]: [tabId] });
        } catch {
          return false;
        }
      }
      return true;
    },

    /** The preview kept for the tab, whatever page it was of (callers compare identities). */
    async get(tabId: number): Promise<CachedPreview | null> {
      return parseEntry((await area.get(keyOf(tabId)))[keyOf(tabId)]);
    },

    async drop(tabId: number): Promise<void> {
      const index = await readIndex();
      await area.remove(keyOf(tabId));
      if (index.includes(tabId)) await area.set({ [INDEX]: index.filter((t) => t !== tabId) });
    },
  };
}

export type PreviewCache = ReturnType<typeof createPreviewCache>;

export interface SaveSource {
  cache: PreviewCache;
  /** The tab's current page: its URL and page id (null when the tab cannot be asked). */
  identify(tabId: number): Promise<PageIdentity | null>;
  /** Runs the extraction script in the tab. */
  extract(tabId: number): Promise<TabExtraction>;
}

/**
 * What to save for a tab: the preview's extraction, tags and key when the tab still shows that same
 * page load (same URL, same page id), else a fresh extraction (the save then asks for tags and key).
 */
export async function extractionForSave(
  tabId: number,
  src: SaveSource,
): Promise<{ extraction: TabExtraction; analysis?: PageAnalysis; fromPreview: boolean }> {
  const kept = await src.cache.get(tabId).catch(() => null);
  if (kept) {
    const now = await src.identify(tabId).catch(() => null);
    if (now && now.url === kept.url && now.pageId === kept.pageId)
      return { extraction: kept.extraction, analysis: kept.analysis, fromPreview: true };
    await src.cache.drop(tabId).catch(() => undefined);
  }
  return { extraction: await src.extract(tabId), fromPreview: false };
}
