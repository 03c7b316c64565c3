// Metadata rules of lib/extract on small hand-written pages: which source wins (Readability's order),
// authors from JSON-LD, site names off titles, bylines that survive our clean-up.
import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../lib/extract/metadata';
import { para, dom, extract, ld } from './extract-test-pages';

const page = (head: string, body = `<article><h1>River rises again</h1>${para(5)}</article>`) =>
  `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;

describe('authors from JSON-LD', () => {
  it('gives every name of a Person list, @id references into the @graph resolved, never the publisher', () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        {
          '@type': 'NewsArticle',
          headline: 'River rises again',
          author: [{ '@id': 'https://news.example.com/#/person/1' }, { '@type': 'Person', name: 'Ben Okafor' }],
          publisher: { '@type': 'Organization', name: 'Valley News' },
        },
        { '@type': 'Person', '@id': 'https://news.example.com/#/person/1', name: 'Ana Ruiz' },
        { '@type': 'Organization', name: 'Valley News' },
      ],
    };
    const a = extract(page(`<title>River rises again</title>${ld(graph)}<meta name="author" content="Valley News Desk">`));
    expect(a.byline).toBe('Ana Ruiz, Ben Okafor');
  });

  it('reads a JSON-LD block wrapped in CDATA markers', () => {
    const m = readMetadata(
      dom(
        page(`<script type="application/ld+json">//<![CDATA[
      ${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Article', name: 'Hermitian matrix', author: { '@type': 'Person', name: 'Ana Ruiz' } })}
      //]]></script>`),
      ).window.document,
    );
    expect(m).toMatchObject({ title: 'Hermitian matrix', byline: 'Ana Ruiz' });
  });
});

describe("which source wins (Readability's order: JSON-LD, Dublin Core, then Open Graph and plain names)", () => {
  it('Dublin Core title, creator and description win over Open Graph and <meta name=author>', () => {
    const m = readMetadata(
      dom(
        page(`<title>Doc title</title>
      <meta property="og:title" content="Social title"><meta property="og:description" content="Social blurb">
      <meta name="author" content="Desk"><meta name="DC.creator" content="Ana Ruiz">
      <meta name="dc.title" content="The river rises"><meta name="dc.description" content="The river rose again.">`),
      ).window.document,
    );
    expect(m).toMatchObject({ title: 'The river rises', byline: 'Ana Ruiz', excerpt: 'The river rose again.' });
  });

  it('a JSON-LD description is the excerpt before og:description; property lists count', () => {
    const m = readMetadata(
      dom(
        page(`<meta property="og:description" content="Social blurb">
      <meta property="dc:title og:title" content="Preferred title">
      ${ld({ '@context': 'https://schema.org', '@type': 'NewsArticle', description: 'What happened at the mill.' })}`),
      ).window.document,
    );
    expect(m).toMatchObject({ title: 'Preferred title', excerpt: 'What happened at the mill.' });
  });

  it('JSON-LD name and headline disagree: name, unless only the headline is like the page title', () => {
    const title = (t: string, name: string, headline: string) =>
      readMetadata(
        dom(
          page(`<title>${t}</title>
      ${ld({ '@context': 'https://schema.org', '@type': 'Article', name, headline })}`),
        ).window.document,
      ).title;
    expect(title('List of films featuring time loops - Wikipedia', 'List of films featuring time loops', 'Wikimedia list article')).toBe(
      'List of films featuring time loops',
    );
    expect(title('River rises again in the valley - Valley News', 'Valley News', 'River rises again in the valley')).toBe(
      'River rises again in the valley',
    );
  });
});

describe('site names come off titles', () => {
  it('" | Site" from og:title when og:site_name names it; " – Site" from the document title', () => {
    expect(
      extract(
        page('<meta property="og:title" content="River rises again | Valley News"><meta property="og:site_name" content="Valley News">'),
      ).title,
    ).toBe('River rises again');
    expect(extract(page('<title>River rises again in the valley – My website</title>')).title).toBe('River rises again in the valley');
  });

  it('Japanese separators, spaced or full-width, with the site name from og:site_name or the host', () => {
    const jp = (title: string, site = '') =>
      page(
        `<meta property="og:title" content="${title}">${site ? `<meta property="og:site_name" content="${site}">` : ''}`,
        `<article><h1>${title}</h1>${para(5)}</article>`,
      );
    expect(extract(jp('大雨で川が増水、農地に被害 - 谷ニュース', '谷ニュース')).title).toBe('大雨で川が増水、農地に被害');
    expect(extract(jp('大雨で川が増水、農地に被害｜谷ニュース', '谷ニュース')).title).toBe('大雨で川が増水、農地に被害');
    expect(extract(jp('大雨で川が増水、農地に被害 | tani-news'), 'https://www.tani-news.jp/articles/1').title).toBe(
      '大雨で川が増水、農地に被害',
    );
  });

  it('keeps a title whose end is not the site name, and a title that would be left too short', () => {
    expect(
      extract(
        page(
          '<meta property="og:title" content="Firefox — Customize it — The flexible browser"><meta property="og:site_name" content="Mozilla">',
        ),
      ).title,
    ).toBe('Firefox — Customize it — The flexible browser');
    expect(
      extract(page('<meta property="og:title" content="Rain | Valley News"><meta property="og:site_name" content="Valley News">')).title,
    ).toBe('Rain | Valley News');
  });
});

describe('bylines are not emptied', () => {
  it('a byline inside an author box our furniture pass removes is still found, and leaves the body', () => {
    const a = extract(
      page(
        '<title>River rises again</title>',
        `<article><h1>River rises again</h1><div class="author-box"><a rel="author" href="/staff/ana">Ana Ruiz</a></div>${para(5)}</article>`,
      ),
    );
    expect(a.byline).toBe('Ana Ruiz');
    expect(a.text).not.toContain('Ana Ruiz');
  });

  it('a name followed by its home page is kept; a link alone is not a name', () => {
    expect(readMetadata(dom(page('<meta name="author" content="Bradley M. Kuhn (http://ebb.org/bkuhn/)">')).window.document).byline).toBe(
      'Bradley M. Kuhn (http://ebb.org/bkuhn/)',
    );
    expect(readMetadata(dom(page('<meta name="author" content="https://www.facebook.com/anaruiz">')).window.document).byline).toBeNull();
  });

  it('a "Follow author" button or a date in a byline-classed element is skipped for the real name after it', () => {
    const a = extract(
      page(
        '<title>River rises again</title>',
        `<article><h1>River rises again</h1><span class="author-follow">Follow Author</span><p class="dateline">May 1, 2024</p><p class="byline">By Ana Ruiz</p>${para(5)}</article>`,
      ),
    );
    expect(a.byline).toBe('Ana Ruiz');
  });
});
