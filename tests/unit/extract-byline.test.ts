// Bylines written in the page keep the name: a time line after it, a date we cannot read around, a long
// list of names or a name only its child element holds must not empty the byline (issue #15: real
// names thrown away where bare Readability found them). Small hand-written pages.
import { describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../lib/extract/index';
import { cleanByline } from '../../lib/extract/byline-clean';
import { takeContentByline } from '../../lib/extract/byline';
import { para } from './extract-test-pages';

function extract(body: string) {
  const html = `<!doctype html><html lang="en"><head><title>River rises again</title></head><body>${body}</body></html>`;
  const d = new JSDOM(html, { url: 'https://news.example.com/2024/05/01/river', virtualConsole: new VirtualConsole() });
  return extractArticle(d.window.document, { window: d.window as unknown as Window })!;
}

describe('byline text keeps the name', () => {
  it('keeps the names before a "Posted / Updated" time line, however many words the line has', () => {
    expect(cleanByline('By Jane Doe, CNN')).toBe('Jane Doe, CNN');
    // 19 words: rejected as too long before, so the byline was lost.
    const cbc = 'Pete Evans · CBC News · Posted: Oct 14, 2022 9:27 AM ET | Last Updated: 24 minutes ago';
    expect(cleanByline(cbc)).toBe('Pete Evans · CBC News');
    // A line that reads as a name with a date is cut at its time line too: the time is no author.
    expect(cleanByline('By Emily Kirkpatrick Updated on December 12, 2016 09:22 AM')).toBe('Emily Kirkpatrick');
  });

  it('takes the name after a date and its "by", and a "By" label glued to the name', () => {
    expect(cleanByline('Wednesday January 18, 2017 10:44 am PST by Juli Clover')).toBe('Juli Clover');
    expect(cleanByline('ByNatasha Daly• 8 min read')).toBe('Natasha Daly');
    expect(cleanByline('Byron Smith')).toBe('Byron Smith');
    expect(cleanByline('Analysis by Chris Cillizza')).toBe('Chris Cillizza');
    expect(cleanByline('Monday by the sea')).toBe('Monday by the sea');
  });

  it('cuts a line it would reject down to the name: before a "Posted / Updated" time line, else before the date', () => {
    expect(cleanByline('J. Smith · Updated 5:32 PM ET')).toBe('J. Smith');
    expect(cleanByline('By Laura E. Adkins December 28, 2016')).toBe('Laura E. Adkins');
    expect(cleanByline('J. Smith on 12/05/2024')).toBe('J. Smith');
    // A name with a date it can be read around stays as written.
    expect(cleanByline('By Nathan Willis March 25, 2015')).toBe('Nathan Willis March 25, 2015');
    // Still nothing: a date or a time line alone.
    expect(cleanByline('Updated 10:45 AM')).toBeNull();
    expect(cleanByline('Posted: May 1, 2024')).toBeNull();
    // "Last" is part of the time label, not a name left before it.
    expect(cleanByline('Last Updated: January 7, 2025')).toBeNull();
  });

  it('drops the date and time parts a byline starts with, and a reading-time note', () => {
    expect(cleanByline('15.05.2020, 07:11 | Lesedauer: 8 Minuten Melanie Wassink')).toBe('Melanie Wassink');
    expect(cleanByline('Dec. 5, 2024, 9:30 a.m. | By Jane Doe')).toBe('Jane Doe');
    expect(cleanByline('Jane Doe · 5 min read')).toBe('Jane Doe');
    // The rest of a date is no name: a line of dates is not cut in the middle of one.
    expect(cleanByline('12/25/2014, 11:57 AM')).toBeNull();
  });

  it('ends the name where a social handle starts, glued or spaced; an e-mail address is no handle', () => {
    expect(cleanByline('Kate Fazzini@KateFazziniWATCH LIVE')).toBe('Kate Fazzini');
    expect(cleanByline('by Julia Horowitz @juliakhorowitz November 29, 2016: 3:42 PM ET')).toBe('Julia Horowitz');
    expect(cleanByline('Jane Doe (@jd)')).toBe('Jane Doe');
    expect(cleanByline('Jane Doe jane@example.com')).toBe('Jane Doe jane@example.com');
  });

  it('takes the "By" label off after punctuation that leads the line', () => {
    expect(cleanByline(', by Daniel Gross')).toBe('Daniel Gross');
    expect(cleanByline('| By Ana Ruiz')).toBe('Ana Ruiz');
  });

  it('keeps a long list of capitalised names, rejects a sentence of the same length', () => {
    const names = 'By Ana Ruiz, Ben Okafor, Carla Diaz, Dan Black, Eve Moreau, Finn Walsh and Gus de la Vega';
    expect(cleanByline(names)).toBe(names.slice(3));
    expect(
      cleanByline('This story was reported by our team of correspondents working across the whole of the region this year'),
    ).toBeNull();
  });
});

describe('a role after the names is no part of the byline', () => {
  it('cuts a job title or posting after the names, in English and French, and keeps names in parentheses', () => {
    expect(cleanByline('LILIAN ALEMAGNA, LAURE BRETTON Envoyés spéciaux à Toulouse')).toBe('LILIAN ALEMAGNA, LAURE BRETTON');
    expect(cleanByline('Par Cécile Ducourtieux(Bruxelles, bureau européen)')).toBe('Cécile Ducourtieux');
    expect(cleanByline('By Jane Doe, Senior Staff Writer')).toBe('Jane Doe');
    expect(cleanByline('Ana Ruiz, corresponsal en Bogotá')).toBe('Ana Ruiz');
    // A role written last takes the words before it in its part of the line along.
    expect(cleanByline('TOM KRISHER and ANA RUIZ, AP National Security Writers')).toBe('TOM KRISHER and ANA RUIZ');
    expect(cleanByline('Jessica Vince - 29 December 2014 Digital Editor')).toBe('Jessica Vince');
    expect(cleanByline('Jane Doe, John Roe, Staff Writers')).toBe('Jane Doe, John Roe');
    // With no separator, a role right after a short name comes off; past three words the name's end is a
    // guess, and the line stays whole rather than keep half a title.
    expect(cleanByline('Jane Doe Staff Writer')).toBe('Jane Doe');
    expect(cleanByline('Ana Ruiz Senior Lisbon Correspondent')).toBe('Ana Ruiz Senior Lisbon Correspondent');
    // Not a role: co-authors, a middle name, a sentence about the writer.
    expect(cleanByline('Martin Untersinger (avec Damien Leloup et Morgane Tual)')).toBe(
      'Martin Untersinger (avec Damien Leloup et Morgane Tual)',
    );
    expect(cleanByline('Bruno (Henrique Zecchin) Rodrigues')).toBe('Bruno (Henrique Zecchin) Rodrigues');
    expect(cleanByline('Ann Coulter is a political commentator.')).toBe('Ann Coulter is a political commentator.');
  });

  it('a role alone is no name: the name is the element just before it', () => {
    expect(cleanByline('Political Commentator')).toBeNull();
    const a = extract(
      `<article><h1>River rises again</h1><div class="author-box"><div class="name">Ann Coulter</div><div class="authortitle">Political Commentator</div><ul class="links"><li><a href="/author/ac">See all articles</a></li><li><a href="/author/ac/feed">Subscribe to RSS</a></li></ul><p class="bio">Ann Coulter writes a weekly column on politics, the courts and the press.</p></div>${para(5)}</article>`,
    );
    expect(a.byline).toBe('Ann Coulter');
    expect(a.text).not.toContain('Political Commentator');
    const headline = extract(`<article><h1>River rises again</h1><div class="author-title">Staff Writer</div>${para(5)}</article>`);
    expect(headline.byline).toBeNull();
    expect(headline.title).toBe('River rises again');
  });
});

describe('the byline line leaves the body', () => {
  it('a leading line that is the byline with its role, as the metadata wrote it, leaves the body', () => {
    const html = `<!doctype html><html lang="en"><head><title>River rises again</title><meta name="author" content="ANA RUIZ, AP Science Writer"></head>
      <body><h1>River rises again</h1><div class="story"><p>Ana Ruiz, AP Science Writer</p><p>LOS ANGELES (AP) — The river rose again.</p>${para(5)}</div></body></html>`;
    const d = new JSDOM(html, { url: 'https://news.example.com/2024/05/01/river', virtualConsole: new VirtualConsole() });
    const a = extractArticle(d.window.document, { window: d.window as unknown as Window })!;
    expect(a.byline).toBe('ANA RUIZ');
    expect(a.text).not.toContain('Science Writer');
  });
});

describe('bylines found in the page', () => {
  it('a byline element whose text is no name gives the name element inside it', () => {
    const a = extract(
      `<article><h1>River rises again</h1><div class="byline"><span class="author-name">Ana Ruiz</span> <span>Posted</span> <time>today, 10:45 AM</time> <a href="#c">Comments</a> · <a href="/share">Share on social</a> · <a href="/print">Print</a> · <a href="/mail">E-mail this story</a></div>${para(5)}</article>`,
    );
    expect(a.byline).toBe('Ana Ruiz');
  });

  it('an author marked rel=author inside an article header our first pass skips is found', () => {
    const a = extract(
      `<article><header class="entry-header"><h1>River rises again</h1><address><a rel="author" href="/author/ana">Ana Ruiz</a></address></header>${para(5)}</article>
       <section class="comments"><span class="comment-author"><a rel="author" href="/u/troll">Troll</a></span><p>First!</p></section>`,
    );
    expect(a.byline).toBe('Ana Ruiz');
  });

  it("a byline-classed link to the writer's author page inside a skipped article header is found", () => {
    const a = extract(
      `<article><header class="post-header"><h1>River rises again</h1><div class="authors-wrapper"><ul><li><a class="author" href="/author/ana/">Ana Ruiz</a></li></ul></div></header>${para(5)}</article>`,
    );
    expect(a.byline).toBe('Ana Ruiz');
  });

  it("never takes a commenter's name, and a class-only byline in a skipped header is not enough", () => {
    const a = extract(
      `<div class="site-header"><div class="bylines">Editors' picks</div></div><article><h1>River rises again</h1>${para(5)}</article>
       <section class="comments"><span class="comment-author"><a rel="author" href="/u/troll">Troll</a></span><p>First!</p></section>`,
    );
    expect(a.byline).toBeNull();
  });
});

describe('blocks the byline search looks into', () => {
  it('is searched for a byline even when a class name reads as a social widget', () => {
    // "js-social-anchor-start" matches the unlikely word "social"; the wrapper is still the article.
    const doc = new JSDOM(
      `<body><nav class="menu"><a href="/">Home</a></nav><main class="container js-social-anchor-start"><header><h1>River rises again</h1>
       <div class="byline-timestamp"><span class="byline">by Ana Ruiz</span></div></header><article>${para(5)}</article></main></body>`,
    ).window.document;
    expect(takeContentByline(doc)).toBe('Ana Ruiz');
  });

  it('a camelCase class that only spells an unlikely word across two words ("pageRow": "pager") is searched', () => {
    const doc = new JSDOM(
      `<body><div class="PageBuilder-pageRow"><div class="ArticleHeader-authorAndShare"><a class="Author-name" href="/a">Ana Ruiz</a></div>${para(5)}</div></body>`,
    ).window.document;
    expect(takeContentByline(doc)).toBe('Ana Ruiz');
    // Still skipped: the word itself ("site-pager", "pagerNav").
    const pager = new JSDOM(`<body><div class="site-pager"><div class="author">Other Writer</div></div>${para(3)}</body>`).window.document;
    expect(takeContentByline(pager)).toBeNull();
  });

  it('only <main> or role=main: a related-stories block with the same class word stays skipped', () => {
    const doc = new JSDOM(
      `<body><article>${para(3)}</article><section class="social-related"><div class="byline">Troll Writer</div></section></body>`,
    ).window.document;
    expect(takeContentByline(doc)).toBeNull();
  });
});

describe('a JSON-LD author that is the site itself', () => {
  const ld = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;
  const article = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: 'River rises again',
    author: { '@type': 'Organization', name: 'Valley News' },
    publisher: { '@type': 'Organization', name: 'Valley News' },
  };
  const html = (head: string) =>
    `<!doctype html><html lang="en"><head><title>River rises again</title>${head}</head><body><article><h1>River rises again</h1>${para(5)}</article></body></html>`;
  const byline = (head: string) => {
    const d = new JSDOM(html(head), { url: 'https://valleynews.example/2024/05/01/river', virtualConsole: new VirtualConsole() });
    return extractArticle(d.window.document, { window: d.window as unknown as Window })!.byline;
  };

  it('gives way to the writer the page names in <meta name=author>', () => {
    expect(byline(`${ld(article)}<meta property="og:site_name" content="ValleyNews.com"><meta name="author" content="Ana Ruiz">`)).toBe(
      'Ana Ruiz',
    );
  });

  it('is still the byline when the page names nobody else', () => {
    expect(byline(ld(article))).toBe('Valley News');
  });

  it("beats a date that Readability's own byline search finds in an author box", () => {
    // Our search rejects the date and finds nothing; Readability's then takes any short text in a
    // byline-like element, which must be cleaned as ours is, not given as the author.
    const page = `<!doctype html><html lang="en"><head><title>River rises again</title>${ld(article)}</head><body><article><h1>River rises again</h1>
      <div class="article-heading-author-name"><time datetime="2019-11-20T08:00:58Z">20 Nov 2019 08:00 GMT</time></div>${para(5)}</article></body></html>`;
    const d = new JSDOM(page, { url: 'https://valleynews.example/2024/05/01/river', virtualConsole: new VirtualConsole() });
    expect(extractArticle(d.window.document, { window: d.window as unknown as Window })!.byline).toBe('Valley News');
  });
});
