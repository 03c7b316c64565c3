// The reading speed set in the library (storage.local) drives the toolbar badge and the popup in real
// Chromium; an older version's localStorage speed is moved there on the library's next load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openPopupFor, serveFixtures, waitFor, type ExtensionSession, type FixtureServer } from './harness';
import { WPM_KEY } from '../../lib/reading-time/speed';
import { SETTINGS_KEY } from '../../lib/reader/settings';

describe('reading speed in Chromium', () => {
  let s: ExtensionSession;
  let server: FixtureServer;
  beforeAll(async () => {
    s = await launchWithExtension();
    server = await serveFixtures();
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  const storedWpm = async () => (await s.sw()).evaluate(async (k) => (await chrome.storage.local.get(k))[k] as number | undefined, WPM_KEY);
  const minutesOf = (text: string | null) => Number(/^(\d+)/.exec(text ?? '')?.[1]);
  /** Reloads the article (detection runs again) and returns the badge's minutes. */
  const badgeAfterReload = async (article: Page, tabId: number) => {
    await article.reload();
    return minutesOf(
      await waitFor(async () => {
        const b = await s.badgeText(tabId);
        return /^\d+m$/.test(b) ? b : '';
      }, 'badge'),
    );
  };
  const popupMinutes = async (tabId: number) => {
    const popup = await openPopupFor(s, tabId);
    await expect.poll(() => popup.getByTestId('reading-time').isVisible(), { timeout: 20_000 }).toBe(true);
    const m = minutesOf(await popup.getByTestId('reading-time').textContent());
    await popup.close();
    return m;
  };

  it('moves the old speed to storage.local, and the badge (open tabs at once) and popup follow it', async () => {
    const article = await s.context.newPage();
    await article.goto(server.url('article.html'));
    const tabId = await s.tabIdOf(server.url('article.html'));
    const badge0 = await badgeAfterReload(article, tabId);
    const popup0 = await popupMinutes(tabId);
    expect(badge0).toBeGreaterThanOrEqual(3);
    expect(popup0).toBeGreaterThanOrEqual(3);

    // An older version kept the speed (twice the default here) in the library's localStorage.
    const library = await s.context.newPage();
    await library.goto(s.extUrl('library.html'));
    await library.evaluate(([k]) => localStorage.setItem(k, JSON.stringify({ theme: 'sepia', wpm: 476 })), [SETTINGS_KEY]);
    expect(await storedWpm()).toBeUndefined();
    await library.reload();
    await expect.poll(storedWpm).toBe(476);
    expect(await library.evaluate(([k]) => JSON.parse(localStorage.getItem(k) ?? '{}'), [SETTINGS_KEY])).not.toHaveProperty('wpm');
    expect(await library.evaluate(() => document.documentElement.dataset.theme)).toBe('sepia');
    await library.getByTestId('settings-button').click();
    expect(await library.getByTestId('wpm').inputValue()).toBe('476');

    const badge1 = await badgeAfterReload(article, tabId);
    const popup1 = await popupMinutes(tabId);
    expect(badge1).toBeLessThan(badge0);
    expect(Math.abs(badge1 - badge0 / 2)).toBeLessThanOrEqual(1);
    expect(popup1).toBeLessThan(popup0);
    expect(Math.abs(popup1 - popup0 / 2)).toBeLessThanOrEqual(1);

    // Back to the default speed from the library's settings.
    await library.getByTestId('wpm').fill('238');
    await library.getByTestId('wpm').press('Tab');
    await expect.poll(storedWpm).toBe(238);
    // The open tab's badge follows at once, without a new visit.
    await expect.poll(async () => minutesOf(await s.badgeText(tabId)), { timeout: 10_000 }).toBe(badge0);
    expect(await badgeAfterReload(article, tabId)).toBe(badge0);
    expect(await popupMinutes(tabId)).toBe(popup0);
    await library.close();
    await article.close();
  });
});
