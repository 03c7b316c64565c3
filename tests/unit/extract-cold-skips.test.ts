// Work the extraction skips on a cold run (issue #15) without changing its result: the page's home
// links are read only when a site-name match needs them, and the <meta> elements are read once.
import { describe, expect, it } from 'vitest';
import { confirmedHeadline, stripSiteName } from '../../lib/extract/title';
import { namedMetas, namedMetasOf } from '../../lib/extract/metadata';
import { siteMatcher } from '../../lib/extract/site-name';
import { metaTables } from '../../lib/page-meta/index';
import { dom, extract, para } from './extract-test-pages';

/** homeNames as a function that counts its calls. */
function counted(names: string[]) {
  const calls = { n: 0 };
  return { calls, fn: () => (calls.n++, names) };
}

describe('site matcher: home links are read only when no other name matches', () => {
  // [declared names, host labels, home-link names, text] → any(text), and empty for the first text.
  const cases: [string[], string[], string[], string, boolean][] = [
    [['CNN'], ['news', 'example'], ['Valley Times'], 'CNN Politics', true],
    [['CNN'], ['news', 'example'], ['Valley Times'], 'example', true],
    [['CNN'], ['news', 'example'], ['Valley Times'], 'news', true],
    [['CNN'], ['nyt'], ['Valley Times'], 'ny', false],
    [['CNN'], ['news', 'example'], ['Valley Times'], 'valley times', true],
    [['CNN'], ['news', 'example'], ['Valley Times'], 'Jane Doe', false],
    [[], ['www'], ['Valley Times'], 'Valley Times', true],
    [[], [], ['Valley Times'], 'Valley Times', true],
    [[], [], [], 'Valley Times', false],
  ];

  it('answers as with the names given up front, for every text', () => {
    for (const [names, hosts, home, text, want] of cases) {
      expect(siteMatcher(names, hosts, home).any(text), text).toBe(want);
      expect(siteMatcher(names, hosts, counted(home).fn).any(text), text).toBe(want);
    }
    expect(siteMatcher([], [], counted(['Valley Times']).fn).empty).toBe(false);
    expect(siteMatcher([], ['ab'], counted([]).fn).empty).toBe(true);
    expect(siteMatcher([], [], counted([]).fn).empty).toBe(true);
  });

  it('never reads them when a declared name or a host label matches, or for named() and empty', () => {
    const { calls, fn } = counted(['Valley Times']);
    const site = siteMatcher(['CNN'], ['example'], fn);
    expect(site.any('CNN Politics')).toBe(true);
    expect(site.any('example')).toBe(true);
    expect(site.named('Jane Doe')).toBe(false);
    expect(site.empty).toBe(false);
    expect(calls.n).toBe(0);
    // A text nothing else matches reads them, once.
    expect(site.any('Valley Times')).toBe(true);
    expect(site.any('Jane Doe')).toBe(false);
    expect(calls.n).toBe(1);
  });

  it('a title without separators never reads them (headline check and site-name cut)', () => {
    const { calls, fn } = counted(['Valley Times']);
    const site = siteMatcher([], ['example'], fn);
    const d = dom(
      `<html><head><title>River rises again in the valley</title></head><body><h1>River rises again in the valley</h1>${para(3)}</body></html>`,
    ).window.document;
    expect(confirmedHeadline(d, 'River rises again in the valley', site)).toBe('River rises again in the valley');
    expect(stripSiteName('River rises again in the valley', site)).toBe('River rises again in the valley');
    expect(calls.n).toBe(0);
  });

  it('a headline cut still takes off a home-link name at the end of the title', () => {
    const header = '<header><a href="/"><img src="/logo.png" alt="Valley Times"></a></header>';
    const body = `${header}<article><h1>River rises again in the valley</h1>${para(5)}</article>`;
    const html = `<!doctype html><html><head><meta property="og:title" content="River rises again in the valley | Local | Valley Times"></head><body>${body}</body></html>`;
    expect(extract(html).title).toBe('River rises again in the valley');
  });
});

describe('<meta> elements are read once per extraction', () => {
  const head = `
    <meta property="og:title" content="  River rises  ">
    <meta property="og:description twitter:description" content="Desc">
    <meta name="DC.creator" content="Jane Doe">
    <meta name="author" content="   ">
    <meta name="author" content="John Roe">
    <meta name="parsely-title" content="Parsely title">
    <meta name="weibo:article:title" content="Weibo title">
    <meta name="keywords" content="a, b">
    <meta property="article:author" name="author" content="Both">`;

  it('namedMetasOf(metaTables rows) gives what reading the elements gives, as Readability 0.6 reads them', () => {
    const d = dom(`<html><head>${head}</head><body>${para(1)}</body></html>`).window.document;
    const named = namedMetasOf(metaTables(d).rows);
    expect(Object.fromEntries(named)).toEqual({
      'og:title': 'River rises',
      'og:description': 'Desc',
      'dc:creator': 'Jane Doe',
      author: 'John Roe',
      'parsely-title': 'Parsely title',
      'weibo:article:title': 'Weibo title',
      'article:author': 'Both',
    });
    expect(namedMetas(d)).toEqual(named);
  });
});
