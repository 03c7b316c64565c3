// What a new user sees in the library and the reader (issue 16, "Reader and library polish"), in real
// Chromium: DOM assertions for each point, and screenshots under test-results/screenshots/ for review
// (list, reader in light and dark, welcome state; 480 and 1280 px wide).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FIXTURES, launchWithExtension, ROOT, seedArticles, waitFor, type ExtensionSession, type SeedArticle } from './harness';

const SHOTS = join(ROOT, 'test-results/screenshots');
const WORDS = 'river stone garden lantern harbor orchard meadow copper violet winter signal market thunder cedar island pepper'.split(' ');
const DAY = 86400_000;

function prose(seed: number, paragraphs: number): string[] {
  const out: string[] = [];
  let x = seed;
  for (let p = 0; p < paragraphs; p++) {
    const w: string[] = [];
    for (let i = 0; i < 70; i++) {
      x = (x * 48271) % 2147483647;
      w.push(WORDS[(x >> 7) % WORDS.length]);
    }
    out.push(`${w.join(' ')}.`);
  }
  return out;
}

function article(i: number, title: string, over: Partial<SeedArticle['record']> & { paras?: string[] } = {}): SeedArticle {
  const { paras: p, ...rec } = over;
  const paras = p ?? prose(i + 3, 14);
  const text = paras.join('\n\n');
  const site = rec.siteName ?? 'field-notes.example';
  const url = `https://${site.replace(/\s+/g, '-').toLowerCase()}/p/${i}`;
  return {
    record: {
      url,
      originalUrl: url,
      title,
      byline: 'Jane Doe',
      siteName: site,
      lang: 'en',
      publishedTime: '2025-10-22T12:00:00Z',
      excerpt: paras[0].slice(0, 120),
      savedAt: Date.now() - i * DAY,
      updatedAt: Date.now() - i * DAY,
      status: 'unread',
      favorite: 0,
      tags: [],
      tagCandidates: [],
      tagsEdited: false,
      wordCount: text.split(/\s+/).length,
      cjkChars: 0,
      imageCount: 0,
      readingMinutes: 4,
      progress: 0,
      contentState: 'full',
      ...rec,
    },
    html: paras.map((x) => `<p>${x}</p>`).join(''),
    text,
  };
}

const SEED: SeedArticle[] = [
  article(0, 'The quiet economics of neighbourhood bakeries in a changing city', {
    siteName: 'The Atlantic Monthly Review',
    tags: ['economics', 'food', 'cities', 'small business', 'urbanism', 'bread'],
    paras: [
      ...prose(1, 6),
      'Every morning the ovens at the corner bakery start before the first tram, and the sourdough sells out by nine.',
      ...prose(2, 8),
    ],
  }),
  article(1, 'How rivers remember their floods', { siteName: 'nature.example.com', tags: ['climate', 'rivers'] }),
  article(2, 'Honey, hives and the tram depot roof', {
    siteName: 'city-bees.example',
    tags: ['bees', 'cities'],
    paras: ['The bees came back to the old tram depot roof, and the honey is dark this year.', ...prose(5, 10)],
  }),
  article(3, 'Tram timetables nobody reads', {
    siteName: 'transit.example',
    tags: ['cities'],
    paras: ['The tram runs every six minutes on paper.', ...prose(6, 10)],
  }),
  article(4, 'Notes from the archive', { siteName: 'archive.example', tags: ['history'], status: 'archived' }),
  article(5, 'A short note', { siteName: 'blog.example', paras: ['Only a few words here.'] }),
];

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

describe('library and reader polish in Chromium', () => {
  let s: ExtensionSession;
  let page: Page;
  let ids: number[];
  const rows = () => page.getByTestId('article-row');
  const titles = () => rows().locator('.row-title').allTextContents();
  const search = async (q: string) => {
    await page.getByTestId('search').fill(q);
    await expect.poll(() => page.getByTestId('list-area').getAttribute('data-query')).toBe(q);
  };
  const openArticle = async (title: string) => {
    await rows().filter({ hasText: title }).locator('.row-title').click();
    await expect.poll(() => page.getByTestId('reader-body').textContent()).toBeTruthy();
  };
  const backToList = async () => {
    await page.getByRole('button', { name: '← Library' }).click();
    await page.getByTestId('search').waitFor();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await launchWithExtension({ keepInstallTab: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens the library once after install, on a welcome state that says what Gist does and how to start', async () => {
    const libUrl = s.extUrl('library.html');
    page = (await waitFor(
      async () => s.context.pages().find((p) => p.url().startsWith(libUrl)),
      'the library tab opened on install',
      20_000,
    ))!;
    await page.getByTestId('welcome').waitFor();
    const welcome = (await page.getByTestId('welcome').textContent()) ?? '';
    expect(welcome).toContain('Save articles to read later');
    expect(welcome).toContain('Import from Pocket, Instapaper, …');
    // The save shortcut from the manifest, as keys.
    expect(await page.getByTestId('welcome').locator('kbd').allTextContents()).toEqual(expect.arrayContaining(['Alt', 'Shift', 'S']));
    // Once: a second look later finds still one library tab.
    await page.waitForTimeout(500);
    expect(s.context.pages().filter((p) => p.url().startsWith(libUrl))).toHaveLength(1);
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'welcome-1280');
    await page.setViewportSize({ width: 480, height: 800 });
    await shot(page, 'welcome-480');
    await page.setViewportSize({ width: 1280, height: 800 });
    // Its import button opens the import dialog; Export is disabled while there is nothing to export.
    await page.getByTestId('welcome-import').click();
    await page.getByTestId('import-export-panel').waitFor();
    for (const kind of ['gist-json', 'netscape-html', 'markdown-zip'])
      expect(await page.getByTestId(`export-${kind}`).isDisabled()).toBe(true);
    expect(await page.getByTestId('export-empty').textContent()).toContain('nothing to export');
    await page.getByTestId('import-export-close').click();
  });

  it('lists rows with the site before the tags and labelled dates; at 480 px nothing is cut and Import / Export is in a menu', async () => {
    ids = await seedArticles(page, SEED);
    await page.reload();
    await page.waitForSelector('[data-testid=list-area][data-index=ready]', { timeout: 20_000 });
    await expect.poll(() => rows().count()).toBe(5);
    const expectedSaved = await page.evaluate(
      (t) => `Saved ${new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(t)}`,
      SEED[0].record.savedAt,
    );
    expect(await rows().first().getByTestId('row-date').textContent()).toBe(expectedSaved);
    await shot(page, 'list-1280');

    await page.setViewportSize({ width: 480, height: 800 });
    await expect.poll(() => page.getByTestId('menu-button').isVisible()).toBe(true);
    await shot(page, 'list-480');
    const layout = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid=article-row]')].map((row) => {
        const r = row.getBoundingClientRect();
        const site = row.querySelector<HTMLElement>('.row-site')!;
        const sr = site.getBoundingClientRect();
        const tags = row.querySelector<HTMLElement>('.row-tags');
        const tr = tags?.getBoundingClientRect();
        // A chip is shown whole (inside the tag strip) or not at all (wrapped onto the hidden line).
        const partial = [...row.querySelectorAll<HTMLElement>('.row-tags .tag')].filter((t) => {
          const c = t.getBoundingClientRect();
          const inside = c.top >= tr!.top - 0.5 && c.bottom <= tr!.bottom + 0.5;
          return inside && (c.right > tr!.right + 0.5 || c.left < tr!.left - 0.5);
        }).length;
        const title = row.querySelector<HTMLElement>('.row-title')!;
        const meta = [...row.querySelectorAll<HTMLElement>('.row-meta > *')].filter((e) => !e.classList.contains('row-tags'));
        return {
          siteWidth: sr.width,
          siteBeforeTags: !tr || sr.right <= tr.left,
          partial,
          metaInside: meta.every((e) => {
            const m = e.getBoundingClientRect();
            return m.right <= r.right + 0.5 && m.width > 0;
          }),
          titleWhole: title.scrollHeight <= title.clientHeight + 1 || title.textContent!.length > 60,
          pageFits: document.documentElement.scrollWidth <= innerWidth,
        };
      }),
    );
    for (const l of layout) {
      expect(l.siteWidth).toBeGreaterThan(40);
      expect(l.siteBeforeTags).toBe(true);
      expect(l.partial).toBe(0);
      expect(l.metaInside).toBe(true);
      expect(l.pageFits).toBe(true);
    }
    // The long title wraps onto a second line instead of being cut after a few words.
    expect(
      await rows()
        .first()
        .locator('.row-title')
        .evaluate((el) => el.getBoundingClientRect().height),
    ).toBeGreaterThan(30);
    await page.getByTestId('menu-button').click();
    await page.getByTestId('menu-import-export').click();
    await page.getByTestId('import-export-panel').waitFor();
    expect(await page.getByTestId('export-gist-json').isDisabled()).toBe(false);
    await page.getByTestId('import-export-close').click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('filters by a tag when its chip is clicked', async () => {
    await rows().filter({ hasText: 'How rivers remember' }).getByTestId('row-tag').filter({ hasText: 'rivers' }).click();
    await expect.poll(() => page.getByTestId('filter-tag').inputValue()).toBe('rivers');
    expect(await titles()).toEqual(['How rivers remember their floods']);
    expect(page.url()).not.toContain('#article');
    await page.getByTestId('filter-tag').selectOption('');
  });

  it('search: -word and -tag: exclude, snippets show the words in context, tag:/is: move the tabs to All', async () => {
    await search('tram');
    expect((await titles()).sort()).toEqual(
      [
        'Honey, hives and the tram depot roof',
        'Tram timetables nobody reads',
        'The quiet economics of neighbourhood bakeries in a changing city',
      ].sort(),
    );
    await search('tram -honey');
    expect((await titles()).sort()).toEqual(
      ['Tram timetables nobody reads', 'The quiet economics of neighbourhood bakeries in a changing city'].sort(),
    );
    await search('tram -tag:economics');
    expect((await titles()).sort()).toEqual(['Honey, hives and the tram depot roof', 'Tram timetables nobody reads'].sort());
    // The bakery's match is deep in its body: the snippet shows it, marked.
    await search('tram sourdough');
    const snip = rows().first().getByTestId('row-snippet');
    await expect.poll(() => snip.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['tram', 'sourdough']));
    expect(await snip.textContent()).toContain('the sourdough sells out');
    await shot(page, 'search-1280');
    await search('tag:cities');
    expect(await page.getByTestId('view-all').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('view-unread').getAttribute('aria-pressed')).toBe('false');
    await search('is:archived');
    expect(await titles()).toEqual(['Notes from the archive']);
    expect(await page.getByTestId('view-all').getAttribute('aria-pressed')).toBe('true');
    await search('');
    expect(await page.getByTestId('view-unread').getAttribute('aria-pressed')).toBe('true');
  });

  it('reads under one toolbar (one row at 480 px, 14 px type), Listen in the text column, the article title in the tab, dates labelled', async () => {
    await openArticle('The quiet economics');
    expect(await page.title()).toBe('The quiet economics of neighbourhood bakeries in a changing city');
    expect(await page.getByRole('toolbar').count()).toBe(1);
    expect(await page.locator('.topbar').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reading settings' }).count()).toBe(1);
    const [listen, body] = await Promise.all([
      page.getByTestId('read-aloud-toggle').boundingBox(),
      page.getByTestId('reader-body').boundingBox(),
    ]);
    expect(Math.abs(listen!.x - body!.x)).toBeLessThanOrEqual(1);
    const published = await page.evaluate(
      () =>
        `Published ${new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date('2025-10-22T12:00:00Z'))}`,
    );
    expect(await page.getByTestId('reader-published').textContent()).toBe(published);
    expect(await page.getByTestId('reader-saved').textContent()).toMatch(/^Saved /);
    // The "no voices" note answers a press of Listen; it is not shown before.
    await page.waitForTimeout(1800); // past the wait for the browser's voice list
    expect(await page.getByTestId('no-voices').count()).toBe(0);
    expect(await page.getByTestId('read-aloud-toggle').isDisabled()).toBe(false);
    if ((await page.evaluate(() => speechSynthesis.getVoices().length)) === 0) {
      await page.getByTestId('read-aloud-toggle').click();
      await expect.poll(() => page.getByTestId('no-voices').isVisible()).toBe(true);
    }
    await page.evaluate(() => scrollTo(0, 0));
    await shot(page, 'reader-light-1280');
    // The page's own type, not the 10.5 px Chromium gives extension pages; the toolbar's actions on one row
    // at 480 px (its buttons' tops within a pixel of each other).
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('14px');
    await page.setViewportSize({ width: 480, height: 800 });
    const tops = await page
      .locator('.reader-toolbar > button, .reader-toolbar > a')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    expect(tops.length).toBe(8);
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(1);
    await shot(page, 'reader-light-480');
    await page.getByTestId('settings-button').click();
    await page.getByTestId('theme-dark').click();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(400); // the background colour's transition
    await shot(page, 'reader-dark-480');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'reader-dark-1280');
    await page.getByTestId('settings-button').click();
    await page.getByTestId('theme-light').click();
    await page.keyboard.press('Escape');
    await backToList();
    expect(await page.title()).toBe('Gist library');
  });

  it('offers Archive and Next unread at the end, offers to archive when finished, or archives by itself when set to', async () => {
    await openArticle('How rivers remember');
    const end = page.getByTestId('reader-end');
    expect(await end.getByTestId('end-archive').textContent()).toBe('Archive');
    expect(await page.getByTestId('finish-offer').count()).toBe(0);
    await page.mouse.move(640, 400);
    for (let i = 0; i < 40 && !(await page.getByTestId('finish-offer').count()); i++) await page.mouse.wheel(0, 600);
    await page.getByTestId('finish-offer').waitFor();
    await shot(page, 'reader-finished-1280');
    await page.getByTestId('offer-archive').click();
    await expect.poll(() => page.getByTestId('end-archive').textContent()).toContain('Archived');
    expect(await page.getByTestId('finish-offer').count()).toBe(0);
    // Next unread opens another unread article.
    await page.getByTestId('reader-end').getByTestId('next-unread').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Honey, hives and the tram depot roof');
    // With the setting on, reading to the end archives.
    await page.getByTestId('settings-button').click();
    await page.getByTestId('auto-archive').check();
    await page.keyboard.press('Escape');
    await page.mouse.move(640, 400);
    for (let i = 0; i < 40 && (await page.getByTestId('end-archive').textContent()) === 'Archive'; i++) await page.mouse.wheel(0, 600);
    await expect.poll(() => page.getByTestId('end-archive').textContent()).toContain('Archived');
    expect(await page.getByTestId('undo-toast').textContent()).toContain('Archived');
    expect(await page.getByTestId('finish-offer').count()).toBe(0);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('auto-archive').uncheck();
    await page.keyboard.press('Escape');
    await backToList();
    expect(await titles()).not.toContain('How rivers remember their floods');
  });

  it('focuses the tag dialog input, not a tag remove button', async () => {
    await openArticle('The quiet economics');
    await page.keyboard.press('t');
    await page.getByTestId('tag-dialog').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Add a tag');
    expect(
      await page
        .getByTestId('tag-dialog')
        .getByRole('button', { name: /^Remove tag/ })
        .count(),
    ).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await backToList();
  });

  it("after a click on Delete, the pointer is not left over the next row's Delete", async () => {
    await expect.poll(() => rows().count()).toBe(3); // two of the five unread were archived above
    const before = await titles();
    const del = rows().first().getByTestId('delete');
    await rows().first().hover();
    const box = (await del.boundingBox())!;
    const x = box.x + box.width / 2,
      y = box.y + box.height / 2;
    await page.mouse.click(x, y);
    await expect.poll(() => rows().count()).toBe(2);
    expect(await titles()).toEqual(before.slice(1));
    // The next row took the deleted one's place (the filter bar did not re-wrap and move the list)…
    const next = (await rows().first().getByTestId('delete').boundingBox())!;
    expect(Math.abs(next.y - box.y)).toBeLessThanOrEqual(1);
    const under = () =>
      page.evaluate(([px, py]) => (document.elementFromPoint(px, py)?.closest('[data-testid=delete]') ? 'delete' : 'other'), [x, y]);
    expect(await under()).toBe('other');
    // A second click at the same spot (a double click) deletes nothing more.
    await page.mouse.click(x, y);
    await page.waitForTimeout(300);
    expect(await rows().count()).toBe(2);
    // Moving the pointer gives the buttons back.
    await page.mouse.move(x - 200, y);
    await page.mouse.move(x, y);
    await expect.poll(under).toBe('delete');
    await page.getByTestId('undo-toast').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows().count()).toBe(3);
  });

  it('keeps one import report per file while the page is open, problems in file order; export gives a real size', async () => {
    await page.getByTestId('import-export').click();
    await page.getByTestId('import-export-panel').waitFor();
    const importFile = async (path: string) => {
      const n = await page.locator('[data-testid=import-result], [data-testid=import-result-earlier]').count();
      await page.getByTestId('import-file').setInputFiles(path);
      await expect
        .poll(() => page.locator('[data-testid=import-result], [data-testid=import-result-earlier]').count(), { timeout: 30_000 })
        .toBe(n + 1);
    };
    await importFile(join(FIXTURES, '../import/instapaper-bad-rows.csv'));
    const whereOf = async () =>
      (await page.getByTestId('import-report-rows').locator('li').allTextContents()).map((t) => Number(/:(\d+)/.exec(t)?.[1] ?? -1));
    // The summary shows first; the report's rows are read from the database after it ("Preparing…").
    await expect.poll(async () => (await whereOf()).length, { timeout: 10_000 }).toBeGreaterThan(2);
    const lines = await whereOf();
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    await importFile(join(FIXTURES, '../import/pocket-missing-url.csv'));
    await page.getByTestId('import-export-close').click();
    await page.getByTestId('import-export').click();
    expect(await page.getByTestId('import-result').getAttribute('data-file')).toBe('pocket-missing-url.csv');
    expect(await page.getByTestId('import-result-earlier').getAttribute('data-file')).toBe('instapaper-bad-rows.csv');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-gist-json').click()]);
    expect(dl.suggestedFilename()).toMatch(/\.jsonl$/);
    const msg = (await page.getByTestId('export-message').textContent()) ?? '';
    expect(msg).toMatch(/\((\d+(\.\d)? (KB|MB)|\d+ B)\)/);
    expect(msg).not.toContain('0.0 MB');
    await page.getByTestId('import-export-close').click();
    expect(ids.length).toBe(SEED.length);
  });
});
