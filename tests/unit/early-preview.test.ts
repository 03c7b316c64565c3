// @vitest-environment node
// The badge's time comes from the extraction the popup then shows: the background extracts an article
// tab ahead of the popup (active tabs at once, background tabs when first activated, only with host
// access) and keeps the result in the preview cache, where the popup and Save find it.
import { describe, expect, it, vi } from 'vitest';
import { createEarlyPreview, extractionCounts } from '../../lib/save/early-preview';
import { createPreviewCache, extractionForSave, MAX_PREVIEW_CHARS, memoryArea } from '../../lib/save/preview-cache';
import type { TabExtraction } from '../../lib/save/tab-extraction';

const URL_A = 'http://127.0.0.1:8080/story.html';

function extraction(text: string, opts: { isArticle?: boolean; article?: boolean; images?: number } = {}): TabExtraction {
  return {
    url: URL_A,
    pageId: 'load-1',
    detection: { isArticle: opts.isArticle ?? true, wordCount: 3, cjkChars: 0, score: 1 },
    article:
      opts.article === false
        ? null
        : {
            title: 'T',
            byline: null,
            siteName: null,
            lang: 'en',
            publishedTime: null,
            excerpt: null,
            content: `<p>${text}</p>`,
            text,
            canonicalUrl: null,
            images: Array.from({ length: opts.images ?? 0 }, (_, i) => `http://127.0.0.1:8080/${i}.png`),
            publisherTags: [],
          },
  };
}

function setup(o: { active?: boolean; allowed?: boolean; url?: string; ex?: TabExtraction; fail?: boolean } = {}) {
  const area = memoryArea();
  const cache = createPreviewCache(area);
  const tab = { active: o.active ?? true, url: o.url ?? URL_A };
  const extract = vi.fn(async () => {
    if (o.fail) throw new Error('Gist cannot read this page');
    return o.ex ?? extraction('one two three four five six seven', { images: 2 });
  });
  const early = createEarlyPreview({ cache, extract, tab: async () => tab, mayRun: async () => o.allowed ?? true, pending: area });
  return { early, cache, extract, tab };
}

describe('extractionCounts', () => {
  it('counts the extracted text and its images as the popup does, and nothing for a non-article', () => {
    expect(extractionCounts(extraction('one two three', { images: 1 }))).toEqual({ words: 3, cjkChars: 0, images: 1 });
    expect(extractionCounts(extraction('one two three', { isArticle: false }))).toBeNull();
    expect(extractionCounts(extraction('', { article: false }))).toBeNull();
  });
});

describe('early preview', () => {
  it('extracts the active article tab, returns its counts and keeps the extraction for the popup and Save', async () => {
    const { early, cache, extract } = setup();
    expect(await early.onArticle(7, URL_A)).toEqual({ words: 7, cjkChars: 0, images: 2 });
    expect(extract).toHaveBeenCalledTimes(1);
    const kept = await cache.get(7);
    expect(kept?.extraction.article?.text).toBe('one two three four five six seven');
    expect(kept?.analysis).toBeUndefined(); // tagging waits for the popup
    // The popup (and Save) then read it instead of extracting again.
    const identify = async () => ({ url: URL_A, pageId: 'load-1' });
    const fresh = vi.fn(async () => extraction('something else'));
    const got = await extractionForSave(7, { cache, identify, extract: fresh });
    expect(got.fromPreview).toBe(true);
    expect(fresh).not.toHaveBeenCalled();
  });

  it('does nothing without host access to the page (the badge keeps detection’s estimate)', async () => {
    const { early, cache, extract } = setup({ allowed: false });
    expect(await early.onArticle(7, URL_A)).toBeNull();
    expect(extract).not.toHaveBeenCalled();
    expect(await cache.get(7)).toBeNull();
  });

  it('leaves a background tab until it is activated, and then only if it still shows that page', async () => {
    const { early, extract, tab } = setup({ active: false });
    expect(await early.onArticle(7, URL_A)).toBeNull();
    expect(extract).not.toHaveBeenCalled();
    tab.active = true;
    expect(await early.onActivated(7)).toEqual({ words: 7, cjkChars: 0, images: 2 });
    expect(extract).toHaveBeenCalledTimes(1);
    expect(await early.onActivated(7)).toBeNull(); // once
    expect(extract).toHaveBeenCalledTimes(1);

    const other = setup({ active: false });
    await other.early.onArticle(8, URL_A);
    other.tab.url = 'http://127.0.0.1:8080/elsewhere.html';
    expect(await other.early.onActivated(8)).toBeNull();
    expect(other.extract).not.toHaveBeenCalled();
  });

  it('skips a tab that already moved on to another URL', async () => {
    const { early, extract } = setup({ url: 'http://127.0.0.1:8080/next.html' });
    expect(await early.onArticle(7, URL_A)).toBeNull();
    expect(extract).not.toHaveBeenCalled();
  });

  it('runs one extraction per tab at a time, which the popup waits for', async () => {
    const { early, extract } = setup();
    const [a, b] = await Promise.all([early.onArticle(7, URL_A), early.onArticle(7, URL_A), early.settled(7)]);
    expect(a).toEqual(b);
    expect(extract).toHaveBeenCalledTimes(1);
  });

  it('holds an extraction too large for the session cache in memory, for the popup of that same page load only', async () => {
    const big = extraction('word '.repeat(MAX_PREVIEW_CHARS / 4));
    const { early, cache } = setup({ ex: big });
    expect((await early.onArticle(7, URL_A))?.words).toBe(MAX_PREVIEW_CHARS / 4);
    expect(await cache.get(7)).toBeNull();
    const same = async () => ({ url: URL_A, pageId: 'load-1' });
    expect(await early.held(7, same)).toBe(big);
    expect(await early.held(7, same)).toBeNull(); // given once
    // A reload since (new page id): not that page any more.
    const again = setup({ ex: big });
    await again.early.onArticle(7, URL_A);
    expect(await again.early.held(7, async () => ({ url: URL_A, pageId: 'load-2' }))).toBeNull();
  });

  it('gives null and keeps nothing when the page cannot be read or has no article', async () => {
    const failed = setup({ fail: true });
    expect(await failed.early.onArticle(7, URL_A)).toBeNull();
    expect(await failed.cache.get(7)).toBeNull();
    const empty = setup({ ex: extraction('', { article: false }) });
    expect(await empty.early.onArticle(7, URL_A)).toBeNull();
    expect(await empty.cache.get(7)).toBeNull();
  });
});
