// The Storage panel in Chromium (issue 20): space per part next to the browser's total, and dropping
// the images of archived articles unchanged for N months after a preview and a confirmation; the
// reader then shows a placeholder with the alt text and a link to the original, favorites and unread
// articles keep their images. Screenshots under test-results/screenshots/ (storage-*.png) for review.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, ROOT, seedArticles, type ExtensionSession, type SeedArticle } from './harness';
import { makePng } from '../../scripts/lib/image-pool';
import { prng } from '../../scripts/lib/library-generator';

const SHOTS = join(ROOT, 'test-results/screenshots');
const DAY = 86_400_000;
const PNG = makePng(320, 200, 24, prng(3));

function article(i: number, title: string, over: Partial<SeedArticle['record']>, images: number): SeedArticle {
  const url = `https://photos.example/p/${i}`;
  const srcs = Array.from({ length: images }, (_, k) => `https://cdn.photos.example/${i}-${k}.png`);
  const text = `${title}. The harbour at dawn, before the boats go out.\n\nThe market opens at six.`;
  return {
    record: {
      url,
      originalUrl: url,
      title,
      byline: null,
      siteName: 'photos.example',
      lang: 'en',
      publishedTime: null,
      excerpt: 'The harbour at dawn',
      savedAt: Date.now() - 400 * DAY,
      updatedAt: Date.now() - 400 * DAY,
      status: 'archived',
      favorite: 0,
      tags: [],
      tagCandidates: [],
      tagsEdited: false,
      wordCount: 20,
      cjkChars: 0,
      imageCount: images,
      readingMinutes: 1,
      progress: 0,
      contentState: 'full',
      ...over,
    },
    html: `<p>${title}. The harbour at dawn, before the boats go out.</p>${srcs.map((s, k) => `<p><img src="${s}" alt="Boats ${k + 1} at the pier"></p>`).join('')}<p>The market opens at six.</p>`,
    text,
    images: srcs.map((src) => ({ src, type: 'image/png', pooled: 0 })),
  };
}

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

describe('storage panel in Chromium', () => {
  let s: ExtensionSession;
  let page: Page;
  let ids: number[];

  beforeAll(async () => {
    s = await launchWithExtension();
    page = await s.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(s.extUrl('library.html'));
    ids = await seedArticles(
      page,
      [
        article(0, 'Old archived harbour photos', {}, 2),
        article(1, 'Old archived favourite', { favorite: 1 }, 1),
        article(2, 'Unread harbour photos', { status: 'unread' }, 1),
        article(3, 'Archived last month', { savedAt: Date.now() - 400 * DAY, updatedAt: Date.now() - 30 * DAY }, 1),
      ],
      [PNG],
    );
    await page.reload();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the space per part in real units next to the browser total', async () => {
    await page.getByTestId('storage-details').click();
    const panel = page.getByTestId('storage-panel');
    await panel.getByTestId('storage-parts').waitFor();
    expect(await panel.getByTestId('storage-total').textContent()).toMatch(/^\d+(\.\d)? (B|KB|MB|GB) used in all/);
    const images = (await panel.getByTestId('storage-part-images').textContent()) ?? '';
    // 5 copies of one PNG, each its own stored Blob.
    const kb = (PNG.length * 5) / 1024;
    expect(images).toContain('5 images');
    expect(images).toContain(`${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`);
    expect(await panel.getByTestId('storage-part-text').textContent()).toMatch(/Text\d+(\.\d)? (B|KB).*bodies of 4 articles/);
    expect(await panel.getByTestId('storage-part-index').textContent()).toMatch(/Search index/);
    expect(await panel.getByTestId('storage-part-metadata').textContent()).toMatch(/\d+(\.\d)? (B|KB)/);
    await shot(page, 'storage-panel');
  });

  it('previews, asks, then drops only the images of old archived non-favorite articles', async () => {
    const panel = page.getByTestId('storage-panel');
    await panel.getByTestId('drop-months').selectOption('12');
    const kb = (PNG.length * 2) / 1024;
    await expect
      .poll(() => panel.getByTestId('drop-preview').textContent())
      .toBe(
        `Will free about ${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB from 1 article (2 images). 1 favorite that old keeps its images.`,
      );
    await panel.getByTestId('drop-images').click();
    const confirm = panel.getByTestId('drop-confirm');
    expect(await confirm.textContent()).toContain('Drop 2 images from 1 archived article?');
    await shot(page, 'storage-confirm');
    await confirm.getByTestId('drop-confirm-yes').click();
    await expect.poll(() => panel.getByTestId('drop-result').textContent()).toMatch(/^Dropped 2 images from 1 article: about .* freed/);
    await expect.poll(() => panel.getByTestId('storage-part-images').textContent()).toContain('3 images');
    await expect.poll(() => panel.getByTestId('drop-preview').textContent()).toContain('No archived article that old has images left.');
    await shot(page, 'storage-after-drop');
    await panel.getByTestId('storage-close').click();
  });

  it('the reader shows placeholders with the alt text and a link to the original; other articles keep their images', async () => {
    await page.goto(s.extUrl(`library.html#article/${ids[0]}`));
    const body = page.getByTestId('reader-body');
    await body.locator('[data-testid="img-dropped"]').first().waitFor();
    expect(await body.locator('img').count()).toBe(0);
    const holders = body.locator('[data-testid="img-dropped"]');
    expect(await holders.count()).toBe(2);
    expect(await holders.first().getAttribute('data-label')).toBe('Image: Boats 1 at the pier (removed to save space)');
    expect(await holders.first().locator('a').getAttribute('href')).toBe('https://cdn.photos.example/0-0.png');
    // The text stays, and the placeholder's words are not part of it (highlights anchor in the same text).
    expect(await body.textContent()).toContain('The market opens at six.');
    expect(await body.textContent()).not.toContain('removed to save space');
    const box = await holders.first().boundingBox();
    expect(box && box.width > 100 && box.height > 10 && box.height < 60).toBe(true);
    await shot(page, 'storage-reader-placeholder');

    for (const id of [ids[1], ids[2], ids[3]]) {
      await page.goto(s.extUrl(`library.html#article/${id}`));
      const img = page.getByTestId('reader-body').locator('img[data-stored="1"]');
      await img.first().waitFor();
      expect(await page.getByTestId('reader-body').locator('[data-testid="img-dropped"]').count()).toBe(0);
    }
  });
});
