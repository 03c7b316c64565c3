import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../lib/url/canonical-url';
import { displayHost, hostOf } from '../../lib/url/host';
import { articleKey, mayClaim, registrableDomain } from '../../lib/url/site';

describe('canonicalUrl', () => {
  it('strips tracking parameters, fragments, default ports and trailing slashes', () => {
    expect(canonicalUrl('https://Example.com:443/news/story/?utm_source=x&utm_medium=y&fbclid=abc&gclid=1&mc_cid=2#comments')).toBe(
      'https://example.com/news/story',
    );
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
    expect(articleKey('https://www.example.com/a?utm_source=rss', 'https://example.com/2024/a-story/')).toBe(
      'https://example.com/2024/a-story',
    );
    expect(articleKey('https://news.example.co.uk/x', 'https://www.example.co.uk/y')).toBe('https://www.example.co.uk/y');
  });
  it('resolves a relative canonical against the page', () => {
    expect(articleKey('http://127.0.0.1:4000/article.html', '/2026/05/rooftop-beekeeping')).toBe(
      'http://127.0.0.1:4000/2026/05/rooftop-beekeeping',
    );
  });
  it('ignores a canonical on another site (syndication, hijack)', () => {
    expect(articleKey('https://blog.example.org/post', 'https://evil.test/post')).toBe('https://blog.example.org/post');
    expect(articleKey('https://example.org/post', 'javascript:alert(1)')).toBe('https://example.org/post');
  });
  it("ignores a canonical on another author's subdomain of a blogging platform missing from the Public Suffix List", () => {
    expect(articleKey('https://evil.substack.com/p/x', 'https://good.substack.com/p/y')).toBe('https://evil.substack.com/p/x');
  });
  it('ignores a canonical on another site of a private suffix (github.io)', () => {
    expect(articleKey('https://mallory.github.io/post', 'https://good.github.io/post')).toBe('https://mallory.github.io/post');
  });
  it('ignores a canonical naming a private suffix itself (a parent host that is no site)', () => {
    expect(articleKey('https://mallory.github.io/post', 'https://github.io/post')).toBe('https://mallory.github.io/post');
    expect(articleKey('https://example.co.uk/a', 'https://co.uk/a')).toBe('https://example.co.uk/a');
  });
  it('accepts www and bare host of a multi-label public suffix (co.uk) both ways', () => {
    expect(articleKey('https://www.example.co.uk/a', 'https://example.co.uk/a/')).toBe('https://example.co.uk/a');
    expect(articleKey('https://example.co.uk/a', 'https://www.example.co.uk/a')).toBe('https://www.example.co.uk/a');
  });
});

describe('mayClaim', () => {
  it('lets a host claim itself, its parent or child (www aside), case and trailing dot aside', () => {
    expect(mayClaim('Example.COM.', 'example.com')).toBe(true);
    expect(mayClaim('m.example.com', 'www.example.com')).toBe(true);
    expect(mayClaim('example.com', 'blog.example.com')).toBe(true);
  });
  it('refuses siblings inside one registrable domain', () => {
    expect(mayClaim('a.example.com', 'b.example.com')).toBe(false);
  });
  it('matches IP addresses, localhost and hosts with unknown suffixes only to themselves', () => {
    expect(mayClaim('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(mayClaim('127.0.0.1', 'localhost')).toBe(false);
    expect(mayClaim('localhost', 'www.localhost')).toBe(false);
    expect(mayClaim('[::1]', '[::1]')).toBe(true);
    expect(mayClaim('a.printer.internal', 'printer.internal')).toBe(false);
    expect(mayClaim('www.nas.local', 'nas.local')).toBe(false);
    expect(mayClaim('', 'example.com')).toBe(false);
  });
});

describe('hosts', () => {
  it('registrableDomain follows the Public Suffix List, private section included', () => {
    expect(registrableDomain('news.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('mallory.github.io')).toBe('mallory.github.io');
    expect(registrableDomain('WWW.Example.com.')).toBe('example.com');
    for (const h of ['github.io', 'co.uk', '127.0.0.1', '[::1]', 'localhost', 'nas.local', '']) expect(registrableDomain(h)).toBeNull();
  });
  it('hostOf keeps the port; displayHost drops "www."; both are null for non-URLs', () => {
    expect(hostOf('https://Example.com:8443/a')).toBe('example.com:8443');
    expect(hostOf('https://example.com:443/a')).toBe('example.com');
    expect(displayHost('https://www.example.com/a')).toBe('example.com');
    expect(hostOf('not a url')).toBeNull();
    expect(displayHost('not a url')).toBeNull();
    expect(hostOf('file:///tmp/a.html')).toBeNull();
  });
});
