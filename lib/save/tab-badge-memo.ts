// What each tab's toolbar button shows (its counts and whether the page is saved), kept in the session
// area so a change of the reading speed can redraw every open tab's badge at once: the minutes are
// computed from the counts at the speed of the moment, and the service worker keeps no state.
import type { StoredCounts } from '../reading-time/index';
import type { SessionArea } from './preview-cache';
import { isCount, sessionRecord } from './session-record';

const KEY = 'gist:tab-badges';
/** More tabs than anyone keeps open; the oldest entries go first. */
export const MAX_TABS = 500;

type Entry = [words: number, cjkChars: number, images: number, saved: 0 | 1] | [saved: 0 | 1];
export interface TabBadge {
  tabId: number;
  counts: StoredCounts | null;
  saved: boolean;
}

// "t12", not "12": an object lists integer-like keys in numeric order, and insertion order is age here.
const keyOf = (tabId: number) => `t${tabId}`;
const isFlag = (v: unknown): v is 0 | 1 => v === 0 || v === 1;
const isEntry = (v: unknown): v is Entry =>
  Array.isArray(v) && ((v.length === 4 && v.slice(0, 3).every(isCount) && isFlag(v[3])) || (v.length === 1 && isFlag(v[0])));

export function createTabBadgeMemo(area: SessionArea) {
  const { read, write } = sessionRecord<Entry>(area, KEY, MAX_TABS);
  return {
    async put(tabId: number, counts: StoredCounts | null, saved: boolean): Promise<void> {
      const all = await read();
      delete all[keyOf(tabId)]; // re-inserted last: insertion order is age
      const flag = saved ? 1 : 0;
      all[keyOf(tabId)] = counts ? [counts.words, counts.cjkChars ?? 0, counts.images ?? 0, flag] : [flag];
      await write(all);
    },
    /** The saved flag changed (saved from the popup or the shortcut, removed); the counts stay. */
    async setSaved(tabId: number, saved: boolean): Promise<void> {
      const all = await read();
      const e = all[keyOf(tabId)];
      if (!isEntry(e)) return;
      const flag = saved ? 1 : 0;
      all[keyOf(tabId)] = e.length === 4 ? [e[0], e[1], e[2], flag] : [flag];
      await write(all);
    },
    async drop(tabId: number): Promise<void> {
      const all = await read();
      if (!(keyOf(tabId) in all)) return;
      delete all[keyOf(tabId)];
      await write(all);
    },
    async all(): Promise<TabBadge[]> {
      return Object.entries(await read()).flatMap(([key, e]) =>
        isEntry(e) && /^t\d{1,15}$/.test(key)
          ? [
              {
                tabId: Number(key.slice(1)),
                counts: e.length === 4 ? { words: e[0], cjkChars: e[1], images: e[2] } : null,
                saved: (e.length === 4 ? e[3] : e[0]) === 1,
              },
            ]
          : [],
      );
    },
  };
}
