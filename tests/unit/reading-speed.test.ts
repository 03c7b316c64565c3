// @vitest-environment happy-dom
// The user's reading speed lives in storage.local and drives the badge (and, in their own tests, the
// popup and the library); the library's old localStorage value is migrated once.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { setBadgeCounts } from '../../entrypoints/background/badge';
import { DEFAULT_WPM } from '../../lib/reading-time/index';
import { loadWpm, normalizeWpm, saveWpm, WPM_KEY, type KeyValueArea } from '../../lib/reading-time/speed';
import { openReaderSettings } from '../../lib/reader/settings-store';
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../../lib/reader/settings';

const TAB = 7;
const detected = (words: number, cjkChars = 0) => ({ words, cjkChars });
const badge = () => browser.action.getBadgeText({ tabId: TAB });
const title = () => browser.action.getTitle({ tabId: TAB });

beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
});

describe('reading speed in storage.local', () => {
  it('normalizes: clamps, rounds, and refuses what is not a positive number', () => {
    expect(normalizeWpm(300)).toBe(300);
    expect(normalizeWpm('250.4')).toBe(250);
    expect(normalizeWpm(5)).toBe(80);
    expect(normalizeWpm(1e9)).toBe(1000);
    for (const bad of [0, -3, NaN, '', 'fast', null, undefined, {}]) expect(normalizeWpm(bad)).toBeNull();
  });

  it('loads the default when nothing (or garbage) is stored, and saves a clear error for bad input', async () => {
    expect(await loadWpm(browser.storage.local)).toBe(DEFAULT_WPM);
    await browser.storage.local.set({ [WPM_KEY]: 'fast' });
    expect(await loadWpm(browser.storage.local)).toBe(DEFAULT_WPM);
    await saveWpm(browser.storage.local, 410);
    expect(await loadWpm(browser.storage.local)).toBe(410);
    await expect(saveWpm(browser.storage.local, -1)).rejects.toThrow(/positive number of words per minute/);
    expect(await loadWpm(browser.storage.local)).toBe(410);
    const broken: KeyValueArea = {
      get: async () => {
        throw new Error('storage unavailable');
      },
      set: async () => {},
    };
    expect(await loadWpm(broken)).toBe(DEFAULT_WPM);
  });
});

describe('badge', () => {
  it('shows the reading time at the speed in storage.local', async () => {
    await setBadgeCounts(TAB, detected(2380));
    expect(await badge()).toBe('10m');
    await browser.storage.local.set({ [WPM_KEY]: 476 });
    await setBadgeCounts(TAB, detected(2380));
    expect(await badge()).toBe('5m');
    expect(await title()).toBe('Gist — about 5 min read');
    // The popup's extracted counts replace detection's, at the same speed.
    await setBadgeCounts(TAB, { words: 4760, cjkChars: 0, images: 0 });
    expect(await badge()).toBe('10m');
  });

  it('fits 150 minutes in at most 3 characters ("3h"), with the exact time in the title', async () => {
    await setBadgeCounts(TAB, detected(DEFAULT_WPM * 150));
    const text = await badge();
    expect(text.length).toBeLessThanOrEqual(3);
    expect(text).toBe('3h');
    expect(await title()).toBe('Gist — about 2 h 30 min read');
  });

  it('is cleared for pages that are not articles', async () => {
    await setBadgeCounts(TAB, detected(2380));
    await setBadgeCounts(TAB, null);
    expect(await badge()).toBe('');
    expect(await title()).toBe('Gist');
  });
});

describe('library reader settings', () => {
  it('move the old localStorage speed to storage.local once, keeping the other settings', async () => {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ ...DEFAULT_SETTINGS, theme: 'sepia', wpm: 300 }));
    const first = await openReaderSettings(browser.storage.local, localStorage);
    expect(first.load()).toEqual({ ...DEFAULT_SETTINGS, theme: 'sepia', wpm: 300 });
    expect(await loadWpm(browser.storage.local)).toBe(300);
    const kept = JSON.parse(localStorage.getItem(SETTINGS_KEY)!);
    expect(kept).not.toHaveProperty('wpm');
    expect(kept).toMatchObject({ theme: 'sepia', fontSize: DEFAULT_SETTINGS.fontSize });
    // Once moved, a stale localStorage value never wins again.
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ theme: 'sepia', wpm: 500 }));
    const second = await openReaderSettings(browser.storage.local, localStorage);
    expect(second.load().wpm).toBe(300);
    expect(await loadWpm(browser.storage.local)).toBe(300);
  });

  it('save the speed to storage.local (where the badge reads it) and the rest to localStorage', async () => {
    const store = await openReaderSettings(browser.storage.local, localStorage);
    expect(store.load()).toEqual(DEFAULT_SETTINGS);
    store.save({ ...DEFAULT_SETTINGS, wpm: 476, fontSize: 22 });
    await expect.poll(() => loadWpm(browser.storage.local)).toBe(476);
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY)!)).not.toHaveProperty('wpm');
    expect((await openReaderSettings(browser.storage.local, localStorage)).load()).toEqual({ ...DEFAULT_SETTINGS, wpm: 476, fontSize: 22 });
    await setBadgeCounts(TAB, detected(2380));
    expect(await badge()).toBe('5m');
  });

  it('still open (old speed, this visit) when storage.local fails or there is no localStorage', async () => {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ wpm: 300 }));
    const warnings: string[] = [];
    const broken: KeyValueArea = {
      get: async () => {
        throw new Error('storage unavailable');
      },
      set: async () => {
        throw new Error('nope');
      },
    };
    const store = await openReaderSettings(broken, localStorage, (m) => warnings.push(m));
    expect(store.load().wpm).toBe(300);
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY)!).wpm).toBe(300); // not dropped: it was not moved
    expect(warnings).toHaveLength(1);
    expect((await openReaderSettings(browser.storage.local, null)).load()).toEqual(DEFAULT_SETTINGS);
  });
});
