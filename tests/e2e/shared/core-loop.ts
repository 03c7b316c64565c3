// The core loop as a person does it, written once for every browser (see driver.ts): visit, see the
// badge, open the popup, edit tags, save with images, read offline from the database, remove.
import { expect } from 'vitest';
import type { FixtureServer } from '../harness';
import type { BrowserDriver, UiPage } from './driver';

const TITLE = 'The Quiet Return of Rooftop Beekeeping';
const T = (id: string) => `[data-testid=${id}]`;

export async function waitForBadge(d: BrowserDriver, tabId: number, timeoutMs = 15_000): Promise<string> {
  let badge = '';
  await expect.poll(async () => (badge = await d.badgeText(tabId).catch(() => '')), { timeout: timeoutMs }).not.toBe('');
  return badge;
}

/** Article → reading time on the badge; a section front → no badge. Returns the article's tab. */
export async function badgeOnArticleNotOnSection(d: BrowserDriver, server: FixtureServer): Promise<number> {
  const { tabId } = await d.openTab(server.url('article.html'));
  const badge = await waitForBadge(d, tabId);
  expect(badge).toMatch(/^\d+m$/);
  const minutes = Number(badge.slice(0, -1));
  expect(minutes).toBeGreaterThanOrEqual(3);
  expect(minutes).toBeLessThanOrEqual(6);

  const section = await d.openTab(server.url('section.html'));
  // Give detection the same chance it had on the article page, then check it stayed empty.
  await new Promise((r) => setTimeout(r, 1500));
  expect(await d.badgeText(section.tabId)).toBe('');
  await section.page.close();
  return tabId;
}

export async function openPopup(d: BrowserDriver, tabId: number): Promise<UiPage> {
  return d.openExtensionPage(`popup.html?tabId=${tabId}`);
}

/** The popup describes the tab's article; tags are edited; Save stores it; saving again updates. */
/** How many records each store of the extension's database holds (read from an extension page). */
const DB_COUNTS = `(async () => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('gist'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const count = (store) => new Promise((ok, ko) => { const r = db.transaction(store).objectStore(store).count(); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const out = { articles: await count('articles'), contents: await count('contents'), texts: await count('texts'), images: await count('images') };
  db.close();
  return out;
})()`;

export async function popupShowsAndSaves(d: BrowserDriver, tabId: number): Promise<void> {
  const popup = await openPopup(d, tabId);
  // A second popup for the same tab, opened before the first save (another window): it still offers Save.
  const again = await openPopup(d, tabId);
  await expect.poll(() => popup.text(T('title')), { timeout: 20_000 }).toBe(TITLE);
  expect(await popup.text(T('site'))).toBe('The Harbour Ledger');
  expect(await popup.text(T('reading-time'))).toMatch(/^\d+ min read$/);
  const tags = await popup.texts('.tag');
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.join(' ').toLowerCase()).toContain('beekeeping');

  // Edit tags like a person: remove the first, add one.
  await popup.click('.tag-remove');
  await popup.fill('[aria-label="Add a tag"]', 'to-read-later');
  await popup.press('[aria-label="Add a tag"]', 'Enter');
  await expect.poll(async () => (await popup.texts('.tag')).join(' ')).toContain('to-read-later');
  await popup.click(T('save'));
  await expect.poll(() => popup.visible(T('saved')), { timeout: 20_000 }).toBe(true);
  await popup.close();
  expect(await again.eval(DB_COUNTS)).toEqual({ articles: 1, contents: 1, texts: 1, images: 3 });

  // Saving the same page again, with Save in the other popup, updates and never duplicates: one
  // article, one body, the same three images (replaced, not added).
  await expect.poll(() => again.visible(T('save')), { timeout: 20_000 }).toBe(true);
  await again.click(T('save'));
  await expect.poll(() => again.visible(T('saved')), { timeout: 20_000 }).toBe(true);
  expect(await again.eval(DB_COUNTS)).toEqual({ articles: 1, contents: 1, texts: 1, images: 3 });
  await again.close();

  // A popup opened now says Saved.
  const third = await openPopup(d, tabId);
  await expect.poll(() => third.visible(T('saved')), { timeout: 20_000 }).toBe(true);
  await third.close();
}

/**
 * For each reader image: loaded from a blob: URL (the stored copy). The images are lazy: Firefox loads
 * one only near the viewport (Chromium's margin covers this whole article), so each call scrolls to the
 * first image not loaded yet, as reading does.
 */
const STORED_IMAGES = `(() => {
  const imgs = [...document.querySelectorAll('[data-testid=reader-body] img')];
  imgs.find((e) => !e.complete || !e.naturalWidth)?.scrollIntoView();
  return imgs.map((e) => e.complete && e.naturalWidth > 0 && e.src.startsWith('blob:'));
})()`;

/**
 * With the fixture server gone and the network off, the library lists the article and the reader shows
 * its text and its three images from IndexedDB. Returns the library page (still offline).
 */
export async function libraryReadsOffline(d: BrowserDriver, server: FixtureServer): Promise<UiPage> {
  await server.close();
  await d.setOffline(true);
  const lib = await d.openExtensionPage('library.html');
  await expect.poll(() => lib.count(T('article-row')), { timeout: 20_000 }).toBe(1);
  // Still one row once the list has settled (a duplicate would show as a second row).
  await new Promise((r) => setTimeout(r, 500));
  expect(await lib.count(T('article-row'))).toBe(1);
  const row = (await lib.text(T('article-row'))) ?? '';
  expect(row).toContain(TITLE);
  expect(row).toContain('to-read-later');
  expect(await lib.eval<boolean>('navigator.onLine')).toBe(false);
  await lib.click(`${T('article-row')} .row-main`);
  await expect.poll(() => lib.text(T('reader-body')), { timeout: 10_000 }).toContain('tram depot');
  expect(await lib.text(T('reader-body'))).toContain('The bees were just the way in.');
  expect(await lib.count(`${T('reader-body')} img`)).toBe(3);
  await expect.poll(() => lib.eval<boolean[]>(STORED_IMAGES), { timeout: 10_000 }).toEqual([true, true, true]);
  // Captions stay with their figures.
  expect(await lib.count(`${T('reader-body')} figure figcaption`)).toBeGreaterThanOrEqual(2);
  return lib;
}

/** Delete in the library, Undo, then Remove from the popup of the still-open tab; it stays gone. */
export async function removeAndUndo(d: BrowserDriver, lib: UiPage, tabId: number): Promise<void> {
  await lib.clickButton('Delete');
  await expect.poll(() => lib.visible(T('welcome'))).toBe(true);
  await lib.clickButton('Undo');
  await expect.poll(() => lib.count(T('article-row'))).toBe(1);
  // The tab's live DOM needs no network.
  const popup = await openPopup(d, tabId);
  await expect.poll(() => popup.visible(T('saved')), { timeout: 20_000 }).toBe(true);
  await popup.clickButton('Remove');
  await expect.poll(() => popup.visible(T('save'))).toBe(true);
  await expect.poll(() => lib.count(T('article-row'))).toBe(0);
  await lib.reload();
  await expect.poll(() => lib.visible(T('welcome')), { timeout: 10_000 }).toBe(true);
  await popup.close();
}

/** The whole loop in order, as both browsers' core-loop tests run it. */
export const coreLoop = { badgeOnArticleNotOnSection, popupShowsAndSaves, libraryReadsOffline, removeAndUndo };
