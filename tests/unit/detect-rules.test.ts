// Article detection on small hand-written pages: each signal pushes the right way, listings are not
// articles, the word count follows the main text.
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { detectArticle, detectFeatures } from '../../lib/detect/index';
import { countWordsAndCjk } from '../../lib/detect/features';

const countWords = (t: string) => countWordsAndCjk(t).reduce((a, b) => a + b, 0);

const prose = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1} of the report: the council met on Tuesday and agreed, after a long debate about costs and timing, to rebuild the bridge over the river before winter comes.</p>`,
  ).join('');
const doc = (html: string, url: string) => new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;

const ARTICLE = `<html><head><meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-01">
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Bridge"}</script></head>
  <body><nav><a href="/">Home</a><a href="/news">News</a></nav><article><h1>Council agrees to rebuild the bridge</h1><div class="body">${prose(10)}</div></article></body></html>`;
const LISTING = `<html><head><meta property="og:type" content="website">
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"CollectionPage"}</script></head><body><main>
  ${Array.from({ length: 20 }, (_, i) => `<article><h2><a href="/2024/05/01/story-${i}-about-the-town">Story ${i} about the town and its new bridge plans</a></h2><p>A short teaser for story ${i}, with some words.</p></article>`).join('')}
  </main></body></html>`;

describe('detectArticle', () => {
  it('calls a news story an article and counts its main-text words', () => {
    const d = detectArticle(doc(ARTICLE, 'https://news.example.com/2024/05/01/council-agrees-to-rebuild-the-bridge'));
    expect(d.isArticle).toBe(true);
    // 10 paragraphs of 30 words each
    expect(d.wordCount).toBe(300);
  });

  it('calls a listing front page a non-article', () => {
    expect(detectArticle(doc(LISTING, 'https://news.example.com/')).isArticle).toBe(false);
    expect(detectArticle(doc(LISTING, 'https://news.example.com/category/town/')).isArticle).toBe(false);
  });

  it('calls a login page a non-article', () => {
    const html = `<html><body><h1>Sign in</h1><form><input name="u"><input type="password" name="p"><button>Log in</button></form><p>Forgot your password? Contact support.</p></body></html>`;
    expect(detectArticle(doc(html, 'https://example.com/login')).isArticle).toBe(false);
  });

  it('reads the signals: JSON-LD, og:type, URL shape, teaser headlines', () => {
    const a = detectFeatures(doc(ARTICLE, 'https://news.example.com/2024/05/01/council-agrees-to-rebuild-the-bridge'));
    expect(a).toMatchObject({
      schemaArticle: 1,
      schemaOther: 0,
      ogType: 1,
      published: 1,
      urlDate: 1,
      urlSlug: 1,
      urlShallow: 0,
      urlListing: 0,
    });
    const l = detectFeatures(doc(LISTING, 'https://news.example.com/tag/bridge'));
    expect(l).toMatchObject({ schemaArticle: 0, schemaOther: 1, ogType: -1, published: 0, urlListing: 1 });
    expect(l.headlineLinks).toBeCloseTo(Math.log1p(20));
    expect(detectFeatures(doc(LISTING, 'https://shop.example.com/products/blue-kettle')).urlProduct).toBe(1);
    expect(detectFeatures(doc(LISTING, 'https://news.example.com/')).urlShallow).toBe(1);
  });

  it('without metadata, text layout still separates a long single-block story from a teaser grid', () => {
    const story = `<html><body><div id="main">${prose(12)}</div><div class="links"><a href="/a">A</a></div></body></html>`;
    const grid = `<html><body>${Array.from({ length: 15 }, (_, i) => `<div class="card"><h3><a href="/s${i}">Teaser ${i}</a></h3><p>One line of teaser text number ${i} here.</p></div>`).join('')}</body></html>`;
    expect(detectArticle(doc(story, 'https://blog.example.org/posts/why-we-rebuilt-the-old-bridge')).isArticle).toBe(true);
    expect(detectArticle(doc(grid, 'https://blog.example.org/')).isArticle).toBe(false);
  });

  it('countWords counts words and CJK characters', () => {
    expect(countWords('one two  three\nfour')).toBe(4);
    expect(countWords('日本語のテキスト')).toBe(8);
    expect(countWords('')).toBe(0);
    expect(countWordsAndCjk('東京は晴れ。Tokyo is sunny 한국어 단어')).toEqual([5, 5]);
  });

  it('reports Chinese/Japanese characters apart from words, so the badge reads them at characters per minute', () => {
    const ja = `<html><head><meta property="og:type" content="article"></head><body><article>${'<p>東京都は二十日、新しい橋の建設計画を発表した。工事は来年の春に始まり、三年後の完成を目指す。</p>'.repeat(12)}</article></body></html>`;
    const d = detectArticle(doc(ja, 'https://news.example.jp/2024/05/01/bridge-plan-announced'));
    expect(d.cjkChars).toBeGreaterThan(400);
    expect(d.wordCount).toBe(0);
  });
});
