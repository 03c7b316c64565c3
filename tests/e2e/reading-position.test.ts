// The reading position is written WHILE reading (throttled), not only when leaving the article: a tab
// that is killed mid-article (crash, browser closed, OOM) must still reopen where the reader was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, seedArticles, type ExtensionSession, type SeedArticle } from './harness';

// components/library/reader-view.tsx writes the position at most every PROGRESS_WRITE_MS (5 s).
const THROTTLE_MS = 5000;

const WORDS = 'river stone garden lantern harbor orchard meadow copper violet winter signal market thunder cedar island pepper'.split(' ');
function longArticle(): SeedArticle {
  const paras: string[] = [];
  for (let p = 0; p < 150; p++) paras.push(`${Array.from({ length: 60 }, (_, w) => WORDS[(p * 7 + w * 3) % WORDS.length]).join(' ')}.`);
  const text = paras.join('\n\n');
  const words = text.split(/\s+/).length;
  const url = 'https://long.example/read';
  return {
    record: {
      url,
      originalUrl: url,
      title: 'A long read to scroll through',
      byline: null,
      siteName: 'long.example',
      lang: 'en',
      publishedTime: null,
      excerpt: null,
      savedAt: Date.now(),
      updatedAt: Date.now(),
      status: 'unread',
      favorite: 0,
      tags: [],
      tagCandidates: [],
      tagsEdited: false,
      wordCount: words,
      cjkChars: 0,
      imageCount: 0,
      readingMinutes: Math.round(words / 238),
      progress: 0,
      contentState: 'full',
    },
    html: paras.map((x) => `<p>${x}</p>`).join(''),
    text,
  };
}

describe('reading position in Chromium', () => {
  let s: ExtensionSession;
  let id: number;

  /** The stored position, read by the service worker: another extension context, not the reader tab. */
  const storedProgress = async () =>
    (await s.sw()).evaluate(
      (articleId) =>
        new Promise<number>((ok, fail) => {
          const open = indexedDB.open('gist');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const get = db.transaction('articles').objectStore('articles').get(articleId);
            get.onsuccess = () => {
              ok((get.result as { progress?: number } | undefined)?.progress ?? -1);
              db.close();
            };
            get.onerror = () => {
              fail(get.error);
              db.close();
            };
          };
        }),
      id,
    );

  const openReader = async (): Promise<Page> => {
    const page = await s.context.newPage();
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.goto(s.extUrl(`library.html#article/${id}`));
    await expect.poll(() => page.getByTestId('reader-body').textContent(), { timeout: 20_000 }).toContain('river');
    return page;
  };
  const shownProgress = async (page: Page) => Number(await page.getByTestId('reading-progress').getAttribute('aria-valuenow'));

  beforeAll(async () => {
    s = await launchWithExtension();
    const seeder = await s.context.newPage();
    await seeder.goto(s.extUrl('library.html'));
    [id] = await seedArticles(seeder, [longArticle()]);
    await seeder.close();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('is stored while reading and restored after the tab dies without leaving the article', async () => {
    const page = await openReader();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const scrollable = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    expect(scrollable).toBeGreaterThan(5000);

    // Two scrolls in quick succession: the second lands inside the throttle interval, so only the
    // throttle's timer can write it (the broken timer let only the first write through).
    await page.mouse.move(500, 350);
    await page.mouse.wheel(0, scrollable * 0.2);
    await expect.poll(() => shownProgress(page)).toBeGreaterThan(10);
    await page.mouse.wheel(0, scrollable * 0.3);
    await expect.poll(() => shownProgress(page)).toBeGreaterThan(40);
    const pct = await shownProgress(page);
    expect(pct).toBeLessThan(60);
    const scrolledTo = await page.evaluate(() => scrollY);

    // Still on the article: no navigation, no pagehide, no visibilitychange.
    await page.waitForTimeout(THROTTLE_MS + 1000);
    await expect.poll(storedProgress, { timeout: 3000 }).toBeGreaterThan(0);
    expect(Math.abs((await storedProgress()) * 100 - pct)).toBeLessThanOrEqual(3);
    expect(errors).toEqual([]);

    // Kill the tab: a crash runs no unload or pagehide handler, so nothing is flushed on the way out.
    const cdp = await s.context.newCDPSession(page);
    const crashed = page.waitForEvent('crash', { timeout: 10_000 });
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    await page.close().catch(() => undefined);

    const again = await openReader();
    await expect.poll(() => again.evaluate(() => scrollY), { timeout: 10_000 }).toBeGreaterThan(scrolledTo * 0.9);
    expect(Math.abs((await shownProgress(again)) - pct)).toBeLessThanOrEqual(3);
    await again.close();
  });
});
