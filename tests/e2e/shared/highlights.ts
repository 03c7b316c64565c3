// Highlights in the reader as a person makes them, written once for every browser (see driver.ts):
// save the story from the popup, select across an <em> and a link with the mouse, highlight from the
// selection toolbar, add a note (Ctrl+Enter), reload — the highlight is drawn again and listed in the
// notes panel; All highlights lists it and opens the reader at it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { FIXTURES } from '../harness';
import { openPopup } from './core-loop';
import type { BrowserDriver, UiPage } from './driver';

const T = (id: string) => `[data-testid=${id}]`;
const q = (v: unknown) => JSON.stringify(v);

const LOGIC = /<p>The logic is simple\.[^<]*/;
const WINTER = /<p>The first winter was a disaster\.[^<]*/;
// The paragraph the highlight crosses: into an <em>, across plain text, into a link.
const MARKED =
  '<p>The logic is simple. Flat roofs are <em>empty, sunny and out of reach</em> of vandals, and bees forage up to ' +
  '<a href="/foraging-range">three kilometres from the hive</a>, through parks, embankments and gardens.';
export const SELECTED = 'sunny and out of reach of vandals, and bees forage up to three kilometres';
export const NOTE = 'Forage radius: worth checking against the 2024 survey.';
export const ARTICLE_NOTE = 'Good overview; follow up on the colony cap.';

/** The story page: the fixture article without images; version 2 rewrites a paragraph and inserts one above the highlight. */
export function storyPage(version: 1 | 2): string {
  const base = readFileSync(join(FIXTURES, 'article.html'), 'utf8')
    .replace(/<figure>[\s\S]*?<\/figure>/g, '') // no images: this test is about text
    .replace(LOGIC, MARKED);
  if (version === 1) return base;
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

export interface StoredHighlight {
  id: string;
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number } | null;
  color: string;
  note: string | null;
  anchor: string;
}

/** Every record of the extension's `highlights` table (evaluated on an extension page). */
export const STORED_HIGHLIGHTS = `(async () => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('gist'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const all = await new Promise((ok, ko) => { const r = db.transaction('highlights').objectStore('highlights').getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  db.close();
  return all;
})()`;

export const storedHighlights = (lib: UiPage) => lib.eval<StoredHighlight[]>(STORED_HIGHLIGHTS);
/** The text of a highlight's marks, joined (a highlight across elements is several marks). */
export const markText = (lib: UiPage, id: string) =>
  lib.eval<string>(`[...document.querySelectorAll(${q(`mark[data-hl-id="${id}"]`)})].map((m) => m.textContent).join('')`);

/** Saves the tab's article with the popup's Save, as a person does. */
export async function saveFromPopup(d: BrowserDriver, tabId: number): Promise<void> {
  const popup = await openPopup(d, tabId);
  await expect.poll(() => popup.visible(T('save')), { timeout: 30_000 }).toBe(true);
  await popup.click(T('save'));
  await expect.poll(() => popup.visible(T('saved')), { timeout: 30_000 }).toBe(true);
  await popup.close();
}

/**
 * Where a person presses the mouse (before the first character of `selected`) and lets go (after its
 * last), in viewport pixels, with the elements those ends are in; the paragraph is scrolled to the middle.
 */
const dragEnds = (selected: string) => `(() => {
  const root = document.querySelector('[data-testid="reader-body"]');
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = w.nextNode(); n; n = w.nextNode()) nodes.push(n);
  const text = nodes.map((n) => n.data).join('');
  const start = text.indexOf(${q(selected)});
  const end = start + ${selected.length};
  const at = (offset) => {
    let o = offset;
    for (const n of nodes) { if (o < n.data.length) return { n, o }; o -= n.data.length; }
    throw new Error('offset beyond the text');
  };
  const box = (offset) => {
    const { n, o } = at(offset);
    const r = document.createRange();
    r.setStart(n, o);
    r.setEnd(n, o + 1);
    return r.getBoundingClientRect();
  };
  at(start).n.parentElement.closest('p').scrollIntoView({ block: 'center' });
  const first = box(start);
  const last = box(end - 1);
  return {
    from: { x: first.left + 1, y: first.top + first.height / 2 },
    to: { x: last.right - 1, y: last.top + last.height / 2 },
    inEm: at(start).n.parentElement.tagName,
    inLink: at(end - 1).n.parentElement.tagName,
  };
})()`;

/**
 * On the library page (list showing the saved story): open it, drag-select SELECTED, highlight green
 * from the toolbar, note it; reload: drawn again in green with its note, listed in the notes panel; an
 * article note is typed there. Screenshots `<shots>-selection-toolbar.png` and `<shots>-reader-panel.png`.
 * Returns the highlight as stored.
 */
export async function highlightInReader(lib: UiPage, shots: string): Promise<StoredHighlight> {
  await lib.click(`${T('article-row')} .row-main`);
  await expect.poll(() => lib.text(T('reader-body')), { timeout: 15_000 }).toContain('three kilometres');

  // A person's drag: mouse down before "sunny" (inside the <em>), up after "kilometres" (inside the link).
  const ends = await lib.eval<{ from: { x: number; y: number }; to: { x: number; y: number }; inEm: string; inLink: string }>(
    dragEnds(SELECTED),
  );
  expect([ends.inEm, ends.inLink]).toEqual(['EM', 'A']);
  await lib.drag(ends.from, ends.to);
  expect((await lib.eval<string>('document.getSelection().toString()')).trim()).toBe(SELECTED);
  await expect.poll(() => lib.visible(T('selection-toolbar'))).toBe(true);
  await lib.screenshot(`${shots}-selection-toolbar.png`);
  await lib.click(`${T('selection-toolbar')} ${T('swatch-green')}`);

  await expect.poll(async () => (await storedHighlights(lib)).length).toBe(1);
  const [h] = await storedHighlights(lib);
  expect(h).toMatchObject({ color: 'green', anchor: 'placed', note: null, quote: { exact: SELECTED } });
  expect(h.quote.prefix.endsWith('Flat roofs are empty, ')).toBe(true);
  expect(h.quote.suffix.startsWith(' from the hive')).toBe(true);
  expect(await markText(lib, h.id)).toBe(SELECTED);
  const marks = `mark[data-hl-id="${h.id}"]`;
  expect(await lib.count(marks)).toBe(3); // in the <em>, between, in the <a>

  // Add a note: click the highlight (its middle mark, the one straight in the paragraph), type, Ctrl+Enter.
  await lib.click(`p > ${marks}`);
  await expect.poll(() => lib.visible(T('highlight-note'))).toBe(true);
  await lib.fill(T('highlight-note'), NOTE);
  await lib.press(T('highlight-note'), 'Control+Enter');
  await expect.poll(async () => (await storedHighlights(lib))[0].note).toBe(NOTE);
  expect(await lib.count(T('highlight-popover'))).toBe(0);

  await lib.reload();
  await expect.poll(() => markText(lib, h.id), { timeout: 15_000 }).toBe(SELECTED);
  expect(await lib.count(`${marks}.hl-green`)).toBe(3);
  expect(await lib.count(`${marks}.hl-has-note`)).toBe(1);
  await lib.click(T('notes-button'));
  await expect.poll(() => lib.visible(T('highlights-panel'))).toBe(true);
  const items = await lib.texts(`${T('highlights-panel')} ${T('highlight-item')}`);
  expect(items).toEqual([expect.stringContaining('against the 2024 survey')]);
  await lib.fill(T('article-note'), ARTICLE_NOTE);
  await lib.eval('document.activeElement.blur()');
  await lib.screenshot(`${shots}-reader-panel.png`);
  return h;
}

/** All highlights (from the library's view tabs) lists the highlight with its note; its quote opens the reader there. */
export async function highlightsViewOpensIt(lib: UiPage, h: StoredHighlight): Promise<void> {
  await lib.eval(`location.hash = ''`);
  await expect.poll(() => lib.count(T('view-highlights')), { timeout: 15_000 }).toBe(1);
  await lib.click(T('view-highlights'));
  await expect.poll(() => lib.count(T('highlight-list')), { timeout: 15_000 }).toBe(1);
  const row = `[data-testid=highlight-row][data-id="${h.id}"]`;
  await expect.poll(() => lib.count(row)).toBe(1);
  expect(await lib.text(`${row} ${T('highlight-quote')}`)).toContain(SELECTED);
  expect(await lib.text(`${row} ${T('highlight-note')}`)).toContain(NOTE);
  await lib.click(`${row} ${T('highlight-quote')}`);
  await expect.poll(() => lib.eval<string>('location.hash'), { timeout: 15_000 }).toMatch(new RegExp(`^#article/\\d+\\?h=${h.id}$`));
  await expect.poll(() => markText(lib, h.id), { timeout: 15_000 }).toBe(SELECTED);
}

/**
 * The story changed on the web (a paragraph rewritten, one inserted above the highlight): the new
 * version, opened in a tab and saved again with the shortcut, keeps the highlight on the same words,
 * its note and the article note. `lib` shows the reader.
 */
export async function reSavedPageKeepsHighlight(d: BrowserDriver, lib: UiPage, storyUrl: string, before: StoredHighlight): Promise<void> {
  const { tabId, page } = await d.openTab(storyUrl);
  await expect.poll(() => page.text('body'), { timeout: 15_000 }).toContain("Editor's note");
  expect(await d.saveFromShortcut(tabId)).toBe(true);
  await page.close();

  await lib.reload();
  await expect.poll(() => lib.text(T('reader-body')), { timeout: 15_000 }).toContain("Editor's note");
  await expect.poll(() => markText(lib, before.id), { timeout: 15_000 }).toBe(SELECTED);
  // Re-anchored by its quote and context, and the record now says where it is.
  await expect.poll(async () => (await storedHighlights(lib))[0].position!.start).toBeGreaterThan(before.position!.start);
  const [after] = await storedHighlights(lib);
  expect(after).toMatchObject({ anchor: 'placed', note: NOTE, color: 'green', quote: { exact: SELECTED } });
  expect(await lib.count(T('highlights-unplaced'))).toBe(0);
  expect(await lib.eval<string>(`document.querySelector('[data-testid=article-note]').value`)).toBe(ARTICLE_NOTE);
}
