// What a person sees once a page is in the library: the toolbar button on every later visit (green,
// "Saved to Gist"), the popup opening on Saved, the keyboard shortcut's note in the page, a non-article's
// popup (Save as link), and a link-only article in the library ("—", "Not downloaded yet", Fetch).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  FIXTURES,
  ROOT,
  launchWithExtension,
  openPopupFor,
  serveGeneratedPages,
  waitFor,
  type ExtensionSession,
  type FixtureServer,
} from './harness';

const SHOTS = join(ROOT, 'test-results/screenshots');
const GREEN = [43, 138, 62, 255];

// A page whose CSS is hostile to anything injected: the toast must still show, unstyled by it.
const HOSTILE_CSS = `<style>
  * { font-size: 40px !important; color: red !important; background: yellow !important; }
  div, gist-toast { display: none !important; opacity: 0 !important; }
  :root > :not(head):not(body) { visibility: hidden !important; transform: scale(0) !important; }
</style>`;

describe('saved state in Chromium', () => {
  let s: ExtensionSession;
  let server: FixtureServer;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const article = readFileSync(join(FIXTURES, 'article.html'), 'utf8');
    server = await serveGeneratedPages({
      'article.html': article,
      'hostile.html': article.replace('</head>', `${HOSTILE_CSS}</head>`).replace(/rooftop-beekeeping/g, 'rooftop-beekeeping-2'),
      'section.html': readFileSync(join(FIXTURES, 'section.html'), 'utf8'),
    });
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  const action = async (tabId: number) => {
    const w = await s.sw();
    return w.evaluate(
      async (id) => ({
        text: await chrome.action.getBadgeText({ tabId: id }),
        title: await chrome.action.getTitle({ tabId: id }),
        color: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
      }),
      tabId,
    );
  };
  const visit = async (url: string) => {
    const page = await s.context.newPage();
    await page.goto(url);
    return { page, tabId: await s.tabIdOf(url) };
  };
  const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, name), fullPage: true });

  it('a saved page shows as saved on every later visit (canonical match), and the popup opens on Saved', async () => {
    const first = await visit(server.url('article.html'));
    const before = await waitFor(async () => {
      const a = await action(first.tabId);
      return /^\d+m$/.test(a.text) ? a : null;
    }, 'reading-time badge');
    expect(before!.title).not.toBe('Saved to Gist');
    expect(before!.color).not.toEqual(GREEN);
    const popup = await openPopupFor(s, first.tabId);
    await popup.setViewportSize({ width: 380, height: 520 });
    await expect.poll(() => popup.getByTestId('save').isVisible(), { timeout: 30_000 }).toBe(true);
    await popup.getByTestId('save').click();
    await expect.poll(() => popup.getByTestId('saved').isVisible(), { timeout: 30_000 }).toBe(true);
    const minutes = (await popup.getByTestId('reading-time').textContent())!.replace(/ min read$/, '');
    await popup.close();
    await first.page.close();

    // Another visit, with tracking parameters and a fragment: the same stored key.
    const again = await visit(server.url('article.html?utm_source=newsletter&utm_medium=email#comments'));
    const after = await waitFor(async () => {
      const a = await action(again.tabId);
      return a.title === 'Saved to Gist' ? a : null;
    }, 'saved title on a later visit');
    expect(after!.color).toEqual(GREEN);
    expect(after!.text).toBe(`${minutes}m`); // the stored article's reading time, as the popup showed it
    const reopened = await openPopupFor(s, again.tabId);
    await reopened.setViewportSize({ width: 380, height: 520 });
    await expect.poll(() => reopened.locator('main.popup').getAttribute('data-state'), { timeout: 30_000 }).toBe('saved');
    expect(await reopened.getByTestId('saved').textContent()).toContain('Saved');
    await shot(reopened, 'popup-saved.png');

    // Remove from the popup: the button goes back to the unsaved look.
    await reopened.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(async () => (await action(again.tabId)).title).toBe('Gist');
    expect((await action(again.tabId)).color).not.toEqual(GREEN);
    await reopened.close();
    // A page that is not saved never shows as saved.
    const other = await visit(server.url('section.html'));
    await other.page.waitForTimeout(1500);
    expect((await action(other.tabId)).title).not.toBe('Saved to Gist');
    await other.page.close();
    await again.page.close();
  });

  it('the keyboard-shortcut save shows a short note in the page (closed shadow root, untouched by page CSS), gone after 2 s', async () => {
    const { page, tabId } = await visit(server.url('hostile.html'));
    await waitFor(async () => /^\d+m$/.test((await action(tabId)).text), 'badge');
    const sw = await s.sw();
    const saving = sw.evaluate(
      (id) => (globalThis as unknown as { gistTest: { saveFromShortcut(id: number): Promise<boolean> } }).gistTest.saveFromShortcut(id),
      tabId,
    );
    const host = page.locator('gist-toast');
    await expect.poll(() => host.count(), { timeout: 30_000, interval: 50 }).toBe(1);
    const shownAt = Date.now();
    expect(await saving).toBe(true);
    // The page cannot reach inside; the browser's own view (CDP, which pierces closed roots) reads the text.
    expect(await page.evaluate(() => document.querySelector('gist-toast')!.shadowRoot)).toBeNull();
    const cdp = await s.context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    type N = {
      nodeId: number;
      nodeName: string;
      nodeValue?: string;
      children?: N[];
      shadowRoots?: (N & { shadowRootType?: string })[];
      attributes?: string[];
    };
    const find = (n: N, f: (x: N) => boolean): N | null => {
      if (f(n)) return n;
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
        const r = find(c, f);
        if (r) return r;
      }
      return null;
    };
    const hostNode = find(root as N, (n) => n.nodeName === 'GIST-TOAST')!;
    expect(hostNode.shadowRoots?.[0].shadowRootType).toBe('closed');
    const box = find(hostNode.shadowRoots![0], (n) => n.nodeName === 'DIV')!;
    expect(find(box, (n) => n.nodeValue === 'Saved to Gist')).not.toBeNull();
    const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId: box.nodeId });
    const css = Object.fromEntries(computedStyle.map((p: { name: string; value: string }) => [p.name, p.value]));
    expect(css['font-size']).toBe('14px');
    expect(css.color).toBe('rgb(255, 255, 255)');
    expect(css['background-color']).toBe('rgb(43, 138, 62)');
    expect(css.display).toBe('block');
    const bounds = await host.boundingBox();
    expect(bounds && bounds.width > 60 && bounds.width <= 330 && bounds.height > 20 && bounds.height < 80).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'shortcut-toast.png') });
    await expect.poll(() => host.count(), { timeout: 5000, interval: 50 }).toBe(0);
    const shownFor = Date.now() - shownAt;
    expect(shownFor).toBeGreaterThan(1500);
    expect(shownFor).toBeLessThan(3500);
    await page.close();
  });

  it('a non-article popup shows no time, byline or tags and offers Save as link; the link-only item shows "—" and "Not downloaded yet" in place of its text, with no progress bar or end buttons', async () => {
    const { page, tabId } = await visit(server.url('section.html'));
    const popup = await openPopupFor(s, tabId);
    await popup.setViewportSize({ width: 380, height: 520 });
    await expect.poll(() => popup.getByTestId('not-article').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await popup.getByTestId('reading-time').count()).toBe(0);
    expect(await popup.getByTestId('byline').count()).toBe(0);
    expect(await popup.locator('.tag, [data-testid="tag-editor"]').count()).toBe(0);
    expect(await popup.locator('.actions button').allTextContents()).toEqual(['Save as link', 'Save the page text anyway']);
    await shot(popup, 'popup-not-article.png');
    await popup.getByTestId('save-link').click();
    await expect.poll(() => popup.getByTestId('saved').isVisible(), { timeout: 30_000 }).toBe(true);
    await shot(popup, 'popup-saved-as-link.png');
    await popup.close();
    expect(
      await waitFor(async () => {
        const a = await action(tabId);
        return a.title === 'Saved to Gist' ? a : null;
      }, 'saved after Save as link'),
    ).toMatchObject({ text: '✓', color: GREEN });

    const lib = await s.context.newPage();
    await lib.setViewportSize({ width: 1280, height: 800 });
    await lib.goto(s.extUrl('library.html'));
    const row = lib.getByTestId('article-row').filter({ hasText: 'City' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('row-minutes').textContent()).toBe('—');
    // time:<10 does not match a page whose text is not downloaded.
    await lib.getByTestId('search').fill('time:<10');
    await expect.poll(async () => (await lib.getByTestId('article-row').allTextContents()).some((t) => t.includes('City'))).toBe(false);
    await lib.getByTestId('search').fill('');
    await row.locator('.row-main').click();
    await expect.poll(() => lib.getByTestId('not-downloaded').isVisible()).toBe(true);
    expect(await lib.getByTestId('not-downloaded').textContent()).toContain('Not downloaded yet');
    expect(await lib.getByTestId('minutes-left').count()).toBe(0);
    expect(await lib.getByText('Finished').count()).toBe(0);
    // Nothing to read through: the notice stands under the title in the text column, with no progress
    // bar and no Archive / Next unread after a text that is not there.
    expect(await lib.locator('[data-testid="reader"] [data-testid="not-downloaded"]').count()).toBe(1);
    expect(await lib.getByTestId('reading-progress').count()).toBe(0);
    expect(await lib.getByTestId('reader-end').count()).toBe(0);
    await lib.screenshot({ path: join(SHOTS, 'reader-not-downloaded.png') });
    // Fetch downloads it (the fetch queue): then it reads like any article, with a reading time.
    await lib.getByTestId('fetch-article').click();
    await expect.poll(() => lib.getByTestId('reader-minutes').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await lib.getByTestId('not-downloaded').count()).toBe(0);
    expect(await lib.getByTestId('reading-progress').count()).toBe(1);
    expect(await lib.getByTestId('reader-end').isVisible()).toBe(true);
    await lib.close();
    await page.close();
  });
});
