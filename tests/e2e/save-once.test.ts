// One extraction per save: Save stores what the popup's preview showed, even if the page's DOM changed
// since; after a reload the tab shows a new page load and Save extracts again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openPopupFor, serveFixtures, type ExtensionSession, type FixtureServer } from './harness';

/** The stored article texts (the texts store), read straight from the extension's IndexedDB (an extension page). */
function storedTexts(extPage: Page): Promise<string[]> {
  return extPage.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('gist');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('texts').objectStore('texts').getAll();
          req.onsuccess = () => {
            resolve((req.result as { text: string }[]).map((c) => c.text));
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

const FIRST = 'On the flat gravel roof of the old tram depot';
const rewriteFirstParagraph = (page: Page, text: string) =>
  page.evaluate(
    ([first, t]) => {
      const p = [...document.querySelectorAll('p')].find((el) => el.textContent?.startsWith(first));
      if (!p) throw new Error('paragraph not found');
      p.textContent = t;
    },
    [FIRST, text] as const,
  );

describe('save stores what the preview showed', () => {
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

  it('saves the previewed text after the DOM changed; extracts again after a reload', async () => {
    const page = await s.context.newPage();
    await page.goto(server.url('article.html'));
    const tabId = await s.tabIdOf(server.url('article.html'));
    const popup = await openPopupFor(s, tabId);
    await expect.poll(() => popup.getByTestId('title').textContent()).toBe('The Quiet Return of Rooftop Beekeeping');

    // The page changes under the open popup (no navigation): Save must not extract again.
    await rewriteFirstParagraph(page, 'Edited after the preview was shown.');
    await popup.getByTestId('save').click();
    await expect.poll(() => popup.getByTestId('saved').isVisible(), { timeout: 20_000 }).toBe(true);
    let texts = await storedTexts(popup);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(FIRST);
    expect(texts[0]).not.toContain('Edited after the preview');

    // A reload is a new page load: the preview is stale and Save reads the page again.
    await page.reload();
    await rewriteFirstParagraph(page, 'Rewritten after the reload.');
    await popup.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => popup.getByTestId('save').isVisible()).toBe(true);
    await popup.getByTestId('save').click();
    await expect.poll(() => popup.getByTestId('saved').isVisible(), { timeout: 20_000 }).toBe(true);
    texts = await storedTexts(popup);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Rewritten after the reload.');
    expect(texts[0]).not.toContain(FIRST);
  });
});
