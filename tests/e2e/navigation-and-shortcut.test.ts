// Single-page-app navigations re-run detection; the keyboard shortcut's save path stores the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, serveFixtures, waitFor, type ExtensionSession, type FixtureServer } from './harness';

describe('detection after SPA navigation, and save by shortcut', () => {
  let s: ExtensionSession;
  let server: FixtureServer;
  beforeAll(async () => {
    server = await serveFixtures();
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  it('updates the badge when an SPA swaps a listing for an article and back', async () => {
    const page = await s.context.newPage();
    await page.goto(server.url('spa.html'));
    const tabId = await s.tabIdOf(server.url('spa.html'));
    await page.waitForTimeout(1500);
    expect(await s.badgeText(tabId)).toBe('');
    await page.click('#to-article');
    await page.waitForURL(/spa-story$/);
    expect(await waitFor(async () => /^\d+m$/.test(await s.badgeText(tabId)), 'badge after pushState')).toBe(true);
    await page.click('#to-list');
    await page.waitForURL(/spa\.html$/);
    expect(await waitFor(async () => (await s.badgeText(tabId)) === '', 'badge cleared after navigating back')).toBe(true);
    await page.close();
  });

  it('saves the current tab the way Alt+Shift+S does, without the popup', async () => {
    const page = await s.context.newPage();
    await page.goto(server.url('article.html'));
    const tabId = await s.tabIdOf(server.url('article.html'));
    const sw = await s.sw();
    const ok = await sw.evaluate(
      (id) => (globalThis as unknown as { gistTest: { saveFromShortcut(id: number): Promise<boolean> } }).gistTest.saveFromShortcut(id),
      tabId,
    );
    expect(ok).toBe(true);
    const lib = await s.context.newPage();
    await lib.goto(s.extUrl('library.html'));
    await expect.poll(() => lib.getByTestId('article-row').count()).toBe(1);
    expect(await lib.getByTestId('article-row').first().textContent()).toContain('The Quiet Return of Rooftop Beekeeping');
    // The shortcut on a page with nothing to read fails visibly (red badge), saving nothing.
    const empty = await s.context.newPage();
    await empty.goto(server.url('img/honey-frame.png'));
    const emptyTab = await s.tabIdOf(server.url('img/honey-frame.png'));
    expect(
      await sw.evaluate(
        (id) => (globalThis as unknown as { gistTest: { saveFromShortcut(id: number): Promise<boolean> } }).gistTest.saveFromShortcut(id),
        emptyTab,
      ),
    ).toBe(false);
    await lib.reload();
    await expect.poll(() => lib.getByTestId('article-row').count()).toBe(1);
  });
});
