// The core loop as a person does it: visit, see the badge, open the popup, save, read offline, remove.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openPopupFor, serveFixtures, waitFor, type ExtensionSession, type FixtureServer } from './harness';

/** How many records each store of the extension's database holds (read in the service worker). */
async function dbCounts(session: ExtensionSession): Promise<{ articles: number; contents: number; images: number }> {
  const w = await session.sw();
  return w.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, ko) => { const r = indexedDB.open('gist'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const count = (store: string) => new Promise<number>((ok, ko) => { const r = db.transaction(store).objectStore(store).count(); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const out = { articles: await count('articles'), contents: await count('contents'), images: await count('images') };
    db.close();
    return out;
  });
}

describe('core loop in Chromium', () => {
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

  it('shows the reading time on an article and no badge on a section front', async () => {
    const article = await s.context.newPage();
    await article.goto(server.url('article.html'));
    const tabId = await s.tabIdOf(server.url('article.html'));
    const badge = await waitFor(() => s.badgeText(tabId), 'article badge');
    expect(badge).toMatch(/^\d+m$/);
    const minutes = Number(badge.slice(0, -1));
    expect(minutes).toBeGreaterThanOrEqual(3);
    expect(minutes).toBeLessThanOrEqual(6);

    const section = await s.context.newPage();
    await section.goto(server.url('section.html'));
    const sectionTab = await s.tabIdOf(server.url('section.html'));
    // Give detection the same chance it had on the article page, then check it stayed empty.
    await section.waitForTimeout(1500);
    expect(await s.badgeText(sectionTab)).toBe('');
    await section.close();
  });

  it('popup shows the article, saves it, and the library reads it offline with images', async () => {
    const url = server.url('article.html');
    const tabId = await s.tabIdOf(url);
    const popup = await openPopupFor(s, tabId);
    // A second popup for the same tab, opened before the first save (another window): it still offers Save.
    const again = await openPopupFor(s, tabId);
    await expect.poll(() => popup.getByTestId('title').textContent()).toBe('The Quiet Return of Rooftop Beekeeping');
    expect(await popup.getByTestId('site').textContent()).toBe('The Harbour Ledger');
    expect(await popup.getByTestId('reading-time').textContent()).toMatch(/^\d+ min read$/);
    const tags = await popup.locator('.tag').allTextContents();
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.join(' ').toLowerCase()).toContain('beekeeping');

    // Edit tags like a person: remove the first, add one.
    await popup.locator('.tag-remove').first().click();
    await popup.getByLabel('Add a tag').fill('to-read-later');
    await popup.getByLabel('Add a tag').press('Enter');
    await popup.getByTestId('save').click();
    await expect.poll(() => popup.getByTestId('saved').isVisible(), { timeout: 20_000 }).toBe(true);
    await popup.close();

    const afterFirst = await dbCounts(s);
    expect(afterFirst).toEqual({ articles: 1, contents: 1, images: 3 });

    // Saving the same page again, with Save in the other popup, updates and never duplicates: one
    // article, one body, the same three images (replaced, not added), the first save's tag kept.
    await expect.poll(() => again.getByTestId('save').isVisible(), { timeout: 20_000 }).toBe(true);
    await again.getByTestId('save').click();
    await expect.poll(() => again.getByTestId('saved').isVisible(), { timeout: 20_000 }).toBe(true);
    await again.close();
    expect(await dbCounts(s)).toEqual({ articles: 1, contents: 1, images: 3 });

    // Offline: the fixture server is gone and the browser is offline; everything must come from the DB.
    await server.close();
    await s.context.setOffline(true);
    const lib = await s.context.newPage();
    await lib.goto(s.extUrl('library.html'));
    const rows = lib.getByTestId('article-row');
    await expect.poll(() => rows.count()).toBe(1);
    // Still one row once the list has settled (a duplicate would show as a second row).
    await lib.waitForTimeout(500);
    expect(await rows.count()).toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain('The Quiet Return of Rooftop Beekeeping');
    expect(row).toContain('to-read-later');
    await rows.first().locator('.row-main').click();
    const body = lib.getByTestId('reader-body');
    await expect.poll(() => body.textContent(), { timeout: 10_000 }).toContain('tram depot');
    expect(await body.textContent()).toContain('The bees were just the way in.');
    const imgs = body.locator('img');
    expect(await imgs.count()).toBe(3);
    await expect
      .poll(() => imgs.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0 && (e as HTMLImageElement).src.startsWith('blob:'))))
      .toEqual([true, true, true]);
    // Captions stay with their figures.
    expect(await body.locator('figure figcaption').count()).toBeGreaterThanOrEqual(2);
    await s.context.setOffline(false);

    // Remove: delete in the library; it is gone, Undo brings it back, deleting again sticks.
    await lib.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => lib.getByTestId('empty').isVisible()).toBe(true);
    await lib.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    // Remove from the popup of the still-open tab (its live DOM needs no network).
    const popup2 = await openPopupFor(s, tabId);
    await expect.poll(() => popup2.getByTestId('saved').isVisible(), { timeout: 20_000 }).toBe(true);
    await popup2.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => popup2.getByTestId('save').isVisible()).toBe(true);
    await expect.poll(() => rows.count()).toBe(0);
    await lib.reload();
    await expect.poll(() => lib.getByTestId('empty').isVisible()).toBe(true);
  });
});
