// The library page in real Chromium: reader settings, progress, keyboard, filters, search, bulk edits.
// A few dozen articles are written straight into the extension's IndexedDB through lib/db (seedArticles).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, seedArticles, type ExtensionSession, type SeedArticle } from './harness';

const WORDS = 'river stone garden lantern harbor orchard meadow copper violet winter signal market thunder cedar island pepper'.split(' ');
function prose(seed: number, paragraphs: number): string[] {
  const out: string[] = [];
  let x = seed;
  for (let p = 0; p < paragraphs; p++) {
    const words: string[] = [];
    for (let w = 0; w < 60; w++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      words.push(WORDS[x % WORDS.length]);
    }
    out.push(`${words.join(' ')}.`);
  }
  return out;
}

const DAY = 86400_000;
function article(i: number, over: Partial<SeedArticle['record']> & { paras?: string[]; extraHtml?: string } = {}): SeedArticle {
  const { paras: p, extraHtml, ...rec } = over;
  const paras = p ?? prose(i + 1, 3);
  const text = paras.join('\n\n');
  const words = text.split(/\s+/).length;
  const site = ['alpha.example', 'beta.example', 'gamma.example'][i % 3];
  const url = `https://${site}/post/${i}`;
  return {
    record: {
      url,
      originalUrl: url,
      title: `Story number ${i}`,
      byline: null,
      siteName: site,
      lang: 'en',
      publishedTime: null,
      excerpt: paras[0].slice(0, 120),
      savedAt: Date.now() - i * DAY,
      updatedAt: Date.now() - i * DAY,
      status: 'unread',
      favorite: 0,
      tags: i % 2 ? ['odd'] : ['even'],
      tagCandidates: [],
      tagsEdited: false,
      wordCount: words,
      cjkChars: 0,
      imageCount: 0,
      readingMinutes: Math.max(1, Math.round(words / 238)),
      progress: 0,
      contentState: 'full',
      ...rec,
    },
    html: (extraHtml ?? '') + paras.map((x) => `<p>${x}</p>`).join(''),
    text,
  };
}

const SEED: SeedArticle[] = [
  ...Array.from({ length: 24 }, (_, i) => article(i)),
  article(24, {
    title: 'Rooftop beekeeping returns to the city',
    tags: ['bees', 'cities'],
    paras: ['The bees came back to the old tram depot roof.', ...prose(99, 2)],
  }),
  article(25, { title: 'A guide to house paint in white', paras: ['Choosing white paint for a house is harder than it looks.'] }),
  article(26, { title: 'Briefing at the White House', paras: ['The press secretary spoke at the White House on Tuesday.'] }),
  article(27, {
    title: 'The very long read',
    tags: ['longread'],
    paras: prose(7, 160),
    extraHtml: '<p>See <a href="https://source.example/ref">the source</a>.</p>',
  }),
  article(28, { title: 'Archived piece about lanterns', status: 'archived' }),
  article(29, { title: 'Favorite essay on copper', favorite: 1 }),
];

describe('library page in Chromium', () => {
  let s: ExtensionSession;
  let page: Page;
  let ids: number[];
  const rows = () => page.getByTestId('article-row');
  const titles = () => rows().locator('.row-title').allTextContents();
  const search = async (q: string) => {
    await page.getByTestId('search').fill(q);
    await expect.poll(() => page.getByTestId('list-area').getAttribute('data-query')).toBe(q);
  };

  beforeAll(async () => {
    s = await launchWithExtension();
    page = await s.context.newPage();
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(s.extUrl('library.html'));
    ids = await seedArticles(page, SEED);
    await page.reload();
    await page.waitForSelector('[data-testid=list-area][data-index=ready]', { timeout: 20_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('lists unread newest first, with counts per view, and filters by view, tag, site and length', async () => {
    await expect.poll(() => rows().count()).toBeGreaterThan(5);
    expect((await titles())[0]).toBe('Story number 0');
    expect(await page.getByTestId('view-archived').textContent()).toContain('1');
    await page.getByTestId('view-archived').click();
    expect(await titles()).toEqual(['Archived piece about lanterns']);
    await page.getByTestId('view-favorite').click();
    expect(await titles()).toEqual(['★ Favorite essay on copper']);
    await page.getByTestId('view-all').click();
    await page.getByTestId('filter-tag').selectOption('bees');
    expect(await titles()).toEqual(['Rooftop beekeeping returns to the city']);
    await page.getByTestId('filter-tag').selectOption('');
    await page.getByTestId('filter-site').selectOption('beta.example');
    await expect.poll(async () => (await rows().locator('.row-site').allTextContents()).every((t) => t === 'beta.example')).toBe(true);
    await page.getByTestId('filter-site').selectOption('');
    await page.getByTestId('filter-time').selectOption('gt30');
    expect(await titles()).toEqual(['The very long read']);
    await page.getByTestId('filter-time').selectOption('');
    await page.getByTestId('sort').selectOption('title');
    expect((await titles())[0]).toBe('A guide to house paint in white');
    await page.getByTestId('sort').selectOption('newest');
    await page.getByTestId('view-unread').click();
  });

  it("reads the first rows before the page's bundle runs, and counts the views by index", async () => {
    const fresh = await s.context.newPage();
    try {
      await fresh.goto(s.extUrl('library.html'));
      await fresh.waitForSelector('[data-testid=article-row]');
      await expect.poll(() => fresh.getByTestId('view-all').textContent()).toContain('30');
      const marks = (await fresh.evaluate(
        `Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))`,
      )) as Record<string, number>;
      // The classic script in <head> ran before the bundle's first line, and its read was the one used.
      expect(marks['gist:early']).toBeLessThan(marks['gist:script']);
      expect(marks['gist:early-rows']).toBeLessThanOrEqual(marks['gist:first-page']);
      expect(marks['gist:counts']).toBeGreaterThan(0);
      for (const [view, n] of [
        ['unread', 29],
        ['favorite', 1],
        ['archived', 1],
        ['all', 30],
      ] as const)
        expect(await fresh.getByTestId(`view-${view}`).locator('.count').textContent()).toBe(String(n));
    } finally {
      await fresh.close();
    }
  });

  it('searches as you type with prefixes, operators and phrases', async () => {
    await search('beekeep');
    expect(await titles()).toEqual(['Rooftop beekeeping returns to the city']);
    await search('tram dep'); // body text, prefix on the last word
    expect(await titles()).toEqual(['Rooftop beekeeping returns to the city']);
    await search('white house');
    expect((await titles()).sort()).toEqual(['A guide to house paint in white', 'Briefing at the White House']);
    await search('"white house"');
    expect(await titles()).toEqual(['Briefing at the White House']);
    await search('is:archived lantern');
    expect(await titles()).toEqual(['Archived piece about lanterns']);
    await search('tag:longread time:>30');
    expect(await titles()).toEqual(['The very long read']);
    await search('site:gamma essay');
    expect(await titles()).toEqual(['★ Favorite essay on copper']);
    await search('zzzznothing');
    expect(await page.getByTestId('empty').textContent()).toContain('No articles match');
    await search('time:soon');
    expect(await page.locator('.hint').textContent()).toContain('time:soon');
    await search('');
  });

  it('is keyboard first: / j k Enter Esc e z x # ?', async () => {
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    const cursorTitle = () => page.locator('.row.cursor .row-title').textContent();
    expect(await cursorTitle()).toBe('Story number 0');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await cursorTitle()).toBe('Story number 1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('reader-body').textContent()).toContain('river');
    expect(await page.locator('.reader-title').textContent()).toBe('Story number 1');
    await page.keyboard.press('Escape');
    await expect.poll(() => rows().count()).toBeGreaterThan(3);
    expect(await cursorTitle()).toBe('Story number 1');
    // e archives the cursor row; z undoes.
    await page.keyboard.press('e');
    await expect.poll(() => titles()).not.toContain('Story number 1');
    expect(await page.getByTestId('undo-toast').textContent()).toContain('Archived');
    await page.keyboard.press('z');
    await expect.poll(() => titles()).toContain('Story number 1');
    // s favorites.
    await page.keyboard.press('s');
    await expect.poll(() => page.locator('.row.cursor .row-star').count()).toBe(1);
    await page.keyboard.press('s');
    await expect.poll(() => page.locator('.row.cursor .row-star').count()).toBe(0);
    // x selects two rows; the bulk bar archives both; Undo restores both.
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    expect(await page.getByTestId('bulkbar').textContent()).toContain('2 articles selected');
    await page.getByTestId('bulkbar').getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => titles()).not.toContain('Story number 2');
    expect(await titles()).not.toContain('Story number 1');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => titles()).toContain('Story number 2');
    expect(await titles()).toContain('Story number 1');
    // # deletes, Undo brings it back with its body.
    await page.keyboard.press('Escape'); // clears the selection: # acts on the cursor row
    expect(await page.getByTestId('bulkbar').count()).toBe(0);
    // The list is virtualised: count the list, not the rows in the DOM.
    const count = async () => Number(await page.getByTestId('list-area').getAttribute('data-count'));
    const before = await count();
    const deleted = await page.locator('.row.cursor .row-title').textContent();
    await page.keyboard.press('#');
    await expect.poll(count).toBe(before - 1);
    expect(await titles()).not.toContain(deleted);
    expect(await page.getByTestId('undo-toast').textContent()).toContain('Deleted');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(count).toBe(before);
    expect(await titles()).toContain(deleted);
    // t opens the tag editor for the cursor article.
    await page.keyboard.press('t');
    await page.getByTestId('tag-dialog').getByLabel('Add a tag').fill('keyboard-tag');
    await page.getByTestId('tag-dialog').getByLabel('Add a tag').press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.row.cursor .tag').allTextContents()).toContain('keyboard-tag');
    // ? shows the shortcuts.
    await page.keyboard.press('?');
    expect(await page.getByTestId('shortcuts').textContent()).toContain('Next / previous article');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcuts').count()).toBe(0);
  });

  it('reader settings apply at once, persist across reloads, and wpm changes reading times', async () => {
    const longRow = () => rows().filter({ hasText: 'The very long read' }).getByTestId('row-minutes').textContent();
    await search('the very long read');
    const minutesBefore = await longRow();
    await page.getByTestId('settings-button').click();
    await page.getByTestId('wpm').fill('476');
    await page.getByTestId('wpm').press('Tab');
    await expect.poll(longRow).not.toBe(minutesBefore);
    const m0 = Number(minutesBefore?.match(/\d+/)?.[0]);
    const m1 = Number((await longRow())?.match(/\d+/)?.[0]);
    expect(Math.abs(m1 - m0 / 2)).toBeLessThanOrEqual(1);
    await page.getByTestId('font-sans').click();
    for (let i = 0; i < 3; i++) await page.getByTestId('font-larger').click();
    await page.getByTestId('theme-sepia').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('sepia');
    await page.keyboard.press('Escape');
    await page.reload();
    await expect.poll(() => rows().count()).toBeGreaterThan(3);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('sepia');
    await rows().first().locator('.row-main').click();
    const reader = page.getByTestId('reader');
    await expect.poll(() => reader.evaluate((el) => getComputedStyle(el).fontSize)).toBe('22px');
    expect(await reader.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/system-ui|sans/);
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(248, 241, 227)');
    // Dark, then back to following the system.
    await page.getByTestId('settings-button').click();
    await page.getByTestId('theme-dark').click();
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(23, 24, 27)');
    await page.getByTestId('theme-system').click();
    await page.getByTestId('wpm').fill('238');
    await page.getByTestId('wpm').press('Tab');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '← Library' }).click();
  });

  it('remembers the reading position, shows time left, and lists the article as in progress', async () => {
    await search('the very long read');
    await rows().first().locator('.row-main').click();
    await expect.poll(() => page.getByTestId('reader-body').textContent()).toContain('river');
    const left0 = await page.getByTestId('minutes-left').textContent();
    // Links go to the original in a new tab; the original is one click away.
    expect(await page.getByTestId('reader-body').locator('a').first().getAttribute('target')).toBe('_blank');
    expect(await page.getByTestId('toolbar-original').getAttribute('href')).toBe('https://alpha.example/post/27');
    const half = await page.evaluate(() => (document.documentElement.scrollHeight - innerHeight) / 2);
    await page.mouse.wheel(0, half);
    await expect.poll(() => page.getByTestId('reading-progress').getAttribute('aria-valuenow')).not.toBe('0');
    const pct = Number(await page.getByTestId('reading-progress').getAttribute('aria-valuenow'));
    expect(pct).toBeGreaterThan(20);
    expect(pct).toBeLessThan(80);
    expect(Number((await page.getByTestId('minutes-left').textContent())?.match(/\d+/)?.[0])).toBeLessThan(
      Number(left0?.match(/\d+/)?.[0]),
    );
    await page.keyboard.press('Escape'); // leaving writes the position
    await search('');
    await page.getByTestId('view-inprogress').click();
    await expect.poll(() => titles()).toEqual(['The very long read']);
    await page.reload();
    await expect.poll(() => rows().count()).toBeGreaterThan(3);
    await page.getByTestId('view-inprogress').click();
    await rows().first().locator('.row-main').click();
    await expect.poll(() => page.evaluate(() => scrollY), { timeout: 10_000 }).toBeGreaterThan(half * 0.6);
    expect(Number(await page.getByTestId('reading-progress').getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(pct - 3);
  });

  it('read aloud degrades gracefully without voices; storage use is shown', async () => {
    const ra = page.getByTestId('read-aloud');
    await expect.poll(() => ra.count()).toBe(1);
    const voices = await page.evaluate(() => speechSynthesis.getVoices().length);
    if (voices === 0) {
      // Said when the reader presses Listen, not before.
      expect(await page.getByTestId('no-voices').count()).toBe(0);
      await page.getByTestId('read-aloud-toggle').click();
      await expect.poll(() => page.getByTestId('no-voices').isVisible(), { timeout: 5000 }).toBe(true);
    } else {
      expect(await page.getByTestId('speech-voice').locator('option').count()).toBe(voices + 1);
    }
    await page.getByTestId('speech-rate').selectOption('1.5');
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('gist.reader-settings') ?? '{}').speechRate)).toBe(1.5);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('storage').textContent()).toMatch(/\d+(\.\d)? (B|KB|MB|GB) used/);
    expect(ids.length).toBe(SEED.length);
  });
});
