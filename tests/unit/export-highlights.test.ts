// @vitest-environment node
// Markdown of highlights and notes for Obsidian: front matter a YAML parser reads back exactly, block
// quotes in reading order with their notes and links back to the quote, one file for all highlights.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { unzipSync, strFromU8 } from 'fflate';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { openDb, type ArticleRecord, type HighlightRecord } from '../../lib/db/schema';
import {
  articleHighlightsMarkdown,
  exportAllHighlightsMarkdown,
  exportHighlightsZip,
  textFragmentUrl,
} from '../../lib/export/highlights-markdown';
import { yamlString } from '../../lib/export/markdown-text';

const article = (over: Partial<ArticleRecord> = {}): ArticleRecord => ({
  id: 1,
  url: 'https://example.com/a',
  originalUrl: 'https://example.com/a?ref=x',
  title: 'Plain title',
  byline: 'Ann Author',
  siteName: 'Example',
  lang: 'en',
  publishedTime: null,
  excerpt: null,
  savedAt: Date.UTC(2024, 0, 2, 3, 4, 5),
  updatedAt: Date.UTC(2024, 0, 2, 3, 4, 5),
  status: 'unread',
  favorite: 0,
  tags: ['science', 'bees'],
  tagCandidates: [],
  tagsEdited: true,
  wordCount: 100,
  cjkChars: 0,
  imageCount: 0,
  readingMinutes: 1,
  progress: 0,
  contentState: 'full',
  ...over,
});

let n = 0;
const hl = (over: Partial<HighlightRecord> & { exact: string }): HighlightRecord => {
  const { exact, ...rest } = over;
  return {
    id: `h${++n}`,
    articleId: 1,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: null,
    color: 'yellow',
    note: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    anchor: 'placed',
    source: 'gist',
    ...rest,
  };
};

const frontMatterOf = (md: string) => {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
  expect(m).not.toBeNull();
  return load(m![1]) as Record<string, unknown>;
};

describe('YAML front matter', () => {
  it('reads back exactly through a YAML parser: quotes, colons, newlines, #, leading dashes and odd characters in titles', () => {
    const nasty = [
      'Plain',
      'Title: with a colon',
      'He said "hi" and \'bye\'',
      'Two\nlines\r\nand a tab\t',
      '# not a comment',
      '- not a list',
      '[not, a, list]',
      '{not: a map}',
      'yes',
      'null',
      '123',
      '@at `tick` |pipe >fold *star &amp !bang %pct',
      'back\\slash',
      'line\u2028separator \u0085 nel \u007f del \u009f c1',
      'emoji 🐝 and 日本語',
      '',
    ];
    for (const title of nasty) {
      const md = articleHighlightsMarkdown(article({ title, byline: title, tags: [title || 'x', 'b: c'] }), []);
      const fm = frontMatterOf(md);
      // Valid YAML 1.2 either way; escaped, so YAML 1.1 readers see no line break or unprintable character either.
      expect(md.slice(0, md.indexOf('\n---\n'))).not.toMatch(/[\u007f-\u009f\u2028\u2029]/);
      expect(fm.title).toBe(title || 'https://example.com/a?ref=x');
      expect(fm.author).toBe(title ? title : undefined);
      expect(fm.tags).toEqual([title || 'x', 'b: c']);
      expect(load(`v: ${yamlString(title)}`)).toEqual({ v: title });
    }
  });

  it('carries title, url, author, saved and tags', () => {
    const fm = frontMatterOf(articleHighlightsMarkdown(article(), []));
    expect(fm).toEqual({
      title: 'Plain title',
      url: 'https://example.com/a?ref=x',
      author: 'Ann Author',
      saved: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      tags: ['science', 'bees'],
    });
  });
});

describe('text fragment links', () => {
  it('a short quote whole; a long or multi-paragraph one by its first and last words; -, & and parentheses escaped', () => {
    expect(textFragmentUrl('https://e.com/p', 'big world')).toBe('https://e.com/p#:~:text=big%20world');
    expect(textFragmentUrl('https://e.com/p', 'a well-known (famous) & loved')).toBe(
      'https://e.com/p#:~:text=a%20well%2Dknown%20%28famous%29%20%26%20loved',
    );
    expect(textFragmentUrl('https://e.com/p', 'one two three four five six seven eight nine ten')).toBe(
      'https://e.com/p#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten',
    );
    expect(textFragmentUrl('https://e.com/p#sec', 'First para.\n\nSecond one here')).toBe(
      'https://e.com/p#sec:~:text=First%20para.,Second%20one%20here',
    );
    expect(textFragmentUrl('https://e.com/wiki/A_(b)', 'x')).toBe('https://e.com/wiki/A_%28b%29#:~:text=x');
  });
});

describe('one article as Markdown', () => {
  it('front matter, the article note, then each highlight in the given order as a block quote, its note below, a link back', () => {
    const md = articleHighlightsMarkdown(article({ note: 'My take:\nworth it' }), [
      hl({ exact: '# Not a heading *really*\nsecond line', note: 'first note' }),
      hl({ exact: 'plain', note: '  ' }),
    ]);
    expect(md).toBe(
      [
        '---',
        'title: "Plain title"',
        'url: "https://example.com/a?ref=x"',
        'author: "Ann Author"',
        'saved: 2024-01-02T03:04:05.000Z',
        'tags: ["science", "bees"]',
        '---',
        '',
        '# Plain title',
        '',
        'My take:\nworth it',
        '',
        '## Highlights',
        '',
        '> \\# Not a heading \\*really\\*',
        '> second line',
        // The quote spans two lines (blocks): its first words of the first and last words of the last.
        '> — [Plain title](https://example.com/a?ref=x#:~:text=%23%20Not%20a%20heading,second%20line)',
        '',
        'first note',
        '',
        '> plain',
        '> — [Plain title](https://example.com/a?ref=x#:~:text=plain)',
        '',
      ].join('\n'),
    );
  });
});

describe('exports over the library', () => {
  async function library() {
    const db = openDb(`hlmd-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const { id: _a, ...a } = article({ title: 'Older: article', note: 'noted' });
    const { id: _b, ...b } = article({ url: 'https://example.org/b', originalUrl: 'https://example.org/b', title: 'Newer', tags: [] });
    const { id: _c, ...c } = article({ url: 'https://example.net/c', originalUrl: 'https://example.net/c', title: 'Nothing marked' });
    const [ida, idb] = (await db.articles.bulkAdd([a, b, c] as ArticleRecord[], { allKeys: true })) as number[];
    await db.highlights.bulkAdd([
      hl({ articleId: ida, exact: 'second in text', position: { type: 'TextPositionSelector', start: 50, end: 64 }, createdAt: 1000 }),
      hl({ articleId: ida, exact: 'first in text', position: { type: 'TextPositionSelector', start: 5, end: 18 }, createdAt: 2000 }),
      hl({ articleId: idb, exact: 'newest of all', note: 'why', createdAt: 5000 }),
    ]);
    return db;
  }

  it('all highlights: one file, grouped by article, most recently highlighted first, reading order inside', async () => {
    const md = await (await exportAllHighlightsMarkdown(await library(), { now: () => Date.UTC(2025, 0, 1) })).text();
    const fm = frontMatterOf(md);
    expect(fm).toEqual({ title: 'Gist highlights', exported: new Date(Date.UTC(2025, 0, 1)), articles: 2, highlights: 3 });
    const order = [
      '## [Newer](https://example.org/b)',
      '> newest of all',
      'why',
      '## [Older: article](https://example.com/a?ref=x)',
      'noted',
      '> first in text',
      '> second in text',
    ];
    const at = order.map((s) => md.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(md).not.toContain('Nothing marked');
  });

  it('a ZIP with one Obsidian file per article that has highlights or a note', async () => {
    const files = unzipSync(new Uint8Array(await (await exportHighlightsZip(await library())).arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['Newer.md', 'Older article.md']);
    const older = strFromU8(files['Older article.md']);
    expect(frontMatterOf(older).title).toBe('Older: article');
    expect(older.indexOf('> first in text')).toBeLessThan(older.indexOf('> second in text'));
  });
});
