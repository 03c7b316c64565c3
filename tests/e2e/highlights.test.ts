// Highlights in the real reader (Chromium, built extension): select across an <em> and a link with the
// mouse, highlight from the toolbar, add a note, reload — still there; then the page changes (one
// paragraph rewritten, one inserted above the highlight), it is saved again, and the highlight is still
// placed on the same words. Screenshots (light with the panel, dark with a popover, the selection
// toolbar) go to test-results/screenshots/ for review.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FIXTURES, ROOT, launchWithExtension, openPopupFor, serveGeneratedPages, waitFor, type ExtensionSession } from './harness';

const SHOTS = join(ROOT, 'test-results/screenshots');

const LOGIC = /<p>The logic is simple\.[^<]*/;
const WINTER = /<p>The first winter was a disaster\.[^<]*/;
// The paragraph the highlight crosses: into an <em>, across plain text, into a link.
const MARKED =
  '<p>The logic is simple. Flat roofs are <em>empty, sunny and out of reach</em> of vandals, and bees forage up to ' +
  '<a href="/foraging-range">three kilometres from the hive</a>, through parks, embankments and gardens.';
const SELECTED = 'sunny and out of reach of vandals, and bees forage up to three kilometres';

function page(version: 1 | 2): string {
  const base = readFileSync(join(FIXTURES, 'article.html'), 'utf8')
    .replace(/<figure>[\s\S]*?<\/figure>/g, '') // no images: this test is about text
    .replace(LOGIC, MARKED);
  if (version === 1) return base;
  // A newer version of the page: a paragraph above the highlight rewritten, and one inserted before it.
  return base
    .replace(
      WINTER,
      '<p>The first winter went badly: wind on the exposed roof killed six of ten hives before March, and the volunteers rebuilt every stand.',
    )
    .replace(
      MARKED,
      `<p>Editor's note: this story was updated in June with the cooperative's latest figures on colony losses.</p>\n${MARKED}`,
    );
}

const HIGHLIGHTS = `(async () => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('gist'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const all = await new Promise((ok, ko) => { const r = db.transaction('highlights').objectStore('highlights').getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  db.close();
  return all;
})()`;
interface StoredHighlight {
  id: string;
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number } | null;
  color: string;
  note: string | null;
  anchor: string;
}

describe('highlights in the reader', () => {
  let s: ExtensionSession;
  let server: Awaited<ReturnType<typeof serveGeneratedPages>>;
  let lib: Page;
  let tabId: number;
  let article: Page;
  const stored = () => lib.evaluate(HIGHLIGHTS) as Promise<StoredHighlight[]>;
  const markText = (id: string) =>
    lib
      .locator(`mark[data-hl-id="${id}"]`)
      .allTextContents()
      .then((t) => t.join(''));

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveGeneratedPages({ 'story.html': page(1) });
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  it('select across an <em> and a link, highlight from the toolbar, add a note; after a reload both are still there', async () => {
    article = await s.context.newPage();
    await article.goto(server.url('story.html'));
    tabId = await s.tabIdOf(server.url('story.html'));
    await waitFor(async () => /^\d+m$/.test(await s.badgeText(tabId)), 'reading-time badge');
    const popup = await openPopupFor(s, tabId);
    await expect.poll(() => popup.getByTestId('save').isVisible(), { timeout: 30_000 }).toBe(true);
    await popup.getByTestId('save').click();
    await expect.poll(() => popup.getByTestId('saved').isVisible(), { timeout: 30_000 }).toBe(true);
    await popup.close();

    lib = await s.context.newPage();
    await lib.setViewportSize({ width: 1280, height: 900 });
    await lib.goto(s.extUrl('library.html'));
    await lib.getByTestId('article-row').first().locator('.row-main').click();
    const body = lib.getByTestId('reader-body');
    await expect.poll(() => body.textContent(), { timeout: 15_000 }).toContain('three kilometres');

    // A person's drag: mouse down before "sunny" (inside the <em>), up after "kilometres" (inside the link).
    const ends = await lib.evaluate((selected) => {
      const root = document.querySelector('[data-testid="reader-body"]')!;
      const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = w.nextNode(); n; n = w.nextNode()) nodes.push(n as Text);
      const text = nodes.map((n) => n.data).join('');
      const start = text.indexOf(selected);
      const end = start + selected.length;
      const at = (offset: number) => {
        let o = offset;
        for (const n of nodes) {
          if (o < n.data.length) return { n, o };
          o -= n.data.length;
        }
        throw new Error('offset beyond the text');
      };
      const box = (offset: number) => {
        const { n, o } = at(offset);
        const r = document.createRange();
        r.setStart(n, o);
        r.setEnd(n, o + 1);
        return r.getBoundingClientRect();
      };
      nodes[0].parentElement!.scrollIntoView(); // nothing: the body is on screen at the top
      const a = at(start).n.parentElement!.closest('p')!;
      a.scrollIntoView({ block: 'center' });
      const first = box(start);
      const last = box(end - 1);
      return {
        from: { x: first.left + 1, y: first.top + first.height / 2 },
        to: { x: last.right - 1, y: last.top + last.height / 2 },
        inEm: at(start).n.parentElement!.tagName,
        inLink: at(end - 1).n.parentElement!.tagName,
      };
    }, SELECTED);
    expect([ends.inEm, ends.inLink]).toEqual(['EM', 'A']);
    await lib.mouse.move(ends.from.x, ends.from.y);
    await lib.mouse.down();
    await lib.mouse.move((ends.from.x + ends.to.x) / 2, ends.to.y, { steps: 5 });
    await lib.mouse.move(ends.to.x, ends.to.y, { steps: 5 });
    await lib.mouse.up();
    const selection = (await lib.evaluate(() => document.getSelection()!.toString())).trim();
    expect(selection).toBe(SELECTED);
    const toolbar = lib.getByTestId('selection-toolbar');
    await expect.poll(() => toolbar.isVisible()).toBe(true);
    await lib.screenshot({ path: join(SHOTS, 'highlight-selection-toolbar.png') });
    await toolbar.getByTestId('swatch-green').click();

    await expect.poll(async () => (await stored()).length).toBe(1);
    const [h] = await stored();
    expect(h).toMatchObject({ color: 'green', anchor: 'placed', note: null, quote: { exact: SELECTED } });
    expect(h.quote.prefix.endsWith('Flat roofs are empty, ')).toBe(true);
    expect(h.quote.suffix.startsWith(' from the hive')).toBe(true);
    expect(await markText(h.id)).toBe(SELECTED);
    expect(await lib.locator(`mark[data-hl-id="${h.id}"]`).count()).toBe(3); // in the <em>, between, in the <a>

    // Add a note: click the highlight, type, Ctrl+Enter.
    await lib.locator(`mark[data-hl-id="${h.id}"]`).nth(1).click();
    const note = lib.getByTestId('highlight-note');
    await expect.poll(() => note.isVisible()).toBe(true);
    await note.fill('Forage radius: worth checking against the 2024 survey.');
    await note.press('Control+Enter');
    await expect.poll(async () => (await stored())[0].note).toBe('Forage radius: worth checking against the 2024 survey.');
    expect(await lib.getByTestId('highlight-popover').count()).toBe(0);

    await lib.reload();
    await expect.poll(() => markText(h.id), { timeout: 15_000 }).toBe(SELECTED);
    expect(await lib.locator(`mark[data-hl-id="${h.id}"].hl-green`).count()).toBe(3);
    expect(await lib.locator(`mark[data-hl-id="${h.id}"].hl-has-note`).count()).toBe(1);
    await lib.getByTestId('notes-button').click();
    const panel = lib.getByTestId('highlights-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.getByTestId('highlight-item').allTextContents()).toEqual([expect.stringContaining('against the 2024 survey')]);
    await lib.getByTestId('article-note').fill('Good overview; follow up on the colony cap.');
    await lib.getByTestId('article-note').blur();
    await lib.screenshot({ path: join(SHOTS, 'highlight-reader-panel.png') });
  });

  it('re-saving the page after a paragraph changed and one was inserted above: the highlight is still placed on the same words', async () => {
    const [before] = await stored();
    writeFileSync(join(server.dir, 'story.html'), page(2));
    await article.reload();
    await waitFor(async () => (await article.content()).includes("Editor's note"), 'the new version of the page');
    const sw = await s.sw();
    const saved = await sw.evaluate(
      (id) => (globalThis as unknown as { gistTest: { saveFromShortcut(t: number): Promise<boolean> } }).gistTest.saveFromShortcut(id),
      tabId,
    );
    expect(saved).toBe(true);

    await lib.reload();
    const body = lib.getByTestId('reader-body');
    await expect.poll(() => body.textContent(), { timeout: 15_000 }).toContain("Editor's note");
    await expect.poll(() => markText(before.id), { timeout: 15_000 }).toBe(SELECTED);
    // Re-anchored by its quote and context, and the record now says where it is.
    await expect.poll(async () => (await stored())[0].position!.start).toBeGreaterThan(before.position!.start);
    const [after] = await stored();
    expect(after).toMatchObject({ anchor: 'placed', note: before.note, color: 'green', quote: { exact: SELECTED } });
    expect(await lib.getByTestId('highlights-unplaced').count()).toBe(0);
    expect(await lib.getByTestId('article-note').inputValue()).toBe('Good overview; follow up on the colony cap.');
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
