import { describe, expect, it } from 'vitest';
import { articleKey, canonicalUrl } from '../../lib/url/canonical-url';

describe('canonicalUrl', () => {
  it('strips tracking parameters, fragments, default ports and trailing slashes', () => {
    expect(canonicalUrl('https://Example.com:443/news/story/?utm_source=x&utm_medium=y&fbclid=abc&gclid=1&mc_cid=2#comments'))
      .toBe('https://example.com/news/story');
    expect(canonicalUrl('http://example.com:80/a//')).toBe('http://example.com/a');
  });
  it('keeps meaningful query parameters, in a stable order', () => {
    expect(canonicalUrl('https://example.com/article?page=2&id=7&utm_campaign=z')).toBe('https://example.com/article?id=7&page=2');
    expect(canonicalUrl('https://example.com/article?id=7&page=2')).toBe(canonicalUrl('https://example.com/article?page=2&id=7'));
  });
  it('keeps non-default ports and the root path', () => {
    expect(canonicalUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/');
  });
  it('returns unparseable input trimmed rather than throwing', () => {
    expect(canonicalUrl('  not a url ')).toBe('not a url');
  });
});

describe('articleKey', () => {
  it('prefers a declared canonical on the same site', () => {
    expect(articleKey('https://www.example.com/a?utm_source=rss', 'https://example.com/2024/a-story/')).toBe('https://example.com/2024/a-story');
    expect(articleKey('https://news.example.co.uk/x', 'https://www.example.co.uk/y')).toBe('https://www.example.co.uk/y');
  });
  it('resolves a relative canonical against the page', () => {
    expect(articleKey('http://127.0.0.1:4000/article.html', '/2026/05/rooftop-beekeeping')).toBe('http://127.0.0.1:4000/2026/05/rooftop-beekeeping');
  });
  it('ignores a canonical on another site (syndication, hijack)', () => {
    expect(articleKey('https://blog.example.org/post', 'https://evil.test/post')).toBe('https://blog.example.org/post');
    expect(articleKey('https://example.org/post', 'javascript:alert(1)')).toBe('https://example.org/post');
  });
});
