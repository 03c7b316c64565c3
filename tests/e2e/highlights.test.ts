// Highlights in the real reader (Chromium, built extension): select across an <em> and a link with the
// mouse, highlight from the toolbar, add a note, reload — still there; then the page changes (one
// paragraph rewritten, one inserted above the highlight), it is saved again, and the highlight is still
// placed on the same words. Screenshots (light with the panel, dark with a popover, the selection
// toolbar) go to test-results/screenshots/ for review.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, launchWithExtension, serveGeneratedPages, waitFor, type ExtensionSession } from './harness';
import type { BrowserDriver, UiPage } from './shared/driver';
import { highlightInReader, reSavedPageKeepsHighlight, saveFromPopup, storedHighlights, storyPage } from './shared/highlights';
import { playwrightDriver, playwrightPage } from './shared/playwright-driver';

const SHOTS = join(ROOT, 'test-results/screenshots');

describe('highlights in the reader', () => {
  let s: ExtensionSession;
  let d: BrowserDriver;
  let server: Awaited<ReturnType<typeof serveGeneratedPages>>;
  let lib: Page;
  let ui: UiPage;
  const stored = () => storedHighlights(ui);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveGeneratedPages({ 'story.html': storyPage(1) });
    s = await launchWithExtension();
    d = playwrightDriver(s);
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  // The first two scenarios are shared with Firefox (tests/e2e/shared/highlights.ts).
  it('select across an <em> and a link, highlight from the toolbar, add a note; after a reload both are still there', async () => {
    const { tabId, page } = await d.openTab(server.url('story.html'));
    await waitFor(async () => /^\d+m$/.test(await s.badgeText(tabId)), 'reading-time badge');
    await saveFromPopup(d, tabId);
    await page.close();

    lib = await s.context.newPage();
    await lib.setViewportSize({ width: 1280, height: 900 });
    await lib.goto(s.extUrl('library.html'));
    ui = playwrightPage(lib);
    await highlightInReader(ui, join(SHOTS, 'highlight'));
  });

  it('re-saving the page after a paragraph changed and one was inserted above: the highlight is still placed on the same words', async () => {
    const [before] = await stored();
    writeFileSync(join(server.dir, 'story.html'), storyPage(2));
    await reSavedPageKeepsHighlight(d, ui, server.url('story.html'), before);
  });

  it('a link to the highlight opens the article there; in the dark theme the highlight and its popover stay readable', async () => {
    const [h] = await stored();
    const id = await lib.evaluate(() => Number(/#article\/(\d+)/.exec(location.hash)![1]));
    await lib.evaluate(() =>
      localStorage.setItem(
        'gist.reader-settings',
        JSON.stringify({ ...JSON.parse(localStorage.getItem('gist.reader-settings') ?? '{}'), theme: 'dark' }),
      ),
    );
    await lib.goto(s.extUrl(`library.html#article/${id}?h=${h.id}`));
    await lib.reload();
    const mark = lib.locator(`mark[data-hl-id="${h.id}"]`).first();
    await expect.poll(() => mark.count(), { timeout: 15_000 }).toBe(1);
    // Scrolled to it (not the top of the article), flashed.
    await expect.poll(async () => (await mark.boundingBox())?.y ?? -1).toBeGreaterThan(100);
    const box = (await mark.boundingBox())!;
    expect(box.y).toBeLessThan(900);
    expect(await lib.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    expect(await lib.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // The mark tints the background and keeps the reader's text colour.
    const colours = await mark.evaluate((m) => ({
      bg: getComputedStyle(m).backgroundColor,
      fg: getComputedStyle(m).color,
      p: getComputedStyle(m.closest('p')!).color,
    }));
    expect(colours.bg).not.toBe('rgba(0, 0, 0, 0)');
    expect(colours.fg).toBe(colours.p);
    await mark.click();
    await expect.poll(() => lib.getByTestId('highlight-popover').isVisible()).toBe(true);
    await lib.screenshot({ path: join(SHOTS, 'highlight-dark-popover.png') });
    // Print keeps the highlight's colour.
    await lib.emulateMedia({ media: 'print' });
    expect(await mark.evaluate((m) => getComputedStyle(m).printColorAdjust)).toBe('exact');
    // Black on white whatever the theme (the dark theme's light text would all but vanish on paper), and
    // the article alone: no toolbar, player or end-of-article buttons.
    // (Polled: the page's background eases to its new colour.)
    const printed = () =>
      mark.evaluate((m) => ({
        text: getComputedStyle(m.closest('p')!).color,
        page: getComputedStyle(document.body).backgroundColor,
        controls: ['.reader-toolbar', '.read-aloud', '.reader-end'].map((c) => getComputedStyle(document.querySelector(c)!).display),
      }));
    await expect.poll(printed).toEqual({ text: 'rgb(17, 17, 17)', page: 'rgb(255, 255, 255)', controls: ['none', 'none', 'none'] });
    await lib.screenshot({ path: join(SHOTS, 'reader-print-from-dark.png') });
    await lib.emulateMedia({ media: 'screen' });
    // Back to the dark page once its background has eased back (the screenshot below would catch the fade).
    await expect.poll(() => lib.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(23, 24, 27)');
    // On a phone the panel is a sheet over the lower part of the screen.
    await lib.keyboard.press('Escape');
    await lib.setViewportSize({ width: 390, height: 800 });
    const sheet = (await lib.getByTestId('highlights-panel').boundingBox())!;
    expect(sheet.width).toBe(390);
    expect(sheet.y).toBeGreaterThan(200);
    await lib.screenshot({ path: join(SHOTS, 'highlight-panel-narrow.png') });
  });
});
