// Page loading for the CLI and benchmarks: UTF-8 whatever the meta says, no page scripts, no
// subresource fetches, quiet CSS errors, and a retry without styles when jsdom's CSS code throws.
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { declaredUrl, loadPage, parsePage, readPageFile, stripStyles } from '../../scripts/lib/load-page';

describe('load-page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gist-load-'));

  it('decodes .html and .html.gz as UTF-8 even when the page declares another charset', () => {
    const html = '<html><head><meta charset="iso-8859-1"></head><body><p>café – naïve</p></body></html>';
    writeFileSync(join(dir, 'a.html'), html);
    writeFileSync(join(dir, 'a.html.gz'), gzipSync(Buffer.from(html, 'utf8')));
    expect(readPageFile(join(dir, 'a.html'))).toContain('café – naïve');
    expect(readPageFile(join(dir, 'a.html.gz'))).toContain('café – naïve');
  });

  it('runs no page scripts and loads no resources', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const dom = parsePage(
      '<html><body><p id="x">text</p><script>document.getElementById("x").textContent = "ran"</script><img src="https://tracker.invalid/p.gif"><link rel="stylesheet" href="https://cdn.invalid/s.css"></body></html>',
      'https://example.com/a',
    );
    expect(dom.window.document.getElementById('x')?.textContent).toBe('text');
    expect(fetchSpy).not.toHaveBeenCalled();
    dom.window.close();
  });

  it('stays quiet on broken CSS and retries without styles when jsdom throws on them', () => {
    const errors = vi.spyOn(console, 'error');
    const dom = parsePage('<html><head><style>.a { color: ; } @media (bad { }</style></head><body><p>ok</p></body></html>');
    expect(dom.window.document.body.textContent).toContain('ok');
    expect(errors).not.toHaveBeenCalled();
    // This stylesheet makes jsdom 27's cssstyle throw while parsing; the page must still load.
    const crashy =
      '<html><head><style>.x{border: inherit; border-width: 1px}</style></head><body><div style="display:none">hid</div><p>still here</p></body></html>';
    const d2 = parsePage(crashy);
    expect(d2.window.document.body.textContent).toContain('still here');
    expect(d2.window.document.querySelector('div')?.hasAttribute('hidden')).toBe(true);
    expect(stripStyles('<div style="display: none">x</div><p style="color:red">y</p><style>.a{}</style>')).toBe(
      '<div hidden>x</div><p >y</p><style></style>',
    );
  });

  it("uses the page's canonical URL when none is given", () => {
    writeFileSync(
      join(dir, 'c.html'),
      '<html><head><link rel="canonical" href="https://site.example/2024/story"></head><body><a href="/x">x</a></body></html>',
    );
    const dom = loadPage(join(dir, 'c.html'));
    expect(dom.window.document.URL).toBe('https://site.example/2024/story');
    expect(declaredUrl(dom.window.document)).toBe('https://site.example/2024/story');
    expect(loadPage(join(dir, 'c.html'), 'https://other.example/p').window.document.URL).toBe('https://other.example/p');
  });
});
