// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { collectPublisherTags, filterPublisherTags, publisherTagSources } from '../../lib/tags/publisher-tags';

function doc(head: string, body = '<p>Text</p>', url = 'https://www.example-news.com/2024/story'): Document {
  return new JSDOM(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, { url }).window.document;
}

describe('collectPublisherTags', () => {
  it('reads JSON-LD keywords (string list or array), about and articleSection', () => {
    const d = doc(
      `<script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        keywords: ['Climate change', 'Glaciers'],
        about: [{ '@type': 'Thing', name: 'Switzerland' }],
        articleSection: 'Science',
      })}</script>`,
    );
    expect(collectPublisherTags(d)).toEqual(['Climate change', 'Glaciers', 'Switzerland', 'Science']);
  });

  it('walks @graph and ignores keywords of the WebSite/Organization', () => {
    const d = doc(
      `<script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', keywords: 'news, weather, sports' },
          { '@type': 'BlogPosting', keywords: 'sourdough, baking' },
        ],
      })}</script>`,
    );
    expect(collectPublisherTags(d)).toEqual(['sourdough', 'baking']);
  });

  it('reads article:tag (one per element), news_keywords, parsely-tags, sailthru.tags and rel=tag links', () => {
    const d = doc(
      `<meta property="article:tag" content="Volkswagen"><meta property="article:tag" content="Electric vehicles">
       <meta name="news_keywords" content="LA Auto Show, concept cars">
       <meta name="parsely-tags" content="autos,design">
       <meta name="sailthru.tags" content="cars">`,
      '<article><a rel="tag" href="/t/ev">EV</a></article>',
    );
    expect(collectPublisherTags(d)).toEqual([
      'Volkswagen',
      'Electric vehicles',
      'LA Auto Show',
      'concept cars',
      'autos',
      'design',
      'cars',
      'EV',
    ]);
  });

  it('uses <meta name="keywords"> only when nothing better exists', () => {
    const kwOnly = doc('<meta name="keywords" content="gardening, tomatoes, compost">');
    expect(collectPublisherTags(kwOnly)).toEqual(['gardening', 'tomatoes', 'compost']);
    const both = doc('<meta name="keywords" content="cheap flights, hotels"><meta property="article:tag" content="Lisbon">');
    expect(collectPublisherTags(both)).toEqual(['Lisbon']);
  });

  it('drops keyword stuffing (a source with hundreds of tags)', () => {
    const many = Array.from({ length: 200 }, (_, i) => `keyword${String.fromCharCode(97 + (i % 26))}${i}`).join(', ');
    const d = doc(`<meta name="news_keywords" content="${many}"><meta property="article:tag" content="Budget">`);
    expect(collectPublisherTags(d)).toEqual(['Budget']);
  });

  it('drops the site name, generic words, internal codes, sentences and tickers', () => {
    const d = doc(
      `<meta property="og:site_name" content="Example News">
       <meta property="article:tag" content="Example News"><meta property="article:tag" content="Breaking News">
       <meta property="article:tag" content="section:politics"><meta property="article:tag" content="tag_123">
       <meta property="article:tag" content="This is a whole sentence that someone typed into the tag box">
       <meta property="article:tag" content="7974.TO"><meta property="article:tag" content="Latest News">
       <meta property="article:tag" content="example-news.com"><meta property="article:tag" content="Nintendo">`,
    );
    expect(collectPublisherTags(d)).toEqual(['Nintendo']);
  });

  it('merges case and spelling variants and fixes shouting, decodes entities', () => {
    const d = doc(
      `<meta property="article:tag" content="E-Sports"><meta property="article:tag" content="esports">
       <meta property="article:tag" content="Elections"><meta property="article:tag" content="election">
       <meta property="article:tag" content="CLIMATE CHANGE"><meta property="article:tag" content="NASA">
       <meta property="article:tag" content="Energy &amp;amp; Environment"><meta property="article:tag" content="energy and environment">`,
    );
    expect(collectPublisherTags(d)).toEqual(['E-Sports', 'Elections', 'Climate Change', 'NASA', 'Energy & Environment']);
  });

  it('turns catalogue-style inverted names into natural order', () => {
    const d = doc('<meta property="article:tag" content="Beshear, Andrew G (1977- )"><meta property="article:tag" content="Medicaid">');
    expect(collectPublisherTags(d)).toEqual(['Andrew G Beshear', 'Medicaid']);
  });

  it('keeps tags in any language', () => {
    const d = doc(
      '<meta property="article:tag" content="Klimawandel"><meta property="article:tag" content="инстаграм"><meta property="article:tag" content="東京オリンピック">',
      '<p>x</p>',
      'https://www.zeitung.de/a',
    );
    expect(collectPublisherTags(d)).toEqual(['Klimawandel', 'инстаграм', '東京オリンピック']);
  });

  it('survives malformed JSON-LD and returns [] for a page without metadata', () => {
    expect(collectPublisherTags(doc('<script type="application/ld+json">{ not json</script>'))).toEqual([]);
    expect(publisherTagSources(doc('')).every((s) => s.tags.length === 0)).toBe(true);
  });
});

describe('filterPublisherTags', () => {
  it('filters against the site name and host it is given', () => {
    expect(
      filterPublisherTags(['The Verge', 'verge', 'Apple', 'iPhone'], { siteName: 'The Verge', url: 'https://www.theverge.com/x' }),
    ).toEqual(['Apple', 'iPhone']);
  });
});

describe('raw publisher tags from the extraction (filtered later by rankTags)', () => {
  it('extractArticle returns the declared tags unfiltered; rankTags filters them like collectPublisherTags', async () => {
    const { extractArticle } = await import('../../lib/extract/index');
    const { rankTags } = await import('../../lib/tags/index');
    const body = `<article><h1>Glaciers retreat</h1>${'<p>The glaciers of the Alps lost more ice this summer than in any year on record, scientists said, and the melt is speeding up.</p>'.repeat(6)}</article>`;
    const d = new JSDOM(
      `<!doctype html><html><head><meta property="og:site_name" content="Example News">
      <meta property="article:tag" content="Example News"><meta property="article:tag" content="tag:internal">
      <meta name="news_keywords" content="Glaciers, Climate change, news"></head><body>${body}</body></html>`,
      { url: 'https://www.example-news.com/2024/story' },
    );
    const a = extractArticle(d.window.document, { window: d.window as unknown as Window, sanitize: false });
    expect(a?.publisherTags).toEqual(['Example News', 'tag:internal', 'Glaciers', 'Climate change', 'news']);
    const ranked = rankTags({
      title: a!.title,
      text: a!.text,
      publisherTags: a!.publisherTags,
      siteName: a!.siteName,
      url: d.window.location.href,
    });
    const publisher = ranked.filter((t) => t.source === 'publisher').map((t) => t.tag);
    expect(publisher).toEqual(collectPublisherTags(d.window.document));
    expect(publisher).toEqual(['Glaciers', 'Climate change']);
  });
});

describe('CJK keyword lists', () => {
  it('split at ideographic and full-width commas, and at spaces when a CJK list has no other separator', () => {
    expect(collectPublisherTags(doc('<meta name="keywords" content="金丝路，行业资讯，文交所、邮币卡">'))).toEqual([
      '金丝路',
      '行业资讯',
      '文交所',
      '邮币卡',
    ]);
    expect(collectPublisherTags(doc('<meta name="keywords" content="宇航员 太空 国际空间站">'))).toEqual(['宇航员', '太空', '国际空间站']);
    expect(collectPublisherTags(doc('<meta name="keywords" content="climate change">'))).toEqual(['climate change']);
  });
});
