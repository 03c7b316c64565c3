// @vitest-environment node
// One extraction per save: Save stores what the preview extracted while the tab shows the same page
// load, and extracts again after a reload, a navigation or an SPA route change.
import { describe, expect, it, vi } from 'vitest';
import {
  createPreviewCache,
  extractionForSave,
  MAX_PREVIEW_CHARS,
  MAX_PREVIEWS,
  memoryArea,
  type SessionArea,
} from '../../lib/save/preview-cache';
import type { PageIdentity, TabExtraction } from '../../lib/save/tab-extraction';

const analysis = { key: 'https://news.example/a', tags: { shown: ['bees'], candidates: ['bees', 'honey'] } };

function extraction(url: string, pageId: string | undefined, text: string): TabExtraction {
  return {
    url,
    ...(pageId ? { pageId } : {}),
    detection: { isArticle: true, wordCount: 3, cjkChars: 0, score: 1 },
    article: {
      title: 'T',
      byline: null,
      siteName: null,
      lang: 'en',
      publishedTime: null,
      excerpt: null,
      content: `<p>${text}</p>`,
      text,
      canonicalUrl: null,
      images: [],
      publisherTags: [],
    },
  };
}

function source(area: SessionArea, now: PageIdentity | null, fresh: TabExtraction) {
  const cache = createPreviewCache(area);
  return {
    cache,
    identify: vi.fn(async () => now),
    extract: vi.fn(async () => fresh),
  };
}

const A = 'https://news.example/a';

describe('extractionForSave', () => {
  it('saves what the preview extracted while the tab shows the same page load (no second extraction)', async () => {
    const area = memoryArea();
    const src = source(area, { url: A, pageId: 'load-1' }, extraction(A, 'load-1', 'text changed after the preview'));
    expect(await src.cache.put(7, extraction(A, 'load-1', 'text the preview showed'), analysis)).toBe(true);
    const r = await extractionForSave(7, src);
    expect(r.fromPreview).toBe(true);
    expect(r.extraction.article?.text).toBe('text the preview showed');
    expect(r.analysis).toEqual(analysis);
    expect(src.extract).not.toHaveBeenCalled();
  });

  it('extracts again after a reload or navigation (new page id), once, and forgets the old preview', async () => {
    const area = memoryArea();
    const src = source(area, { url: A, pageId: 'load-2' }, extraction(A, 'load-2', 'after reload'));
    await src.cache.put(7, extraction(A, 'load-1', 'before reload'), analysis);
    const r = await extractionForSave(7, src);
    expect(r.fromPreview).toBe(false);
    expect(r.extraction.article?.text).toBe('after reload');
    expect(r.analysis).toBeUndefined(); // tags and key asked again by the save, for the new text
    expect(src.extract).toHaveBeenCalledTimes(1);
    expect(await src.cache.get(7)).toBeNull();
  });

  it('extracts again when the URL changed in the same document (SPA route)', async () => {
    const src = source(memoryArea(), { url: `${A}/next`, pageId: 'load-1' }, extraction(`${A}/next`, 'load-1', 'next story'));
    await src.cache.put(7, extraction(A, 'load-1', 'first story'), analysis);
    expect((await extractionForSave(7, src)).extraction.article?.text).toBe('next story');
  });

  it('extracts again when the tab cannot say which page it shows', async () => {
    const src = source(memoryArea(), null, extraction(A, 'load-1', 'fresh'));
    await src.cache.put(7, extraction(A, 'load-1', 'kept'), analysis);
    src.identify.mockRejectedValueOnce(new Error('Cannot access contents of the page'));
    expect((await extractionForSave(7, src)).extraction.article?.text).toBe('fresh');
  });

  it('without a preview (keyboard shortcut) extracts once and does not probe the tab', async () => {
    const src = source(memoryArea(), { url: A, pageId: 'load-1' }, extraction(A, 'load-1', 'only extraction'));
    const r = await extractionForSave(3, src);
    expect(r.extraction.article?.text).toBe('only extraction');
    expect(src.extract).toHaveBeenCalledTimes(1);
    expect(src.identify).not.toHaveBeenCalled();
  });

  it('keeps previews per tab', async () => {
    const area = memoryArea();
    const cache = createPreviewCache(area);
    await cache.put(1, extraction(A, 'p1', 'tab one'), analysis);
    await cache.put(2, extraction(A, 'p2', 'tab two'), analysis);
    expect((await cache.get(1))?.extraction.article?.text).toBe('tab one');
    expect((await cache.get(2))?.extraction.article?.text).toBe('tab two');
  });
});

describe('preview cache storage', () => {
  it('does not keep an extraction without a page id (it could never be matched safely)', async () => {
    const cache = createPreviewCache(memoryArea());
    expect(await cache.put(1, extraction(A, undefined, 'x'), analysis)).toBe(false);
    expect(await cache.get(1)).toBeNull();
  });

  it('does not keep a preview too large for session storage, and drops the older one of that tab', async () => {
    const cache = createPreviewCache(memoryArea());
    await cache.put(1, extraction(A, 'p1', 'small'), analysis);
    expect(await cache.put(1, extraction(A, 'p1', 'x'.repeat(MAX_PREVIEW_CHARS)), analysis)).toBe(false);
    expect(await cache.get(1)).toBeNull();
  });

  it(`keeps the ${MAX_PREVIEWS} most recent tabs`, async () => {
    const area = memoryArea();
    const cache = createPreviewCache(area);
    for (let t = 1; t <= MAX_PREVIEWS + 2; t++) await cache.put(t, extraction(A, `p${t}`, `tab ${t}`), analysis);
    expect(await cache.get(1)).toBeNull();
    expect(await cache.get(2)).toBeNull();
    expect(await cache.get(3)).not.toBeNull();
    expect(await cache.get(MAX_PREVIEWS + 2)).not.toBeNull();
    const keys = Object.keys(await area.get(null)).filter((k) => /^gist:preview:\d+$/.test(k));
    expect(keys).toHaveLength(MAX_PREVIEWS);
  });

  it("over quota: clears the other tabs' previews and keeps this one", async () => {
    const inner = memoryArea();
    let fail = 0;
    const area: SessionArea = {
      ...inner,
      set: async (items) => {
        if (fail-- > 0) throw new Error('QUOTA_BYTES quota exceeded');
        return inner.set(items);
      },
    };
    const cache = createPreviewCache(area);
    await cache.put(1, extraction(A, 'p1', 'one'), analysis);
    fail = 1;
    expect(await cache.put(2, extraction(A, 'p2', 'two'), analysis)).toBe(true);
    expect(await cache.get(1)).toBeNull();
    expect((await cache.get(2))?.extraction.article?.text).toBe('two');
  });

  it('ignores what it did not write (damaged or foreign values)', async () => {
    const area = memoryArea();
    await area.set({ 'gist:preview:5': { url: A, pageId: 'p', at: 1, extraction: 'nope', analysis } });
    expect(await createPreviewCache(area).get(5)).toBeNull();
    // A damaged analysis is not trusted; a missing one (kept before storage keys came with the preview,
    // or an extraction made ahead of the popup) is asked again by the popup or Save.
    await area.set({ 'gist:preview:6': { url: A, pageId: 'p', at: 1, extraction: extraction(A, 'p', 'old'), analysis: { key: 3 } } });
    expect(await createPreviewCache(area).get(6)).toBeNull();
    await area.set({ 'gist:preview:7': { url: A, pageId: 'p', at: 1, extraction: extraction(A, 'p', 'old'), tags: analysis.tags } });
    expect((await createPreviewCache(area).get(7))?.analysis).toBeUndefined();
  });

  it('drop forgets the tab (closed tabs)', async () => {
    const cache = createPreviewCache(memoryArea());
    await cache.put(4, extraction(A, 'p4', 'x'), analysis);
    await cache.drop(4);
    expect(await cache.get(4)).toBeNull();
  });
});
