// The lead image in real Chromium: a WordPress-style page whose featured picture (lazy-loaded, with a
// caption and credit) sits above the headline, outside the post body. After Save, the reader shows that
// picture first, with its caption, loaded from IndexedDB (blob: URL) with the network off. A screenshot
// goes to test-results/screenshots/ for review.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, ROOT, serveFixtures, type ExtensionSession, type FixtureServer } from './harness';

const SHOTS = join(ROOT, 'test-results/screenshots');
const T = (id: string) => `[data-testid=${id}]`;

describe('lead image in Chromium', () => {
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

  it('saves a featured image outside the article body and shows it first with its caption, from the database', async () => {
    const url = server.url('featured.html');
    const page = await s.context.newPage();
    await page.goto(url);
    const tabId = await s.tabIdOf(url);
    const popup = await s.context.newPage();
    await popup.goto(s.extUrl(`popup.html?tabId=${tabId}`));
    await expect.poll(() => popup.locator(T('title')).textContent(), { timeout: 20_000 }).toBe('Night Ferries Return to the Harbour');
    await popup.locator(T('save')).click();
    await expect.poll(() => popup.locator(T('saved')).isVisible(), { timeout: 20_000 }).toBe(true);

    await server.close();
    await s.context.setOffline(true);
    const lib = await s.context.newPage();
    await lib.setViewportSize({ width: 1280, height: 900 });
    await lib.goto(s.extUrl('library.html'));
    await lib
      .locator(`${T('article-row')} .row-main`)
      .first()
      .click();
    const body = lib.locator(T('reader-body'));
    await expect.poll(() => body.textContent(), { timeout: 10_000 }).toContain('tram depot');

    // First thing in the article: the featured picture in a figure, with caption and credit.
    const first = await lib.evaluate(() => {
      const root = document.querySelector('[data-testid=reader-body]')!;
      const fig = root.querySelector('figure');
      const firstP = root.querySelector('p');
      return {
        isFirst: !!fig && !!firstP && !!(fig.compareDocumentPosition(firstP) & Node.DOCUMENT_POSITION_FOLLOWING),
        alt: fig?.querySelector('img')?.getAttribute('alt'),
        caption: fig?.querySelector('figcaption')?.textContent?.trim(),
        images: root.querySelectorAll('img').length,
      };
    });
    expect(first).toEqual({
      isFirst: true,
      alt: 'Hives on a gravel roof at dusk',
      caption: 'The depot roof at dusk, seen from the ferry pier. Photo: Anneli Vask',
      images: 2, // the featured one and the in-body one; not the site logo
    });
    // Loaded from the stored copy (blob: URL), offline.
    await expect
      .poll(() =>
        lib.evaluate(() => {
          const img = document.querySelector<HTMLImageElement>('[data-testid=reader-body] figure img');
          return !!img && img.complete && img.naturalWidth > 0 && img.src.startsWith('blob:');
        }),
      )
      .toBe(true);
    mkdirSync(SHOTS, { recursive: true });
    await lib.screenshot({ path: join(SHOTS, 'lead-image-reader.png') });
    await s.context.setOffline(false);
  });
});
