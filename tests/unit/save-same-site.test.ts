// @vitest-environment node
// Whose article a save may replace: a page that declares another site's canonical URL is stored under
// its own URL, and re-saving an article never moves its "original" link to another host.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { JSDOM } from 'jsdom';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import { findByUrl, getReadable, listArticles } from '../../lib/db/articles';
import { saveExtraction, type SaveDeps, type TabExtraction } from '../../lib/save/save-article';
import { analyzePage } from '../../lib/save/analyze-page';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';

const { window } = new JSDOM('<!doctype html><body></body>');

function page(url: string, title: string, canonicalUrl: string | null, image: string): TabExtraction {
  return {
    url,
    detection: { isArticle: true, wordCount: 300 } as TabExtraction['detection'],
    article: {
      title,
      byline: null,
      siteName: null,
      lang: 'en',
      publishedTime: null,
      excerpt: null,
      content: `<p>${title} body</p><img src="${image}" alt="">`,
      text: `${title} body`,
      canonicalUrl,
      images: [image],
      publisherTags: [],
    },
  };
}

let db: GistDB;
let deps: SaveDeps;
beforeEach(() => {
  db = openDb(`t-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  deps = {
    db,
    prepareHtml: async (html, base) => prepareStoredHtml(html, window as unknown as Window, base),
    fetchImage: async (src) => new Blob([src], { type: 'image/png' }),
    analyzePage: async (req) => analyzePage(req),
  };
});

async function stored(url: string) {
  const a = await findByUrl(db, url);
  const r = a && (await getReadable(db, a.id));
  return r && { title: r.article.title, originalUrl: r.article.originalUrl, html: r.content?.html, images: r.images.map((i) => i.src) };
}

describe("saving a page that claims another site's canonical", () => {
  for (const [evil, good] of [
    ['https://evil.substack.com/p/x', 'https://good.substack.com/p/y'],
    ['https://mallory.github.io/post', 'https://good.github.io/post'],
  ]) {
    it(`${new URL(evil).host} declaring ${good} leaves that article as it was`, async () => {
      await saveExtraction(page(good, 'Good', good, `${new URL(good).origin}/good.png`), undefined, deps);
      const before = await stored(good);
      expect(before).toMatchObject({ title: 'Good', originalUrl: good, images: [`${new URL(good).origin}/good.png`] });

      const r = await saveExtraction(page(evil, 'Evil', good, `${new URL(evil).origin}/evil.png`), undefined, deps);
      expect(r.created).toBe(true);
      expect(await stored(good)).toEqual(before);
      expect(await stored(evil)).toMatchObject({ title: 'Evil', originalUrl: evil });
      expect((await listArticles(db)).map((a) => a.url).sort()).toEqual([evil, good].sort());
    });
  }
});

describe('saving from another host of the same site', () => {
  it('a page on m. claiming the www. key updates the article; its original link keeps its first host', async () => {
    const first = 'https://www.example.co.uk/a?utm_source=rss';
    await saveExtraction(page(first, 'First', 'https://www.example.co.uk/a', 'https://www.example.co.uk/1.png'), undefined, deps);
    const r = await saveExtraction(
      page('https://m.example.co.uk/a', 'Second', 'https://www.example.co.uk/a', 'https://m.example.co.uk/2.png'),
      undefined,
      deps,
    );
    expect(r.created).toBe(false);
    expect(await stored('https://www.example.co.uk/a')).toMatchObject({
      title: 'Second',
      originalUrl: first,
      images: ['https://m.example.co.uk/2.png'],
    });
  });
});
