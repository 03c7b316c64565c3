// Pre/post-processing rules of lib/extract on small hand-written pages.
import { describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { extractArticle, readerClone } from '../../lib/extract/index';
import { cleanByline, readMetadata } from '../../lib/extract/metadata';
import { preprocess } from '../../lib/extract/preprocess';
import { BOILER_LINE, CAPTION_LINE, DATE_LINE, PROMO_LINE } from '../../lib/extract/patterns';
import { blockText } from '../../lib/extract/text';
import { recoverParagraphs, survivingParagraphs, tagParagraphs } from '../../lib/extract/recover';

const para = (n: number, word = 'river') =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1} tells how the ${word} rose again this week, flooding low fields near the old mill, while farmers counted losses and officials promised help soon.</p>`,
  ).join('\n');

function dom(html: string, url = 'https://news.example.com/2024/05/01/river-rises-again-in-the-valley') {
  return new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
}
function extract(html: string, url?: string) {
  const d = dom(html, url);
  return extractArticle(d.window.document, { window: d.window as unknown as Window });
}

describe('preprocess', () => {
  it('promotes lazy images from data-src, data-srcset and <noscript>', () => {
    const d = dom(`<body><article>
      <img id="a" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/a.jpg">
      <img id="b" data-srcset="/img/b-1x.jpg 1x, /img/b-2x.jpg 2x">
      <img id="c" src="/spacer.gif"><noscript><img id="real" src="/img/c.jpg"></noscript>
    </article></body>`);
    const doc = d.window.document;
    preprocess(doc);
    expect(doc.getElementById('a')?.getAttribute('src')).toBe('/img/a.jpg');
    expect(doc.getElementById('b')?.getAttribute('srcset')).toContain('/img/b-2x.jpg 2x');
    expect(doc.getElementById('b')?.getAttribute('src')).toBe('/img/b-1x.jpg');
    expect(doc.getElementById('c')).toBeNull();
    expect(doc.getElementById('real')?.getAttribute('src')).toBe('/img/c.jpg');
  });

  it('promotes a <noscript> image that the browser kept as raw text (scripting on)', () => {
    const d = dom('<body><article><p>Intro.</p><noscript id="ns"></noscript></article></body>');
    const doc = d.window.document;
    // With scripting on, noscript holds text, not elements: build that by hand (jsdom parses it as markup).
    doc.getElementById('ns')!.textContent = '<img id="real" src="/img/d.jpg" alt="d">';
    preprocess(doc);
    expect(doc.getElementById('ns')).toBeNull();
    expect(doc.getElementById('real')?.getAttribute('src')).toBe('/img/d.jpg');
    // In a cloned document (no window, as Readability gets it) the realm's DOMParser parses it.
    const clone = d.window.document.implementation.createHTMLDocument('');
    clone.body.innerHTML = '<article><noscript id="ns2"></noscript></article>';
    clone.getElementById('ns2')!.textContent = '<img id="real2" src="/img/e.jpg">';
    (globalThis as { DOMParser?: unknown }).DOMParser = d.window.DOMParser;
    try {
      preprocess(clone);
    } finally {
      delete (globalThis as { DOMParser?: unknown }).DOMParser;
    }
    expect(clone.getElementById('real2')?.getAttribute('src')).toBe('/img/e.jpg');
  });

  it('drops share bars, related lists, hidden blocks and newsletter forms, keeps the body', () => {
    const d = dom(`<body><div class="article-body">
      <div class="share-bar"><a href="#">Facebook</a><a href="#">Twitter</a></div>
      ${para(3)}
      <div hidden>Secret hidden text</div>
      <div style="display: none">Invisible promo</div>
      <ul class="related-articles"><li><a href="/x">Another story</a></li></ul>
      <form class="newsletter"><input type="email"><button>Sign up</button></form>
    </div></body>`);
    const doc = d.window.document;
    preprocess(doc);
    const text = doc.body.textContent ?? '';
    expect(text).toContain('Paragraph 3 tells');
    for (const gone of ['Facebook', 'Secret hidden', 'Invisible promo', 'Another story', 'Sign up']) expect(text).not.toContain(gone);
  });

  it('drops aria-hidden, visibility:hidden and furniture roles; an itemprop=articleBody block and its ancestors stay', () => {
    const d = dom(`<body><div class="sidebar" id="outer"><div itemprop="articleBody">${para(2)}</div></div>
      <div aria-hidden="true">Hidden from readers</div>
      <div aria-hidden="false" class="kept">Shown to readers</div>
      <div STYLE="color: red; Visibility : hidden !important">Invisible teaser</div>
      <div style="background: url(none.png)">Styled but visible</div>
      <div role="Navigation">Section links</div>
      <div role="main" class="x">Main words</div>
      <p class="news-item">Item one</p><p class="news-item">Item two</p>
      <p class="share-tools">Share me</p><p class="share-tools">Share me too</p>
    </body>`);
    const doc = d.window.document;
    preprocess(doc);
    const text = doc.body.textContent ?? '';
    for (const kept of ['Paragraph 2 tells', 'Shown to readers', 'Styled but visible', 'Main words', 'Item one', 'Item two'])
      expect(text).toContain(kept);
    for (const gone of ['Hidden from readers', 'Invisible teaser', 'Section links', 'Share me']) expect(text).not.toContain(gone);
    expect(doc.getElementById('outer')).not.toBeNull();
  });

  it('keeps a wrapper with a furniture-like class when it holds the article', () => {
    const d = dom(`<body><div class="social-layout">${para(6)}</div><div class="sidebar">${para(1, 'market')}</div></body>`);
    const doc = d.window.document;
    preprocess(doc);
    expect(doc.body.textContent).toContain('Paragraph 6 tells');
    expect(doc.body.textContent).not.toContain('market');
  });

  it('keeps a section whose id is its heading made an anchor, even when a word of it names furniture', () => {
    const d = dom(`<body><div class="document">
      <div class="section" id="floods-in-the-valley"><h1>Floods in the valley</h1>${para(6)}
        <div class="section" id="sharing-the-costs"><h2>Sharing the costs</h2>${para(2, 'levy')}</div>
      </div>
      <div class="section" id="sharing-tools"><ul><li>Post</li><li>Mail</li></ul></div>
    </div></body>`);
    const doc = d.window.document;
    preprocess(doc);
    expect(doc.body.textContent).toContain('Paragraph 2 tells how the levy');
    expect(doc.getElementById('sharing-tools')).toBeNull();
  });
});

describe('extractArticle', () => {
  const page = (body: string, head = '') =>
    `<!doctype html><html lang="en"><head><title>River rises again | Valley News</title>${head}</head><body>${body}</body></html>`;

  it('reads JSON-LD metadata before heuristics and rejects a bare "By" byline', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'River rises again in the valley',
      datePublished: '2024-05-01T08:30:00Z',
      author: [
        { '@type': 'Person', name: 'By' },
        { '@type': 'Person', name: 'Ana Ruiz' },
      ],
      publisher: { '@type': 'Organization', name: 'Valley News' },
    });
    const a = extract(
      page(
        `<article><h1>River rises again in the valley</h1><p class="byline">By</p>${para(5)}</article>`,
        `<script type="application/ld+json">${ld}</script><meta property="og:site_name" content="Valley News">`,
      ),
    );
    expect(a).not.toBeNull();
    expect(a!.title).toBe('River rises again in the valley');
    expect(a!.byline).toBe('Ana Ruiz');
    expect(a!.siteName).toBe('Valley News');
    expect(a!.publishedTime).toBe('2024-05-01T08:30:00.000Z');
    expect(a!.lang).toBe('en');
    // the headline is not repeated in the body text
    expect(a!.text.startsWith('Paragraph 1')).toBe(true);
  });

  it('keeps figure captions in the content but not in the text; keeps subheadings', () => {
    const a = extract(
      page(
        `<article>${para(3)}<figure><img src="/img/flood.jpg" alt="flood"><figcaption>Water covers the road. (AP Photo/Jo Lee)</figcaption></figure><h2>What comes next</h2>${para(3, 'dam')}</article>`,
      ),
    );
    expect(a!.content).toContain('<figcaption>');
    expect(a!.content).toContain('Water covers the road');
    expect(a!.text).not.toContain('Water covers the road');
    expect(a!.text).toContain('What comes next');
    expect(a!.images).toEqual(['https://news.example.com/img/flood.jpg']);
  });

  it('removes leftover boilerplate lines and date lines inside the body', () => {
    const a = extract(
      page(`<article><p>Updated 9:41 AM EST, Nov 19, 2019</p>${para(2)}<p>Advertisement</p>${para(2, 'bridge')}
      <p>Read more: <a href="/other">Another flood story elsewhere</a></p><p>Sign up for our newsletter to get updates in your inbox.</p>
      <p>Facebook Twitter WhatsApp Email</p></article>`),
    );
    const t = a!.text;
    expect(t).toContain('Paragraph 2 tells how the bridge');
    for (const gone of ['Updated 9:41', 'Advertisement', 'Read more', 'newsletter', 'WhatsApp']) expect(t).not.toContain(gone);
  });

  it('recovers a lede paragraph Readability dropped next to the kept body, without duplicating kept text', () => {
    const lede = 'The valley woke to the sound of sirens on Monday, as the river broke its banks for the second time in a month.';
    const d = dom(`<body><nav><p>Menu text that is not part of the story at all, just navigation links here.</p></nav>
      <div class="story"><div class="lede"><p>${lede}</p></div><div class="body">${para(4)}</div></div></body>`);
    const original = d.window.document;
    const clone = original.cloneNode(true) as Document;
    const tagged = tagParagraphs(clone);
    preprocess(clone); // as in the pipeline: the nav goes, so its paragraph is not a candidate
    const survived = survivingParagraphs(tagged);
    expect([...survived]).toEqual([1, 2, 3, 4, 5]);
    // What Readability returned: the body container only (the lede and nav were left behind).
    const root = clone.querySelector('.body')!;
    expect(recoverParagraphs(root, original, survived)).toBe(1);
    expect(blockText(root).startsWith(lede)).toBe(true);
    expect(blockText(root)).not.toContain('Menu text');
    // Running it again adds nothing: the lede is already there.
    expect(recoverParagraphs(root, original, survived)).toBe(0);
  });

  it('falls back to the densest block when Readability finds too little, and returns null for empty pages', () => {
    const brText = Array.from(
      { length: 6 },
      (_, i) => `Line ${i} of a post written with line breaks instead of paragraphs, about the river and the valley and the mill.`,
    ).join('<br><br>');
    const a = extract(page(`<table><tr><td class="nav"><a href="/">Home</a></td><td>${brText}</td></tr></table>`));
    expect(a).not.toBeNull();
    expect(a!.text).toContain('Line 5 of a post');
    expect(extract(page('<nav><a href="/">Home</a></nav>'))).toBeNull();
  });

  it('a short post that the clean-up empties comes out as Readability read it, never empty', () => {
    // A links post under 200 characters: its paragraphs are whole links, which postprocess drops as teasers.
    const a = extract(`<html><head><title>Links for Friday</title></head><body><article><h1>Links for Friday</h1>
      <p><a href="https://other.example.org/a">The harbour ferry returns in June after a year of repairs, the council says</a></p>
      <p><a href="https://other.example.org/b">Why the old mill by the river is being restored by volunteers</a></p>
    </article></body></html>`);
    expect(a?.text).toContain('The harbour ferry returns in June');
  });

  it('sanitizes: no scripts, handlers or javascript: links in content', () => {
    const a = extract(
      page(
        `<article>${para(4)}<p>Click <a href="javascript:alert(1)" onclick="x()">this</a> now please, the text goes on for long enough to be kept by the extractor here.</p><script>alert(1)</script></article>`,
      ),
    );
    expect(a!.content).not.toMatch(/<script|onclick|javascript:/i);
  });
});

describe('readerClone', () => {
  it('copies the body and only <title>/<meta> of the head, keeps lang/dir, and sets the base for links', () => {
    const d = dom(`<html lang="he" dir="rtl"><head><title>T</title><base href="https://cdn.example.org/a/">
      <meta property="og:title" content="OG"><script>var x = 1;</script><style>p{}</style><link rel="preload" href="/x.js">
      </head><body><p id="p">Body <a href="rel/page">link</a></p></body></html>`);
    const clone = readerClone(d.window.document, d.window.document.baseURI);
    expect(clone.title).toBe('T');
    expect(clone.head.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe('OG');
    expect(clone.querySelectorAll('script, style, link').length).toBe(0);
    expect(clone.documentElement.getAttribute('lang')).toBe('he');
    expect(clone.documentElement.getAttribute('dir')).toBe('rtl');
    expect(clone.getElementById('p')?.textContent).toBe('Body link');
    expect(clone.baseURI).toBe('https://cdn.example.org/a/');
    // The original is untouched.
    expect(d.window.document.querySelectorAll('script').length).toBe(1);
  });

  it('the installed Readability still has the metadata hook extraction replaces (else it re-reads the metas: slower, not wrong)', () => {
    expect(typeof (Readability.prototype as unknown as { _getArticleMetadata?: unknown })._getArticleMetadata).toBe('function');
    expect(typeof (Readability.prototype as unknown as { _getArticleTitle?: unknown })._getArticleTitle).toBe('function');
  });

  it('resolves relative links and images against the page base (a <base href> counts)', () => {
    const a = extract(`<html><head><title>River</title><base href="https://cdn.example.org/a/"></head><body><article>${para(5)}
      <p>See <a href="rel/page">the report</a> for the figures, which the council published after the flood this week in full.</p>
      <img src="img/photo.jpg" alt="flood"></article></body></html>`);
    expect(a!.content).toContain('href="https://cdn.example.org/a/rel/page"');
    expect(a!.images).toEqual(['https://cdn.example.org/a/img/photo.jpg']);
  });
});

describe('metadata helpers', () => {
  it('cleanByline strips "By" and rejects junk', () => {
    expect(cleanByline('By Jane Doe')).toBe('Jane Doe');
    expect(cleanByline('by')).toBeNull();
    expect(cleanByline('By ')).toBeNull();
    expect(cleanByline('November 19, 2019')).toBeNull();
    expect(cleanByline('Updated 10:45 AM')).toBeNull();
    expect(cleanByline('https://www.facebook.com/janedoe')).toBeNull();
  });

  it('reads Open Graph and meta when there is no JSON-LD', () => {
    const d = dom(`<html><head><meta property="og:title" content="Dam holds"><meta property="og:site_name" content="Valley News">
      <meta name="author" content="By Sam Poe"><meta property="article:published_time" content="2024-05-02T10:00:00+02:00"></head><body></body></html>`);
    const m = readMetadata(d.window.document);
    expect(m).toMatchObject({ title: 'Dam holds', siteName: 'Valley News', byline: 'Sam Poe', publishedTime: '2024-05-02T08:00:00.000Z' });
  });

  it('blockText separates blocks with blank lines and skips captions', () => {
    const d = dom(
      '<div><h2>Head</h2><p>One <b>bold</b> line</p><figure><figcaption>cap</figcaption></figure><ul><li>a</li><li>b</li></ul></div>',
    );
    expect(blockText(d.window.document.body.firstElementChild!)).toBe('Head\n\nOne bold line\n\na\n\nb');
  });
});

describe('patterns', () => {
  it('furniture class/id names match whole class parts and runs of parts, never inside a word', () => {
    // As preprocess judges them: is an element with this class (or id) dropped?
    const dropped = (attr: 'class' | 'id', name: string) => {
      const doc = dom('<body><p>Kept paragraph.</p><div id="probe">Probe text</div></body>').window.document;
      doc.getElementById('probe')!.setAttribute(attr, name);
      preprocess(doc);
      return !doc.body.textContent!.includes('Probe text');
    };
    for (const attr of ['class', 'id'] as const) {
      for (const yes of [
        'share-bar',
        'post__share',
        'ad',
        'ad-slot top',
        'x read-more',
        'read_more',
        'Related-Posts',
        'about-the-author',
        'c-sidebar__inner',
        'share_',
        '-share',
        'x\u00a0share-bar',
        'x\tad--slot',
        '  mpu  ',
        'a-b-c-d-e-f-newsletter',
      ])
        expect(dropped(attr, yes), `${attr}="${yes}"`).toBe(true);
      for (const no of [
        'header',
        'shadow',
        'readmorex',
        'badge',
        'article-body share',
        'loaded',
        'more read',
        '',
        '- _',
        'sharex-bary',
        'ad\u200bslot',
      ])
        expect(dropped(attr, no), `${attr}="${no}"`).toBe(false);
    }
  });

  it('boilerplate lines: plain words in any case with a trailing mark, and the patterned ones', () => {
    for (const yes of [
      'Advertisement',
      'ADVERTISEMENT.',
      'Read more:',
      'Share on Facebook',
      'Image 1 of 5',
      '12 comments',
      'Реклама',
      'Tags: climate, ice',
    ])
      expect(BOILER_LINE.test(yes), yes).toBe(true);
    for (const no of ['Advertisements were everywhere in the town.', 'Read more books', 'The print edition'])
      expect(BOILER_LINE.test(no), no).toBe(false);
  });

  // These tests prefilter before their full pattern: every shape must still get through, in any case.
  it('caption, date and promo lines in any case, including shapes found only at the end of the line', () => {
    for (const yes of [
      'Photo: Jane Doe',
      'PHOTOS BY AP',
      'ФОТО: ТАСС',
      'Imagen: EFE',
      'Bild: dpa',
      'Source: Reuters',
      'credit: NASA',
      '© Getty Images',
      'In this Nov. 3 photo, crews work on the bridge',
      'Crews work on the bridge at dawn. (AP Photo/John Smith)',
      'Crews at dawn (Reuters)  ',
    ])
      expect(CAPTION_LINE.test(yes), yes).toBe(true);
    for (const no of [
      'Photosynthesis is slow in winter, the study found.',
      'The crews (all volunteers) worked at dawn.',
      'Crews work on the bridge',
    ])
      expect(CAPTION_LINE.test(no), no).toBe(false);
    for (const yes of [
      'Updated',
      'UPDATED 1:39 am EST, Wednesday, November 20, 2019',
      'Wednesday, November 20',
      'November 20, 2019',
      '20.11.2019',
      '2019-11-20 08:00',
      'Published Nov 20, 2019',
    ])
      expect(DATE_LINE.test(yes), yes).toBe(true);
    for (const no of ['Updated guidance for farmers', 'Wednesday was cold', 'The river rose 20 feet'])
      expect(DATE_LINE.test(no), no).toBe(false);
    for (const yes of [
      'CLICK HERE to read the report',
      'Sign up for our Newsletter',
      'Get the best stories in your inbox: subscribe to our newsletter',
      'Download our app',
    ])
      expect(PROMO_LINE.test(yes), yes).toBe(true);
    for (const no of ['The newsletter was founded in 1990.', 'Farmers clicked their tongues.']) expect(PROMO_LINE.test(no), no).toBe(false);
  });
});

describe('sanitize option', () => {
  it('sanitize: false returns the cleaned HTML as is (the extension sanitizes before storing); the default sanitizes', () => {
    const html = `<body><article>${para(4)}<p>See <a href="data:text/html,<script>alert(1)</script>">this</a> and the river again, flooding the fields near the old mill while farmers counted.</p></article></body>`;
    const d = dom(html);
    const raw = extractArticle(d.window.document, { window: d.window as unknown as Window, sanitize: false });
    const safe = extractArticle(d.window.document, { window: d.window as unknown as Window });
    expect(raw?.content).toContain('data:text/html');
    expect(safe?.content).not.toContain('data:text/html');
    expect(raw?.text).toBe(safe?.text);
  });
});
