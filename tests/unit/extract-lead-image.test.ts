// The lead image rule of lib/extract (lead-image.ts): the page's declared picture, shown by the headline
// but outside Readability's content, is put first with its caption; never twice, never a logo.
import { describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../lib/extract/index';
import { imageKey } from '../../lib/extract/image-key';
import { para } from './extract-test-pages';

const URL_ = 'https://news.example.com/2024/05/01/river-rises-again';

function page(head: string, beforeTitle: string, body = para(6)) {
  return `<!doctype html><html><head><title>River rises again</title>${head}</head><body>
    <header class="site-header"><a href="/"><img src="/static/site-logo.png" alt="News" width="180" height="40"></a>
      <nav><a href="/world">World</a> <a href="/local">Local</a></nav></header>
    <main><div class="hero">${beforeTitle}</div>
      <h1>River rises again</h1><p class="byline">By Ann Lee</p>
      <div class="entry-content">${body}</div></main>
    <aside class="sidebar"><h3>Most read</h3><a href="/other"><img src="/img/other.jpg" width="600" height="400"></a></aside>
  </body></html>`;
}
function extract(html: string) {
  const d = new JSDOM(html, { url: URL_, virtualConsole: new VirtualConsole() });
  const a = extractArticle(d.window.document, { window: d.window as unknown as Window });
  if (!a) throw new Error('no article');
  const box = d.window.document.createElement('div');
  box.innerHTML = a.content;
  return { a, box };
}
const og = (u: string) => `<meta property="og:image" content="${u}">`;

describe('lead image', () => {
  it('puts a featured image that Readability left out first in the content, with its caption', () => {
    const { a, box } = extract(
      page(
        og('https://news.example.com/wp-content/uploads/2024/05/river.jpg'),
        `<figure><img src="/wp-content/uploads/2024/05/river-1024x576.jpg" width="1024" height="576" alt="The river">
         <figcaption>The river at dawn. <span class="credit">Photo: J. Doe</span></figcaption></figure>`,
      ),
    );
    const first = box.querySelector('figure');
    expect(first?.querySelector('img')?.getAttribute('src')).toBe('https://news.example.com/wp-content/uploads/2024/05/river-1024x576.jpg');
    expect(first?.querySelector('img')?.getAttribute('alt')).toBe('The river');
    expect(first?.querySelector('figcaption')?.textContent).toBe('The river at dawn. Photo: J. Doe');
    // First: before every paragraph of the body.
    expect(first!.compareDocumentPosition(box.querySelector('p')!) & 4).toBeTruthy();
    expect(a.images[0]).toBe('https://news.example.com/wp-content/uploads/2024/05/river-1024x576.jpg');
    // The caption describes the picture: it is not body text.
    expect(a.text).not.toContain('river at dawn');
  });

  it('takes a caption/credit element next to an image outside any figure', () => {
    const { box } = extract(
      page(
        `<meta name="twitter:image" content="https://news.example.com/img/river.jpg">`,
        `<div class="media"><img src="/img/river.jpg" alt=""><div class="image-caption">Flooded fields, Tuesday.</div></div>`,
      ),
    );
    expect(box.querySelector('figure figcaption')?.textContent).toBe('Flooded fields, Tuesday.');
  });

  it('does not add the image again when the content has it under another size variant', () => {
    const { box } = extract(
      page(
        og('https://news.example.com/wp-content/uploads/2024/05/river.jpg?w=1200&quality=80'),
        '',
        `${para(2)}<figure><img src="/wp-content/uploads/2024/05/river-768x432.jpg" width="768" height="432"></figure>${para(4)}`,
      ),
    );
    expect(box.querySelectorAll('img')).toHaveLength(1);
    expect(box.querySelector('img')?.getAttribute('src')).toContain('river-768x432.jpg');
  });

  it('does not add a site logo declared as the page image', () => {
    // Shown in the site header...
    const inHeader = extract(page(og('https://news.example.com/static/site-logo.png'), ''));
    expect(inHeader.box.querySelectorAll('img')).toHaveLength(0);
    // ...or by the headline, but declared as the publisher's logo in JSON-LD.
    const ld = `<script type="application/ld+json">${JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'River rises again',
      publisher: {
        '@type': 'Organization',
        name: 'News',
        logo: { '@type': 'ImageObject', url: 'https://news.example.com/brand/mark.png' },
      },
    })}</script>`;
    const byHeadline = extract(
      page(og('https://news.example.com/brand/mark.png') + ld, '<img src="/brand/mark.png" width="600" height="300">'),
    );
    expect(byHeadline.box.querySelectorAll('img')).toHaveLength(0);
  });

  it('finds a lazy-loaded image by its data-src and stores the real URL, not the placeholder', () => {
    const { a, box } = extract(
      page(
        og('https://cdn.example.net/photos/river.jpg?w=1200'),
        `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://cdn.example.net/photos/river.jpg?w=1600&amp;q=80" alt="River">`,
      ),
    );
    expect(box.querySelector('figure img')?.getAttribute('src')).toBe('https://cdn.example.net/photos/river.jpg?w=1600&q=80');
    expect(a.images).toEqual(['https://cdn.example.net/photos/river.jpg?w=1600&q=80']);
  });

  it('leaves out a declared image shown in page chrome by the headline: a sidebar, a link to another story', () => {
    const big = (src: string) => `<img src="${src}" width="800" height="450">`;
    const sidebar = extract(page(og('https://news.example.com/img/promo.jpg'), `<aside class="rail">${big('/img/promo.jpg')}</aside>`));
    expect(sidebar.box.querySelectorAll('img')).toHaveLength(0);
    const teaser = extract(
      page(og('https://news.example.com/img/promo.jpg'), `<a href="/2024/05/02/other-story">${big('/img/promo.jpg')}</a>`),
    );
    expect(teaser.box.querySelectorAll('img')).toHaveLength(0);
    // The same picture linked to its full-size file is the article's own.
    const own = extract(page(og('https://news.example.com/img/promo.jpg'), `<a href="/img/promo-full.jpg">${big('/img/promo.jpg')}</a>`));
    expect(own.box.querySelectorAll('img')).toHaveLength(1);
  });
});

describe('imageKey', () => {
  it('folds size variants of one picture and keeps different pictures apart', () => {
    const b = 'https://a.example/';
    expect(imageKey('https://www.a.example/up/x-1024x576.jpg', b)).toBe(imageKey('/up/x.jpg?resize=300,200', b));
    expect(imageKey('/up/x-scaled.jpg', b)).toBe(imageKey('/up/x@2x.jpg', b));
    expect(imageKey('/img?id=5&w=300', b)).toBe(imageKey('/img?w=1200&id=5', b));
    expect(imageKey('/img?id=5', b)).not.toBe(imageKey('/img?id=6', b));
    expect(imageKey('data:image/png;base64,AAAA', b)).toBeNull();
  });
});
