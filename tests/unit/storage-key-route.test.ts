// @vitest-environment node
// Chrome's service worker carries no Public Suffix List: the storage key comes back with the tags from
// the offscreen document (Firefox: the background page, in place). Through either route, for the
// preview, the save and the keyboard shortcut's save, the key is articleKey's answer as before.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { inPlaceWork } from '../../entrypoints/background/dom-in-place';
import type { DomWork } from '../../entrypoints/background/dom-work';
import { offscreenWork } from '../../entrypoints/background/dom-offscreen';
import { parseOffscreenRequest } from '../../entrypoints/offscreen/offscreen-protocol';
import { runOffscreen } from '../../entrypoints/offscreen/run';
import { findByUrl } from '../../lib/db/articles';
import { openDb } from '../../lib/db/schema';
import { createPreviewCache, extractionForSave, memoryArea } from '../../lib/save/preview-cache';
import { analyzeFor, buildPreview, saveExtraction, type TabExtraction } from '../../lib/save/save-article';
import { articleKey } from '../../lib/url/site';

const { window: win } = new JSDOM('<!doctype html><body></body>');

function page(url: string, canonicalUrl: string | null, pageId = 'load-1'): TabExtraction {
  return {
    url,
    pageId,
    detection: { isArticle: true, wordCount: 300, cjkChars: 0, score: 1 },
    article: {
      title: 'Bees and honey',
      byline: null,
      siteName: null,
      lang: 'en',
      publishedTime: null,
      excerpt: null,
      content: '<p>Bees make honey.</p>',
      text: 'Bees make honey. Honey bees keep hives.',
      canonicalUrl,
      images: [],
      publisherTags: ['Beekeeping'],
    },
  };
}

const CASES = [
  {
    name: 'same site (m. claiming www.)',
    url: 'https://m.example.co.uk/a?utm_source=rss',
    canonical: 'https://www.example.co.uk/a',
    key: 'https://www.example.co.uk/a',
  },
  {
    name: 'another site on a private suffix',
    url: 'https://mallory.github.io/post',
    canonical: 'https://good.github.io/post',
    key: 'https://mallory.github.io/post',
  },
  {
    name: 'a sibling on a platform missing from the list',
    url: 'https://evil.substack.com/p/x',
    canonical: 'https://good.substack.com/p/y',
    key: 'https://evil.substack.com/p/x',
  },
];

// Chrome: the offscreen document is "created" and each message crosses a JSON boundary to its handler.
beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('chrome', { offscreen: { createDocument: async () => undefined }, runtime: { getContexts: async () => [] } });
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async (msg: unknown) => {
    const req = parseOffscreenRequest(JSON.parse(JSON.stringify(msg)));
    if (!req) throw new Error('the offscreen document refused the message');
    return runOffscreen(req, win as unknown as Window);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const ROUTES: [string, DomWork][] = [
  ['offscreen document (Chrome)', offscreenWork],
  ['in place (Firefox)', inPlaceWork],
];

describe.each(ROUTES)('storage key through the %s', (_, work) => {
  it.each(CASES)('$name: the key is articleKey(url, canonical)', async ({ url, canonical, key }) => {
    const analysis = await analyzeFor(page(url, canonical), work.analyzePage);
    expect(analysis.key).toBe(articleKey(url, canonical));
    expect(analysis.key).toBe(key);
    expect(analysis.tags.shown.length).toBeGreaterThan(0); // the same call suggested the tags
  });

  it('a page without an article is keyed by its normalised URL, without asking', async () => {
    const send = vi.mocked(browser.runtime.sendMessage);
    const ex: TabExtraction = {
      url: 'https://Example.com/x/?utm_source=a#top',
      detection: { isArticle: false, wordCount: 3, cjkChars: 0, score: 0 },
      article: null,
    };
    expect((await analyzeFor(ex, work.analyzePage)).key).toBe(articleKey(ex.url, null));
    expect(send).not.toHaveBeenCalled();
  });

  it("preview, Save and the shortcut's Save store and find the article under that key", async () => {
    const db = openDb(`k-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const deps = {
      db,
      prepareHtml: async (html: string) => ({ html, images: [] }),
      analyzePage: work.analyzePage,
      fetchImage: async () => null,
    };
    const cache = createPreviewCache(memoryArea());
    const [same, cross] = CASES;

    // Popup: preview (tags + key in one call), then Save stores what the preview showed, under its key.
    const ex = page(same.url, same.canonical);
    const analysis = await analyzeFor(ex, work.analyzePage);
    expect((await buildPreview(ex, analysis, db)).saved).toBeNull();
    await cache.put(1, ex, analysis);
    const src = { cache, identify: async () => ({ url: same.url, pageId: 'load-1' }), extract: async () => ex };
    const kept = await extractionForSave(1, src);
    expect(kept.analysis?.key).toBe(same.key);
    await saveExtraction(kept.extraction, undefined, deps, kept.analysis);
    expect(await findByUrl(db, same.key)).toBeTruthy();
    // The next preview of the same article from the www. host finds it saved.
    const again = page('https://www.example.co.uk/a', same.canonical);
    expect((await buildPreview(again, await analyzeFor(again, work.analyzePage), db)).saved).not.toBeNull();

    // Keyboard shortcut without a preview: the save asks for tags and key itself.
    await saveExtraction(page(cross.url, cross.canonical), undefined, deps);
    expect(await findByUrl(db, cross.key)).toBeTruthy();
    expect(await findByUrl(db, 'https://good.github.io/post')).toBeUndefined();
  });
});
