// Where the library page keeps its reader settings: typography and theme in the page's localStorage
// (read synchronously, so the first paint has the right theme), the reading speed in storage.local
// (shared with the badge and the popup). Older versions kept the speed in localStorage too: it is
// moved to storage.local once, then dropped from localStorage.
import { loadWpmMigrating, saveWpm, type KeyValueArea } from '../reading-time/speed';
import { normalizeSettings, SETTINGS_KEY, type ReaderSettings } from './settings';

export interface ReaderSettingsStore {
  load(): ReaderSettings;
  save(s: ReaderSettings): void;
}

type LocalStore = Pick<Storage, 'getItem' | 'setItem'>;

function readLocal(local: LocalStore | null): Record<string, unknown> {
  try {
    const raw: unknown = JSON.parse(local?.getItem(SETTINGS_KEY) ?? 'null');
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function writeLocal(local: LocalStore | null, s: Record<string, unknown>): void {
  const rest = { ...s };
  delete rest.wpm; // the speed lives in storage.local
  try {
    local?.setItem(SETTINGS_KEY, JSON.stringify(rest));
  } catch {
    /* private mode: settings last this visit */
  }
}

/**
 * Reads the speed from storage.local (migrating the old localStorage value once) before the page
 * renders, so no reading time is ever painted at the wrong speed. `local` is null where the page has
 * no localStorage.
 */
export async function openReaderSettings(
  area: KeyValueArea,
  local: LocalStore | null,
  warn: (msg: string, e: unknown) => void = () => {},
): Promise<ReaderSettingsStore> {
  const stored = readLocal(local);
  let settings = normalizeSettings(stored);
  try {
    settings = { ...settings, wpm: await loadWpmMigrating(area, stored.wpm) };
    if ('wpm' in stored) writeLocal(local, stored);
  } catch (e) {
    warn('Gist: could not read the reading speed from storage.local', e); // the old value (or the default) for this visit
  }
  return {
    load: () => settings,
    save(next) {
      const speedChanged = next.wpm !== settings.wpm;
      settings = next;
      writeLocal(local, { ...next });
      if (speedChanged) saveWpm(area, next.wpm).catch((e: unknown) => warn('Gist: could not store the reading speed', e));
    },
  };
}
