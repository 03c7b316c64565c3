// Origin match patterns for the permission check: the fetch queue asks them for every waiting link, and
// after an import of 100,000 links those share a few thousand sites.
import { afterEach, describe, expect, it } from 'vitest';
import { originPatterns } from '../../lib/url/match-patterns';

const RealURL = URL;
afterEach(() => {
  globalThis.URL = RealURL;
});

describe('originPatterns', () => {
  it('reads the origin the URL parser reads, whatever follows the host or however the URL is spelled', () => {
    expect(
      originPatterns([
        'https://Example.COM:8443/a?b#c',
        'http://127.0.0.1:8080/x',
        'https:///slashes.example/p',
        'https:\\\\back.example\\p',
        'https://u:p@auth.example/x',
        'https://host.example?q=1',
        'https://hash.example#f',
        'http:no-slash.example/p',
        'HTTPS://UPPER.example',
        '  https://space.example/ ',
        'https://exa\tmple.example/p',
        'https://bücher.example/p',
        'https://[::1]:9/x',
        'ftp://files.example/x',
        'mailto:a@b.example',
        'javascript:alert("http://x.example/")',
        'not a url',
        'https://bad host/x',
        'https://u:p/x@weird.example/',
      ]),
    ).toEqual([
      'http://127.0.0.1/*',
      'http://no-slash.example/*',
      'https://[::1]/*',
      'https://auth.example/*',
      'https://back.example/*',
      'https://example.com/*',
      'https://example.example/*',
      'https://hash.example/*',
      'https://host.example/*',
      'https://slashes.example/*',
      'https://space.example/*',
      'https://upper.example/*',
      'https://xn--bcher-kva.example/*',
    ]);
  });

  it('parses one URL per site, not one per link', () => {
    let parsed = 0;
    globalThis.URL = class extends RealURL {
      constructor(url: string | URL, base?: string | URL) {
        super(url, base);
        parsed++;
      }
    } as typeof URL;
    const links = Array.from({ length: 3000 }, (_, i) => `https://site${i % 30}.example/post/${i}?utm_source=x#top`);
    expect(originPatterns(links)).toHaveLength(30);
    expect(parsed).toBe(30);
  });
});
