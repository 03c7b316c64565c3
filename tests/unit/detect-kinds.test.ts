// Kinds of article the detector missed on pages it was never tuned on (issue #15), as small general
// pages: a story typed only in microdata, a plain-text <pre> document, a fan-fiction chapter, a story
// isProbablyReaderable accepts with its text in <div>s of one <article>. And the
// other side: listings (microdata-typed teasers too) and product pages stay non-articles. None of these
// pages has JSON-LD or Open Graph unless the test says so.
import { isProbablyReaderable } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { detectArticle, detectFeatures } from '../../lib/detect/index';
import { cjkFactor } from '../../lib/detect/text-blocks';

const doc = (html: string, url: string) => new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;
const SENTENCES = [
  'The committee published its findings on Thursday after a review that lasted most of the year.',
  'Residents had asked for the study when the old pumping station began to fail during the spring floods.',
  'Engineers found that two of the four pumps could not run at full speed for more than an hour.',
  'The report recommends replacing them before next winter and moving the control room above the flood line.',
  'A spokesperson for the water board said the work would be paid for from the existing maintenance budget.',
  'Several councillors questioned whether the timetable was realistic given the shortage of contractors.',
];
/** n paragraphs of plain prose, each two sentences. */
const paras = (n: number, link = '') =>
  Array.from({ length: n }, (_, i) => `<p>${SENTENCES[i % 6]} ${link}${SENTENCES[(i + 3) % 6]}</p>`).join('\n');
/** A site header and footer with the usual navigation, a search box and a sign-in form. */
const NAV = `<header><a href="/">Home</a><nav>${['News', 'Sport', 'Business', 'Culture', 'Travel', 'Science', 'Health', 'Opinion', 'Video', 'Weather', 'Local', 'World'].map((s) => `<a href="/${s.toLowerCase()}/">${s}</a>`).join('')}</nav>
  <form action="/search"><input name="q" placeholder="Search"><button>Go</button></form></header>`;
const FOOTER = `<footer>${['About us', 'Contact', 'Careers', 'Advertise', 'Privacy', 'Terms', 'Cookies', 'Help'].map((s) => `<a href="/${s.replace(/\s/g, '-')}">${s}</a>`).join(' | ')}<p>© 2024 Example Media Group</p></footer>`;
const page = (head: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example</title>${head}</head><body>${NAV}${body}${FOOTER}</body></html>`;

describe('detectArticle: kinds of article missed before', () => {
  it('a story whose only type declaration is microdata (itemtype schema.org/NewsArticle)', () => {
    const html = page(
      '',
      `<main><div itemscope itemtype="http://schema.org/NewsArticle">
      <h1 itemprop="headline">Water board to replace failing flood pumps</h1>
      <span itemprop="author">By Jane Doe</span> <time itemprop="datePublished" datetime="2024-03-07">7 March 2024</time>
      <div itemprop="articleBody">${paras(4)}</div></div>
      <aside><h3>Most read</h3><ul>${Array.from({ length: 6 }, (_, i) => `<li><a href="/news/view.php?id=${9000 + i}">Other story ${i}</a></li>`).join('')}</ul></aside></main>`,
    );
    expect(detectArticle(doc(html, 'https://www.example-news.com/news/view.php?id=12345')).isArticle).toBe(true);
  });

  it('a plain-text document in <pre> (an RFC, a text file rendered as HTML)', () => {
    const section = (n: number) =>
      `${n}.  Section ${n}\n\n${Array.from({ length: 6 }, (_, i) => `   ${SENTENCES[(n + i) % 6]}`).join('\n')}\n\n`;
    const html = `<!doctype html><html><head><title>RFC 9999 - The Example Protocol</title><meta name="DC.Date.Issued" content="2024-03"></head><body>
      <div class="nav">${Array.from({ length: 12 }, (_, i) => `<a href="/doc/html/rfc${9990 + i}">RFC ${9990 + i}</a>`).join(' ')}</div>
      ${Array.from({ length: 6 }, (_, k) => `<pre>${Array.from({ length: 5 }, (_, i) => section(k * 5 + i + 1)).join('')}</pre>`).join('\n')}</body></html>`;
    expect(detectArticle(doc(html, 'https://www.example.org/doc/html/rfc9999')).isArticle).toBe(true);
  });

  it('a fan-fiction chapter: a long story behind a sign-in form, a chapter picker and many links', () => {
    const story = Array.from(
      { length: 40 },
      (_, i) => `<p>"${SENTENCES[i % 6]}" she said. ${SENTENCES[(i + 1) % 6]} ${SENTENCES[(i + 4) % 6]}</p>`,
    ).join('');
    const html = `<!doctype html><html><head><title>Chapter 3 - The Long Flood - Example Archive</title></head><body>
      <header><form action="/login"><input name="user"><input type="password" name="pass"><input type="checkbox" name="remember"><button>Log in</button></form>
      <nav>${Array.from({ length: 400 }, (_, i) => `<a href="/tags/tag-${i}/works">Tag ${i}</a>`).join('')}</nav></header>
      <div id="workskin"><h2>The Long Flood</h2><select name="chapter">${Array.from({ length: 12 }, (_, i) => `<option value="${i}">Chapter ${i + 1}</option>`).join('')}</select>
      <div class="chapter"><h3>Chapter 3</h3><div class="userstuff">${story}</div></div>
      <ul class="actions"><li><a href="/works/123/chapters/2">Previous</a></li><li><a href="/works/123/chapters/4">Next</a></li><li><button>Kudos</button></li></ul></div>
      <div id="comments"><form><textarea name="c"></textarea><button>Comment</button></form></div></body></html>`;
    expect(detectArticle(doc(html, 'https://archive.example.org/works/123/chapters/3')).isArticle).toBe(true);
  });
  it("a story isProbablyReaderable accepts whose text sits in <div>s of the page's only <article>, not in <p>s", () => {
    const blocks = Array.from({ length: 12 }, (_, i) => `<div class="para">${SENTENCES[i % 6]} ${SENTENCES[(i + 2) % 6]}</div>`).join('');
    const html = page('', `<main><article><h1>Water board to replace failing flood pumps</h1>${blocks}</article></main>`);
    const d = doc(html, 'https://www.example-news.com/local/water-board-to-replace-failing-flood-pumps');
    expect(isProbablyReaderable(d)).toBe(true);
    expect(detectArticle(d).isArticle).toBe(true);
  });
});

describe('detectArticle: listings and products stay non-articles', () => {
  it('a section front of teasers, each typed as a microdata article: read as a listing, not an article', () => {
    const teasers = Array.from(
      { length: 12 },
      (
        _,
        i,
      ) => `<div itemscope itemtype="http://schema.org/NewsArticle"><h3><a itemprop="url" href="/news/view.php?id=${9000 + i}"><span itemprop="headline">Story ${i} about the flood pumps</span></a></h3>
      <p itemprop="description">${SENTENCES[i % 6]}</p><time itemprop="datePublished" datetime="2024-03-0${(i % 9) + 1}">March ${(i % 9) + 1}</time></div>`,
    ).join('');
    const html = page('', `<main><h1>Local news</h1>${teasers}<a href="/local/?page=2">More</a></main>`);
    expect(detectFeatures(doc(html, 'https://www.example-news.com/local/'))).toMatchObject({ schemaArticle: 0, schemaOther: 1 });
    expect(detectArticle(doc(html, 'https://www.example-news.com/local/')).isArticle).toBe(false);
  });

  it('a product page with a description, a size picker and reviews', () => {
    const html = page(
      '<meta property="og:type" content="product">',
      `<main><div itemscope itemtype="http://schema.org/Product"><h1 itemprop="name">Blue enamel kettle</h1>
      <span itemprop="price">29.00</span><select name="size"><option>1 l</option><option>1.7 l</option></select><select name="qty"><option>1</option><option>2</option></select>
      <button>Add to basket</button><div itemprop="description">${paras(2)}</div>
      <h2>Reviews</h2>${Array.from({ length: 3 }, (_, i) => `<div itemprop="review" itemscope itemtype="http://schema.org/Review"><p>${SENTENCES[i]}</p></div>`).join('')}</div></main>`,
    );
    expect(detectArticle(doc(html, 'https://shop.example.com/products/blue-enamel-kettle')).isArticle).toBe(false);
  });

  it('an archive of story summaries: long excerpts, each in its own box', () => {
    const items = Array.from(
      { length: 15 },
      (_, i) =>
        `<li class="work"><h4><a href="/works/${100 + i}">Work ${i}</a> by <a href="/users/u${i}">u${i}</a></h4><p class="summary">${SENTENCES[i % 6]} ${SENTENCES[(i + 1) % 6]}</p></li>`,
    ).join('');
    const html = page(
      '',
      `<main><h2>Works in Floods</h2><ol class="index">${items}</ol><a href="/tags/floods/works?page=2">Next</a></main>`,
    );
    expect(detectArticle(doc(html, 'https://archive.example.org/tags/floods/works')).isArticle).toBe(false);
  });

  it('a stub with every article signal but two short sentences of text (a video page, a removed story)', () => {
    const html = page(
      `<meta property="og:type" content="article"><meta property="article:published_time" content="2024-03-07">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Flood pumps"}</script>`,
      `<main><article><h1>Flood pumps: watch the vote</h1><p>${SENTENCES[0]}</p><p>Video, 2 minutes.</p></article></main>`,
    );
    expect(detectArticle(doc(html, 'https://www.example-news.com/news/2024/03/07/flood-pumps-watch-the-vote')).isArticle).toBe(false);
  });
});

describe('detectArticle: stories written in Chinese, Japanese or Korean', () => {
  // Four sentences of Chinese news prose, ~50 characters each (what ~150 Latin ones say).
  const ZH = [
    '市政府周四公布了防洪泵站的调查报告，这项调查持续了将近一年，起因是春季洪水期间旧泵站多次出现故障。',
    '工程师发现，四台水泵中有两台无法以全速运转超过一个小时，报告建议在明年冬天之前全部更换。',
    '报告还建议把控制室搬到洪水线以上，水务局发言人表示，这项工程的费用将从现有的维修预算中支出。',
    '几位市议员质疑这个时间表是否现实，因为目前承包商十分短缺，而且部分设备需要从外地订购。',
  ];
  const zhPage = (paragraphs: string[]) =>
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>市政府公布防洪泵站调查报告</title></head><body>${NAV}
    <div class="content"><h1>市政府公布防洪泵站调查报告</h1>${paragraphs.map((t) => `<p>${t}</p>`).join('')}</div>${FOOTER}</body></html>`;
  it('counts a CJK character as about three Latin ones, a Korean syllable as two', () => {
    expect(cjkFactor('a'.repeat(100))).toBe(1);
    expect(cjkFactor(ZH[0])).toBe(3);
    expect(cjkFactor(`\n${' '.repeat(200)}\n${ZH[0]}`)).toBe(3); // the source's indentation is no text
    expect(cjkFactor('시청은 목요일 홍수 방지 펌프장 조사 보고서를 발표했다')).toBe(2);
    // Judged on the text's start: an English paragraph quoting a Chinese name stays Latin.
    expect(cjkFactor(`The minister, ${ZH[0].slice(0, 4)}, said the report was clear.`)).toBe(1);
  });

  it('a short Chinese news brief (four one-sentence paragraphs, ~200 characters) at an id-only address is an article', () => {
    // As text it is a ~600-character brief; counted in characters it read as a stub (score -0.52).
    const d = doc(zhPage(ZH), 'https://news.example.cn/a/012345.htm');
    expect(detectArticle(d).isArticle).toBe(true);
  });
});
