// Highlights in the library, in real Chromium: the highlight count on article rows, the article search
// over highlights and notes (has:highlights, has:note), and All highlights — newest first, searched,
// filtered by colour, a click opening the reader at that highlight. Articles are seeded through lib/db
// (seedArticles) and highlights straight into the highlights table of the extension's IndexedDB, as the
// reader stores them. Screenshots under test-results/screenshots/ for review.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HighlightRecord } from '../../lib/db/schema';
import { launchWithExtension, ROOT, seedArticles, type ExtensionSession, type SeedArticle } from './harness';

const SHOTS = join(ROOT, 'test-results/screenshots');
const DAY = 86400_000;
const NOW = Date.now();

function article(i: number, title: string, site: string, paras: string[], over: Partial<SeedArticle['record']> = {}): SeedArticle {
  const text = paras.join('\n\n');
  const words = text.split(/\s+/).length;
  const url = `https://${site}/post/${i}`;
  return {
    record: {
      url,
      originalUrl: url,
      title,
      byline: null,
      siteName: site,
      lang: 'en',
      publishedTime: null,
      excerpt: paras[0].slice(0, 140),
      savedAt: NOW - i * DAY,
      updatedAt: NOW - i * DAY,
      status: 'unread',
      favorite: 0,
      tags: [],
      tagCandidates: [],
      tagsEdited: false,
      wordCount: words,
      cjkChars: 0,
      imageCount: 0,
      readingMinutes: Math.max(1, Math.round(words / 238)),
      progress: 0,
      contentState: 'full',
      ...over,
    },
    html: paras.map((p) => `<p>${p}</p>`).join(''),
    text,
  };
}

const BEES = [
  'The bees came back to the old tram depot roof in April, three hives of them, tended by a retired bus driver.',
  'Honey from a city roof tastes of lime trees and whatever the parks planted that year.',
  'Nobody on the street below noticed until the first jars appeared at the corner shop.',
];
const SEED: SeedArticle[] = [
  article(0, 'Rooftop beekeeping returns to the city', 'bees.example', BEES, { tags: ['nature', 'cities'] }),
  article(
    1,
    'How trams shaped the suburbs',
    'transit.example',
    ['Tram lines drew the map of the suburbs long before cars did.', 'When the lines closed, the shops along them closed too.'],
    { tags: ['cities'] },
  ),
  article(2, 'A field guide to lichens', 'nature.example', ['Lichens grow where nothing else will: on bare rock and old walls.'], {
    tags: ['nature'],
  }),
  article(3, 'Saved for later: the slow web', 'slow.example', ['(not downloaded)'], { contentState: 'pending', wordCount: 0 }),
];

function highlight(id: string, articleId: number, exact: string, minutesAgo: number, p: Partial<HighlightRecord> = {}): HighlightRecord {
  const at = NOW - minutesAgo * 60_000;
  return {
    id,
    articleId,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: null,
    color: 'yellow',
    note: null,
    createdAt: at,
    updatedAt: at,
    anchor: 'placed',
    source: 'gist',
    ...p,
  };
}

/** Writes highlight records into the extension's `highlights` table (the page reloads after, to read them). */
async function seedHighlights(page: Page, list: HighlightRecord[]) {
  await page.evaluate(async (records) => {
    const db: IDBDatabase = await new Promise((ok, ko) => {
      const r = indexedDB.open('gist');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    await new Promise<void>((ok, ko) => {
      const tx = db.transaction('highlights', 'readwrite');
      for (const h of records) tx.objectStore('highlights').put(h);
      tx.oncomplete = () => ok();
      tx.onerror = () => ko(tx.error);
    });
    db.close();
  }, list);
}

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

describe('highlights in the library, in Chromium', () => {
  let s: ExtensionSession;
  let page: Page;
  let ids: number[];
  const rows = () => page.getByTestId('article-row');
  const titles = () => rows().locator('.row-title').allTextContents();
  const quotes = () => page.getByTestId('highlight-quote').evaluateAll((els) => els.map((e) => e.lastChild?.textContent ?? ''));
  const search = async (q: string) => {
    await page.getByTestId('search').fill(q);
    await expect.poll(() => page.getByTestId('search').inputValue()).toBe(q);
  };

  beforeAll(async () => {
    s = await launchWithExtension();
    page = await s.context.newPage();
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(s.extUrl('library.html'));
    ids = await seedArticles(page, SEED);
    const [bees, trams, lichens, slow] = ids;
    await seedHighlights(page, [
      highlight('hl-bees-1', bees, BEES[0].slice(0, 52), 300, { note: 'Ask the depot about a visit in July' }),
      highlight('hl-bees-2', bees, 'Honey from a city roof tastes of lime trees', 120, { color: 'green' }),
      highlight('hl-bees-3', bees, 'the first jars appeared at the corner shop', 60, { color: 'blue', anchor: 'unplaced' }),
      highlight('hl-trams-1', trams, 'Tram lines drew the map of the suburbs long before cars did.', 30, { color: 'pink' }),
      highlight('hl-lichens-1', lichens, 'on bare rock and old walls', 10, { color: 'green', note: 'Look on the churchyard wall' }),
      highlight('hl-slow-1', slow, 'The web was slower and kinder', 5, { anchor: 'waiting', source: 'omnivore' }),
    ]);
    await page.reload();
    await page.waitForSelector('[data-testid=list-area][data-index=ready]', { timeout: 20_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('rows show how many highlights, read out as "3 highlights, with notes"', async () => {
    const beesRow = rows().filter({ hasText: 'Rooftop beekeeping' });
    const marks = beesRow.getByTestId('row-highlights');
    await expect.poll(() => marks.getAttribute('aria-label')).toBe('3 highlights, with notes');
    expect((await marks.textContent())?.trim()).toBe('3');
    expect(await rows().filter({ hasText: 'How trams shaped' }).getByTestId('row-highlights').getAttribute('aria-label')).toBe(
      '1 highlight',
    );
    await shot(page, 'library-row-highlight-count');
  });

  it('the article search finds words of highlights and notes; has:highlights and has:note filter', async () => {
    await search('churchyard'); // only in a highlight's note
    await expect.poll(titles).toEqual(['A field guide to lichens']);
    expect(await page.getByTestId('row-snippet').textContent()).toContain('churchyard');
    await search('kinder'); // a highlight of a page not downloaded yet
    await expect.poll(titles).toEqual(['Saved for later: the slow web']);
    await search('has:note');
    await expect.poll(async () => (await titles()).sort()).toEqual(['A field guide to lichens', 'Rooftop beekeeping returns to the city']);
    await search('has:highlights -has:note');
    await expect.poll(async () => (await titles()).sort()).toEqual(['How trams shaped the suburbs', 'Saved for later: the slow web']);
    await search('');
  });

  it('All highlights: newest first, searched, filtered by colour; a click opens the reader at the highlight', async () => {
    await page.getByTestId('view-highlights').click();
    await page.getByTestId('highlight-list').waitFor();
    expect(new URL(page.url()).hash).toBe('#highlights');
    expect(await quotes()).toEqual([
      'The web was slower and kinder',
      'on bare rock and old walls',
      'Tram lines drew the map of the suburbs long before cars did.',
      'the first jars appeared at the corner shop',
      'Honey from a city roof tastes of lime trees',
      BEES[0].slice(0, 52),
    ]);
    const rowOf = (id: string) => page.locator(`[data-testid=highlight-row][data-id="${id}"]`);
    expect(await rowOf('hl-slow-1').getByTestId('highlight-anchor').textContent()).toBe('page not downloaded yet');
    expect(await rowOf('hl-bees-3').getByTestId('highlight-anchor').textContent()).toBe('couldn’t place in the text');
    expect(await rowOf('hl-bees-1').getByTestId('highlight-note').textContent()).toContain('visit in July');
    // The colour bar is painted in the highlight's colour.
    const bar = (id: string) =>
      rowOf(id)
        .locator('.hl-bar')
        .evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await bar('hl-trams-1')).not.toBe(await bar('hl-lichens-1'));
    await shot(page, 'all-highlights');
    // Narrow window and dark theme, for review.
    await page.setViewportSize({ width: 420, height: 800 });
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await shot(page, 'all-highlights-narrow-dark');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await page.setViewportSize({ width: 1200, height: 800 });

    await search('roof'); // the quote, and the article title
    await expect
      .poll(quotes)
      .toEqual(['the first jars appeared at the corner shop', 'Honey from a city roof tastes of lime trees', BEES[0].slice(0, 52)]);
    await page.getByTestId('filter-color-green').click();
    await expect.poll(quotes).toEqual(['Honey from a city roof tastes of lime trees']);
    await shot(page, 'all-highlights-filtered');

    await page.getByTestId('highlight-quote').first().click();
    await page.getByTestId('reader-body').waitFor();
    expect(new URL(page.url()).hash).toBe(`#article/${ids[0]}?h=hl-bees-2`);
    expect(await page.getByTestId('reader-body').textContent()).toContain('Honey from a city roof');
    expect(await page.title()).toBe('Rooftop beekeeping returns to the city');
    // Back returns to All highlights as it was left.
    await page.keyboard.press('u');
    await page.getByTestId('highlight-list').waitFor();
    expect(await page.getByTestId('search').inputValue()).toBe('roof');
    await expect.poll(quotes).toEqual(['Honey from a city roof tastes of lime trees']);
  });
});
