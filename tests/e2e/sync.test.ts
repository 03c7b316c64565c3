// Sync (#18) between two Chromium profiles with the built extension, through a CouchDB-compatible
// server on loopback (pouchdb-server --in-memory behind a proxy the test can cut: "offline").
// 1. A saves 50 articles with images (one through the real save, the rest written by the library's
//    own database code), both set up sync in Settings → Sync; B lists them, reads one with the network
//    off (images from IndexedDB), and search in B finds a word of its text.
// 2. Concurrent edits while both are offline: A tags `x`, B tags `y` and reads to 60 %; after A, B, A
//    sync (Sync now) both show tags x and y, and 60 %.
// 3. A deletes an article → gone on B after syncing; a delete older than an edit on the other device
//    loses: the article comes back whole.
// 4. The server disappears mid-round, A saves more, the server returns: everything arrives once.
// 5. A library page closed mid-round: the next round completes (rounds never run in the service worker).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, ROOT, seedArticles, serveGeneratedPages, waitFor, type ExtensionSession, type SeedArticle } from './harness';
import { startCouch, type CouchProxyServer } from '../helpers/couch-proxy';

const SHOTS = join(ROOT, 'test-results/screenshots');
// A 2×2 PNG: a real image the reader must show from IndexedDB.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);
const WORDS = 'harbor lantern orchard copper meadow thunder cedar violet signal market winter island'.split(' ');

function article(i: number): SeedArticle {
  const url = `https://news${i % 7}.example/story-${i}`;
  const paras = Array.from({ length: 12 }, (_, p) =>
    Array.from({ length: 40 }, (_, w) => WORDS[(i + p * 5 + w * 3) % WORDS.length]).join(' '),
  );
  paras[3] += ` quasarwort${i}`; // a word only this article has
  const text = paras.join('\n\n');
  const img = `https://news${i % 7}.example/img-${i}.png`;
  return {
    record: {
      url,
      originalUrl: url,
      title: `Synced story number ${i}`,
      byline: null,
      siteName: `news${i % 7}.example`,
      lang: 'en',
      publishedTime: null,
      excerpt: null,
      savedAt: Date.now() - i * 60_000,
      updatedAt: Date.now() - i * 60_000,
      status: 'unread',
      favorite: 0,
      tags: [],
      tagCandidates: [],
      tagsEdited: false,
      wordCount: text.split(/\s+/).length,
      cjkChars: 0,
      imageCount: 1,
      readingMinutes: 2,
      progress: 0,
      contentState: 'full',
    },
    html: `<p>${paras[0]}</p><figure><img src="${img}" alt="figure ${i}"></figure>${paras
      .slice(1)
      .map((p) => `<p>${p}</p>`)
      .join('')}`,
    text,
    images: [{ src: img, type: 'image/png', pooled: 0 }],
  };
}

describe('sync between two Chromium profiles', () => {
  let couch: CouchProxyServer;
  let a: ExtensionSession;
  let b: ExtensionSession;
  let pa: Page;
  let pb: Page;

  const count = (p: Page) => p.getByTestId('list-area').getAttribute('data-count').then(Number);
  const setUpSync = async (p: Page) => {
    await p.goto(p.url().replace(/#.*$/, '') + '#settings/sync');
    await p.getByTestId('sync-settings').waitFor();
    await p.getByTestId('sync-serverUrl').fill(couch.url);
    await p.getByTestId('sync-database').fill('gist');
    await p.getByTestId('sync-save').click();
    await p.getByTestId('sync-status').waitFor({ timeout: 20_000 });
  };
  /** Presses Sync now and waits for the status line to show a finished round. */
  const syncNow = async (p: Page) => {
    await p.goto(p.url().replace(/#.*$/, '') + '#settings/sync');
    await p.getByTestId('sync-now').waitFor();
    const before = await lastSynced(p);
    await p.getByTestId('sync-now').click();
    await waitFor(async () => (await lastSynced(p)) > before, 'a finished sync round', 90_000);
    expect(await p.getByTestId('sync-last-error').count()).toBe(0);
  };
  const lastSynced = (p: Page) =>
    p.evaluate(async () => {
      const r = (await chrome.storage.local.get('syncStatus')) as { syncStatus?: { lastSyncedAt?: number | null } };
      return r.syncStatus?.lastSyncedAt ?? 0;
    });
  const openList = async (p: Page) => {
    await p.goto(p.url().replace(/#.*$/, ''));
    await p.getByTestId('list-area').waitFor();
  };
  const search = async (p: Page, q: string) => {
    await p.getByTestId('search').fill(q);
    await expect.poll(() => p.getByTestId('list-area').getAttribute('data-query')).toBe(q);
  };
  const rowTags = (p: Page, title: string) => p.locator('.row', { hasText: title }).locator('.tag').allTextContents();
  /** Puts the list's cursor on the article found by `word`, the one word only its text has. */
  const pick = async (p: Page, title: string, word: string) => {
    await search(p, word);
    await p
      .locator('.row', { hasText: title })
      .first()
      .click({ position: { x: 5, y: 5 } });
  };
  const addTag = async (p: Page, title: string, word: string, tag: string) => {
    await pick(p, title, word);
    await p.keyboard.press('t');
    await p.getByTestId('tag-dialog').getByLabel('Add a tag').fill(tag);
    await p.getByTestId('tag-dialog').getByLabel('Add a tag').press('Enter');
    await p.keyboard.press('Escape');
    await expect.poll(() => rowTags(p, title)).toContain(tag);
  };

  beforeAll(async () => {
    couch = await startCouch();
    await couch.createDb('gist');
    [a, b] = [await launchWithExtension(), await launchWithExtension()];
    if (process.env.GIST_DEBUG)
      for (const [n, x] of [
        ['A', a],
        ['B', b],
      ] as const)
        x.context.on('console', (m) => console.log(n, m.type(), m.text()));
    pa = await a.context.newPage();
    pb = await b.context.newPage();
    await pa.goto(a.extUrl('library.html'));
    await pb.goto(b.extUrl('library.html'));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await couch?.stop();
  });

  it('A saves 50 articles with images; B lists them, reads one offline with its images, and finds a word of its text', async () => {
    // One through the real save path (the keyboard shortcut's), its image downloaded from the page.
    const site = await serveGeneratedPages({
      'story.html': `<!doctype html><html lang="en"><head><title>The saved-by-hand harbor story</title></head><body><article><h1>The saved-by-hand harbor story</h1>${Array.from(
        { length: 10 },
        (_, i) =>
          `<p>${WORDS.join(' ')} paragraph ${i} of the story about a harbor that kept its lanterns lit through the winter storms.</p>`,
      ).join('')}<img src="photo.png" width="400" height="300" alt="the harbor"></article></body></html>`,
      'photo.png': PNG,
    });
    try {
      const tab = await a.context.newPage();
      await tab.goto(site.url('story.html'));
      const tabId = await a.tabIdOf(site.url('story.html'));
      const saved = await (
        await a.sw()
      ).evaluate(
        (id) => (globalThis as unknown as { gistTest: { saveFromShortcut(t: number): Promise<boolean> } }).gistTest.saveFromShortcut(id),
        tabId,
      );
      expect(saved).toBe(true);
      await tab.close();
    } finally {
      await site.close();
    }
    await seedArticles(
      pa,
      Array.from({ length: 49 }, (_, i) => article(i)),
      [PNG],
    );
    await openList(pa);
    await expect.poll(() => count(pa)).toBe(50);

    await setUpSync(pa);
    await syncNow(pa);
    await setUpSync(pb);
    await syncNow(pb);
    await openList(pb);
    await expect.poll(() => count(pb), { timeout: 30_000 }).toBe(50);

    // Search in B finds a word only article 17 has.
    await search(pb, 'quasarwort17');
    await expect.poll(() => pb.locator('.row .row-title').allTextContents()).toEqual(['Synced story number 17']);

    // Read it with the network off: text and image from B's IndexedDB.
    await b.context.setOffline(true);
    try {
      await pb.locator('.row', { hasText: 'Synced story number 17' }).locator('.row-title').click();
      await expect.poll(() => pb.getByTestId('reader-body').textContent(), { timeout: 20_000 }).toContain('quasarwort17');
      const img = pb.getByTestId('reader-body').locator('img').first();
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(2);
      expect(await img.getAttribute('src')).toMatch(/^blob:/);
      mkdirSync(SHOTS, { recursive: true });
      await pb.screenshot({ path: join(SHOTS, 'sync-b-reader-offline.png') });
    } finally {
      await b.context.setOffline(false);
    }
    // The hand-saved one arrived with its downloaded image too.
    await openList(pb);
    await search(pb, 'saved-by-hand');
    await pb.locator('.row .row-title', { hasText: 'The saved-by-hand harbor story' }).click();
    const photo = pb.getByTestId('reader-body').locator('img').first();
    await expect.poll(() => photo.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(2);
  });

  it('concurrent offline edits merge: tags x and y on both, progress 60 %', async () => {
    const title = 'Synced story number 5';
    await couch.cut(); // both devices offline
    await openList(pa);
    await addTag(pa, title, 'quasarwort5', 'x');
    await openList(pb);
    await addTag(pb, title, 'quasarwort5', 'y');
    // B reads to 60 %: the reader stores the position as it is scrolled.
    await pb.locator('.row', { hasText: title }).locator('.row-title').click();
    await pb.getByTestId('reader-body').waitFor();
    await pb.evaluate(() => scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * 0.6));
    await expect.poll(() => pb.getByTestId('reading-progress').getAttribute('aria-valuenow').then(Number)).toBeGreaterThanOrEqual(59);
    await pb.goBack(); // leaving the article writes the position now
    await couch.restore();

    await syncNow(pa);
    await syncNow(pb);
    await syncNow(pa);
    for (const p of [pa, pb]) {
      await openList(p);
      await search(p, 'quasarwort5');
      await expect.poll(() => rowTags(p, title).then((t) => [...t].sort())).toEqual(['x', 'y']);
    }
    // Progress is a maximum: A (never opened it) shows B's 60 % too.
    const progressOn = (p: Page) =>
      p.evaluate(
        (t) =>
          new Promise<number>((ok, fail) => {
            const open = indexedDB.open('gist');
            open.onerror = () => fail(open.error);
            open.onsuccess = () => {
              const req = open.result.transaction('articles').objectStore('articles').getAll();
              req.onsuccess = () => {
                ok((req.result as { title: string; progress: number }[]).find((r) => r.title === t)?.progress ?? -1);
                open.result.close();
              };
            };
          }),
        title,
      );
    expect(await progressOn(pa)).toBeGreaterThanOrEqual(0.59);
    expect(Math.abs((await progressOn(pa)) - (await progressOn(pb)))).toBeLessThan(0.001);
    await pa.screenshot({ path: join(SHOTS, 'sync-a-merged-tags.png') });
  });

  it('a delete on A is gone on B after both sync', async () => {
    const title = 'Synced story number 9';
    await openList(pa);
    await pick(pa, title, 'quasarwort9');
    await pa.keyboard.press('#');
    await expect.poll(() => count(pa)).toBe(0);
    await syncNow(pa);
    await syncNow(pb);
    await openList(pb);
    await expect.poll(() => count(pb), { timeout: 30_000 }).toBe(49);
    await search(pb, 'quasarwort9');
    await expect.poll(() => count(pb)).toBe(0);
  });

  it('a delete loses to a newer edit: A deletes while offline, B tags it later → back on A, whole', async () => {
    const title = 'Synced story number 12';
    await couch.cut();
    await openList(pa);
    await pick(pa, title, 'quasarwort12');
    await pa.keyboard.press('#');
    await expect.poll(() => count(pa)).toBe(0);
    await pa.waitForTimeout(50); // B's edit is later than A's delete
    await openList(pb);
    await addTag(pb, title, 'quasarwort12', 'keep');
    await couch.restore();
    await syncNow(pa);
    await syncNow(pb);
    await syncNow(pa);
    await openList(pa);
    await search(pa, 'quasarwort12');
    await expect.poll(() => rowTags(pa, title), { timeout: 30_000 }).toContain('keep');
    await pa.locator('.row .row-title', { hasText: title }).click();
    await expect.poll(() => pa.getByTestId('reader-body').textContent(), { timeout: 20_000 }).toContain('quasarwort12');
    const img = pa.getByTestId('reader-body').locator('img').first();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(2);
  });

  it('server gone mid-sync, A saves more, server back: everything arrives once', async () => {
    await seedArticles(
      pa,
      Array.from({ length: 30 }, (_, i) => article(100 + i)),
      [PNG],
    );
    await pa.goto(pa.url().replace(/#.*$/, '') + '#settings/sync');
    await pa.getByTestId('sync-now').click();
    await pa.waitForTimeout(150);
    await couch.cut();
    // The round ends with an error in words (or had finished: either way nothing may be lost).
    await waitFor(
      async () =>
        !(await pa.evaluate(
          async () => ((await chrome.storage.local.get('syncStatus')) as { syncStatus?: { running?: boolean } }).syncStatus?.running,
        )),
      'the cut round to end',
      60_000,
    );
    await seedArticles(
      pa,
      Array.from({ length: 5 }, (_, i) => article(200 + i)),
      [PNG],
    );
    await couch.restore();
    await syncNow(pa);
    await syncNow(pb);
    for (const p of [pa, pb]) {
      await openList(p);
      await expect.poll(() => count(p), { timeout: 30_000 }).toBe(49 + 35);
    }
    // Once each: every URL one article.
    const urls = (p: Page) =>
      p.evaluate(
        () =>
          new Promise<string[]>((ok, fail) => {
            const open = indexedDB.open('gist');
            open.onerror = () => fail(open.error);
            open.onsuccess = () => {
              const req = open.result.transaction('articles').objectStore('articles').getAll();
              req.onsuccess = () => {
                ok((req.result as { url: string }[]).map((r) => r.url));
                open.result.close();
              };
            };
          }),
      );
    for (const p of [pa, pb]) {
      const u = await urls(p);
      expect(new Set(u).size).toBe(u.length);
    }
    expect((await urls(pb)).sort()).toEqual((await urls(pa)).sort());
  });

  it('a library page closed mid-sync: the next round completes from the checkpoint', async () => {
    await seedArticles(
      pa,
      Array.from({ length: 20 }, (_, i) => article(300 + i)),
      [PNG],
    );
    await syncNow(pa);
    // B starts pulling, and its page goes away mid-round (as a closed tab or a killed worker would).
    const gone = await b.context.newPage();
    await gone.goto(b.extUrl('library.html#settings/sync'));
    await gone.getByTestId('sync-now').click();
    await gone.waitForTimeout(200);
    await gone.close();
    await syncNow(pb);
    await openList(pb);
    await expect.poll(() => count(pb), { timeout: 30_000 }).toBe(49 + 35 + 20);
  });

  it('moving to another database in Settings: the open library syncs there, and its next edit reaches the new database only', async () => {
    await couch.createDb('gist-moved');
    const db = (name: string) => fetch(`${couch.url}/${name}`).then((r) => r.json() as Promise<{ update_seq: unknown; doc_count: number }>);
    const hasTag = async (name: string, tag: string) =>
      (await (await fetch(`${couch.url}/${name}/_all_docs?include_docs=true`)).text()).includes(`"${tag}"`);
    await pa.goto(pa.url().replace(/#.*$/, '') + '#settings/sync');
    await pa.getByTestId('sync-database').fill('gist-moved');
    await pa.getByTestId('sync-save').click();
    // The new database's first round carries the whole library (two documents an article, and more).
    await expect.poll(async () => (await db('gist-moved')).doc_count, { timeout: 90_000 }).toBeGreaterThanOrEqual(2 * (49 + 35 + 20));
    const oldSeq = (await db('gist')).update_seq;
    // The same page, no reload: an edit goes out by the live replication this page runs.
    await pa.evaluate(() => {
      location.hash = '';
    });
    await pa.getByTestId('list-area').waitFor();
    await addTag(pa, 'Synced story number 301', 'quasarwort301', 'moved-db');
    await expect.poll(() => hasTag('gist-moved', 'moved-db'), { timeout: 30_000, interval: 250 }).toBe(true);
    expect(await hasTag('gist', 'moved-db')).toBe(false);
    expect((await db('gist')).update_seq).toEqual(oldSeq);
  });
});
