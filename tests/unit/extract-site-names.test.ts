// Titles and bylines on pages we have never seen (issue #15): a site's name comes off a title only
// when the page says it is the site (its own names, its home link, its host) or its own heading shows
// the headline without it; a byline keeps the writer, not the site or an organisation credited beside
// a person. Small hand-written pages.
import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../lib/extract/metadata';
import { withoutSite } from '../../lib/extract/byline-clean';
import { siteMatcher } from '../../lib/extract/site-name';
import { para, dom, extract, ld } from './extract-test-pages';

const page = (head: string, body = `<article><h2>River rises again</h2>${para(5)}</article>`) =>
  `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
const og = (title: string, site?: string) =>
  `<meta property="og:title" content="${title}">${site ? `<meta property="og:site_name" content="${site}">` : ''}`;

describe('titles: a site name comes off only when the page names it', () => {
  it('takes off a section of the site named in og:site_name, keeps a " - " part that is not the site', () => {
    expect(extract(page(og('River rises again in the valley - CNN Politics', 'CNN'))).title).toBe('River rises again in the valley');
    expect(extract(page(og('Ask the doctor - Why does my knee hurt at night', 'Valley News'))).title).toBe(
      'Ask the doctor - Why does my knee hurt at night',
    );
  });

  it('takes off a declared site name that itself holds a separator ("Name - Tagline"), whole', () => {
    expect(
      extract(page(og('Black Friday deals for collectors - Valley Retro - Toys of the 80s', 'Valley Retro - Toys of the 80s'))).title,
    ).toBe('Black Friday deals for collectors');
  });

  it('takes off a name the page gives its home link (a logo), with no og:site_name', () => {
    const header = '<header><a href="/"><img src="/logo.png" alt="谷新聞"></a></header>';
    expect(extract(page(og('大雨で川が増水、農地に被害 | 谷新聞'), `${header}<article><h2>大雨</h2>${para(5)}</article>`)).title).toBe(
      '大雨で川が増水、農地に被害',
    );
    // A link elsewhere on the site is no home link.
    const other = '<header><a href="/local/"><img src="/logo.png" alt="谷新聞"></a></header>';
    expect(extract(page(og('大雨で川が増水、農地に被害 | 谷新聞'), `${other}<article><h2>大雨</h2>${para(5)}</article>`)).title).toBe(
      '大雨で川が増水、農地に被害 | 谷新聞',
    );
  });
});

describe("titles: the page's own heading confirms the headline", () => {
  it('an <h1> equal to the start of a Japanese " | サイト名" title takes off every part after it', () => {
    const jp = (title: string, site = '') => page(og(title, site), `<article><h1>大雨で川が増水、農地に被害</h1>${para(5)}</article>`);
    // The site name in the title matches none the page declares: the heading alone decides.
    expect(extract(jp('大雨で川が増水、農地に被害 | 谷新聞', 'Tani Shimbun')).title).toBe('大雨で川が増水、農地に被害');
    // A section between the headline and the site name goes too.
    expect(extract(jp('大雨で川が増水、農地に被害 | 社会 | 谷新聞', '谷新聞')).title).toBe('大雨で川が増水、農地に被害');
  });

  it('a colon with a space on both sides separates parts ("Story : Section : Site"); "Review: …" stays one headline', () => {
    const jp = page(
      og('大雨で川が増水、農地に被害 : 社会 : 谷新聞オンライン', 'Tani Shimbun'),
      `<article><h1>大雨で川が増水、農地に被害</h1>${para(5)}</article>`,
    );
    expect(extract(jp).title).toBe('大雨で川が増水、農地に被害');
    const review = `<article><h1>Review</h1><h1>Review: the river rises again</h1>${para(5)}</article>`;
    expect(extract(page(og('Review: the river rises again', 'Valley News'), review)).title).toBe('Review: the river rises again');
  });

  it('an <h1> cuts a title only where what it drops ends with the site: an author or series after the headline stays', () => {
    const body = `<article><h1>Wombats found far north of their range</h1>${para(5)}</article>`;
    expect(extract(page(og('Wombats found far north of their range | Jane Ainge Roy', 'Valley News'), body)).title).toBe(
      'Wombats found far north of their range | Jane Ainge Roy',
    );
    expect(extract(page(og('Wombats found far north of their range | Science | Valley News', 'Valley News'), body)).title).toBe(
      'Wombats found far north of their range',
    );
  });

  it('prefers the <title> headline the <h1> shows over an og:title teaser no heading shows', () => {
    const head = `<title>River rises again in the valley | Valley News</title>${og('You will not believe what the river did', 'Valley News')}`;
    expect(extract(page(head, `<article><h1>River rises again in the valley</h1>${para(5)}</article>`)).title).toBe(
      'River rises again in the valley',
    );
    // Without such a heading the metadata title stands, as in Readability.
    expect(extract(page(head)).title).toBe('You will not believe what the river did');
  });

  it('keeps an og:title that varies the headline, and never takes a header <h1> repeating the last part', () => {
    const variant = `<title>How we designed the ATF: an async task framework - Valley Blog</title>${og('How we designed our ATF - an async task framework')}`;
    expect(extract(page(variant, `<article><h1>How we designed the ATF: an async task framework</h1>${para(5)}</article>`)).title).toBe(
      'How we designed our ATF - an async task framework',
    );
    const docs = `<title>Evolve: Shared Mutable History — evolve extension for Mercurial</title>`;
    expect(
      extract(page(docs, `<header><h1>evolve extension for Mercurial</h1></header><article><h2>Evolve</h2>${para(5)}</article>`)).title,
    ).toBe('Evolve: Shared Mutable History — evolve extension for Mercurial');
  });

  it('takes the page\'s own <h1> (its "¶" permalink ignored) when a header <h1> shows the part after it', () => {
    const docs = `<title>Evolve: Shared Mutable History — evolve extension for Mercurial</title>`;
    const body = `<header><h1>evolve extension for Mercurial</h1></header><article><h1>Evolve: Shared Mutable History<a class="headerlink" href="#evolve">¶</a></h1>${para(5)}</article>`;
    expect(extract(page(docs, body)).title).toBe('Evolve: Shared Mutable History');
  });

  it('never takes a logo <h1> naming the site for the headline', () => {
    const head = `<title>Valley News - River rises again in the valley</title>${og('Valley News - River rises again in the valley', 'Valley News')}`;
    const body = `<header><h1><a href="/">Valley News</a></h1></header><article><h2>River rises</h2>${para(5)}</article>`;
    expect(extract(page(head, body)).title).toBe('River rises again in the valley');
  });
});

describe("titles and bylines: a part that spells the site's domain in words names the site", () => {
  const at = (title: string, url: string) => extract(page(og(title)), url).title;

  it('takes off the domain written as words, a leading "The", or the domain\'s word and a section', () => {
    expect(at('River rises again in the valley - The Valley Post', 'https://www.valleypost.example/2024/river')).toBe(
      'River rises again in the valley',
    );
    expect(at('River rises again in the valley | VNT News', 'https://www.vnt.example/news/river')).toBe('River rises again in the valley');
    // The site's word on a sub-domain ("news.vnt.example"): the generic label is not the site.
    expect(at('River rises again in the valley | VNT Weather', 'https://news.vnt.example/river')).toBe('River rises again in the valley');
    const b = `<article><h1>River rises again</h1><div class="byline">By Jane Doe, VNT News</div>${para(5)}</article>`;
    expect(extract(page('<title>River rises again</title>', b), 'https://www.vnt.example/news/river').byline).toBe('Jane Doe');
  });

  it("keeps a part that only starts with the domain's word, or names a generic sub-domain", () => {
    expect(at('River rises again - VNT readers send their photos of it', 'https://www.vnt.example/river')).toBe(
      'River rises again - VNT readers send their photos of it',
    );
    expect(at('River rises again in the valley | News Roundup Today', 'https://news.vnt.example/river')).toBe(
      'River rises again in the valley | News Roundup Today',
    );
  });
});

describe('bylines: the writer, not the site', () => {
  it('"By Jane Doe, CNN" in <meta name=author> gives "Jane Doe" on a site named CNN', () => {
    const a = extract(page(`<title>River rises</title><meta name="author" content="By Jane Doe, CNN">${og('River rises', 'CNN')}`));
    expect(a.byline).toBe('Jane Doe');
  });

  it('a byline in the page is cut before the site name and the time line after it', () => {
    const body = `<article><h1>River rises again</h1><div class="byline"><span class="authorText">Pete Evans · CBC News · Posted: Oct 14, 2022 9:27 AM ET | Last Updated: 24 minutes ago</span></div>${para(5)}</article>`;
    expect(extract(page(og('River rises again', 'CBC'), body)).byline).toBe('Pete Evans');
    // Names joined by "and" stay together; the host label names the site here.
    const cnn = `<article><h1>River rises again</h1><div class="byline">By Jane Doe and John Roe, CNN</div>${para(5)}</article>`;
    expect(extract(page('<title>River rises again</title>', cnn), 'https://edition.cnn.com/2024/05/01/river').byline).toBe(
      'Jane Doe and John Roe',
    );
  });

  it('keeps a byline that is only the site, or whose part before the site is no name', () => {
    const site = siteMatcher(['BBC News']);
    expect(withoutSite('BBC News', site.any)).toBe('BBC News');
    expect(withoutSite('Updated, BBC News', site.any)).toBe('Updated, BBC News');
    expect(withoutSite('Ana Ruiz, BBC News', site.any)).toBe('Ana Ruiz');
  });
});

describe('bylines: JSON-LD authors are people', () => {
  it('a Person list with an organisation credited beside it gives the people only', () => {
    const article = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'River rises again',
      author: [
        { '@type': 'Person', name: 'Ana Ruiz' },
        { '@type': 'Organization', name: 'Reuters' },
        { '@type': 'Person', name: 'Ben Okafor' },
      ],
      publisher: { '@type': 'Organization', name: 'Yahoo News' },
    };
    expect(readMetadata(dom(page(ld(article))).window.document).byline).toBe('Ana Ruiz, Ben Okafor');
  });

  it("an organisation author that is the site's section gives way to <meta name=author>", () => {
    const article = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Valley News' },
        { '@type': 'NewsArticle', headline: 'River rises again', author: { '@type': 'Organization', name: 'Valley News Desk' } },
      ],
    };
    expect(readMetadata(dom(page(`${ld(article)}<meta name="author" content="Ana Ruiz">`)).window.document).byline).toBe('Ana Ruiz');
  });
});
