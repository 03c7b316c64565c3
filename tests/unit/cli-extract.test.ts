// The extraction CLI's output contract: spawned like `npm run --silent extract -- FILE...`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const FIX = join(ROOT, 'tests/fixtures/extract');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const FIELDS = [
  'url',
  'isArticle',
  'title',
  'byline',
  'siteName',
  'lang',
  'publishedTime',
  'excerpt',
  'text',
  'content',
  'wordCount',
  'readingMinutes',
  'tags',
];

function run(...args: string[]) {
  const r = spawnSync(TSX, ['scripts/extract.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return {
    code: r.status,
    out: r.stdout,
    err: r.stderr,
    lines: r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('extract CLI', () => {
  it('prints one JSON object with the contract fields for one file, decoding UTF-8 despite a wrong meta charset', () => {
    const r = run('--url', 'https://valley.example/2024/05/01/cafe-reopens-after-flood', join(FIX, 'article.html'));
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    const o = r.lines[0];
    for (const f of FIELDS) expect(o).toHaveProperty(f);
    expect(o).not.toHaveProperty('file');
    expect(o.isArticle).toBe(true);
    expect(o.title).toBe('Café reopens after flood');
    expect(o.byline).toBe('Ana Ruiz');
    expect(o.siteName).toBe('Valley News');
    expect(o.lang).toBe('en');
    expect(o.publishedTime).toBe('2024-05-01T08:30:00.000Z');
    expect(o.text).toContain('Paragraph 8 of the story explains how the café owners');
    expect(o.text).not.toMatch(/Facebook|Twitter|© 2024/);
    expect(o.content).toContain('src="https://valley.example/img/cafe.jpg"');
    expect(o.content).not.toMatch(/<script|tracker\.invalid/);
    expect(o.wordCount).toBeGreaterThan(200);
    expect(o.readingMinutes).toBeGreaterThanOrEqual(1);
    expect(Array.isArray(o.tags)).toBe(true);
    expect((o.tags as string[]).length).toBeGreaterThan(0);
    expect(r.err).not.toMatch(/Could not parse CSS|Error/i);
  });

  it('prints JSON Lines with "file" for several files (incl. .gz), an error line for a missing or broken file, and exits non-zero at the end', () => {
    const files = [
      join(FIX, 'article.html'),
      join(FIX, 'missing.html'),
      join(FIX, 'article-mill.html.gz'),
      join(FIX, 'broken.html.gz'),
      join(FIX, 'listing.html'),
    ];
    const r = run(...files);
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => l.file)).toEqual(files);
    expect(r.lines[1]).toEqual({ file: files[1], error: 'file not found' });
    expect(r.lines[3].error).toMatch(/gzip/);
    expect(r.lines[2].title).toBe('Mill reopens after flood');
    expect(r.lines[2].isArticle).toBe(true);
    expect(r.lines[4].isArticle).toBe(false);
    for (const i of [0, 2, 4]) for (const f of FIELDS) expect(r.lines[i]).toHaveProperty(f);
  });

  it('reports a page with no readable content with empty content, a warning and exit code 0', () => {
    const r = run(join(FIX, 'empty.html'));
    expect(r.code).toBe(0);
    const o = r.lines[0];
    for (const f of FIELDS) expect(o).toHaveProperty(f);
    expect(o).toMatchObject({
      isArticle: false,
      title: 'Nothing here',
      content: '',
      text: '',
      wordCount: 0,
      readingMinutes: 0,
      warning: 'no article content found',
    });
  });

  it('rejects bad usage with exit code 2', () => {
    expect(run().code).toBe(2);
    expect(run('--url', 'not a url', join(FIX, 'article.html')).code).toBe(2);
  });
});

describe('extract CLI "url": the key the extension would store the page under', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gist-cli-url-'));
  const article = readFileSync(join(FIX, 'article.html'), 'utf8');
  /** The fixture article with `head` added to its <head>, written to a temp file. */
  const page = (name: string, head: string) => {
    const file = join(dir, name);
    writeFileSync(file, article.replace('<head>', `<head>${head}`));
    return file;
  };

  it("takes a same-site canonical (normalised) and ignores one on another author's subdomain", () => {
    const same = run(
      '--url',
      'https://m.valleynews.co.uk/story?utm_source=x',
      page('same.html', '<link rel="canonical" href="https://www.valleynews.co.uk/2024/story/?utm_medium=feed#top">'),
    );
    expect(same.code).toBe(0);
    expect(same.lines[0].url).toBe('https://www.valleynews.co.uk/2024/story');
    const evil = run(
      '--url',
      'https://evil.substack.com/p/x?utm_source=x#c',
      page('evil.html', '<link rel="canonical" href="https://good.substack.com/p/y">'),
    );
    expect(evil.code).toBe(0);
    expect(evil.lines[0].url).toBe('https://evil.substack.com/p/x');
  });

  it('resolves a relative canonical against --url', () => {
    const r = run('--url', 'https://valley.example/amp/story', page('relative.html', '<link rel="canonical" href="/2024/story">'));
    expect(r.lines[0].url).toBe('https://valley.example/2024/story');
  });

  it("without --url: the page's own absolute canonical, else og:url, else the file's file: URL", () => {
    const files = [
      page(
        'canonical.html',
        '<link rel="canonical" href="https://valley.example/2024/story/?utm_source=rss"><meta property="og:url" content="https://other.example/x">',
      ),
      page('og.html', '<meta property="og:url" content="//valley.example/og-story">'),
      page('relative-only.html', '<link rel="canonical" href="/2024/story">'),
      join(FIX, 'empty.html'),
    ];
    const r = run(...files);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l.url)).toEqual([
      'https://valley.example/2024/story',
      'https://valley.example/og-story',
      pathToFileURL(files[2]).href,
      pathToFileURL(files[3]).href,
    ]);
  });

  it('says what url means in --help', () => {
    const r = spawnSync(TSX, ['scripts/extract.ts', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^url is the key the extension would store the article under/m);
  });
});
