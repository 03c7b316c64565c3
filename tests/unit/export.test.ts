// @vitest-environment node
// Exports read the library page by page; Gist JSON Lines re-imports losslessly, bookmarks HTML re-imports,
// and the Markdown zip carries front matter and the stored images.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ArticleRecord, type GistDB, type ImageRecord } from '../../lib/db/schema';
import { exportGistJson, gistJsonChunks } from '../../lib/export/gist-json';
import { exportMarkdownZip, fileNameFor } from '../../lib/export/markdown-zip';
import { exportNetscapeHtml } from '../../lib/export/netscape-html';
import { applyImport } from '../../lib/import/apply-import';
import { parseImport } from '../../lib/import/parse-import';

const fresh = () => openDb(`exp-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
const NOW = 1_800_000_000_000;
const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 1, 2, 3, 250, 251]);

function record(over: Partial<ArticleRecord>): Omit<ArticleRecord, 'id'> {
  return {
    url: 'https://example.com/a',
    originalUrl: 'https://example.com/a?utm_source=x',
    title: 'Alpha: "quoted" <title>',
    byline: 'Ann',
    siteName: 'Example',
    lang: 'en',
    publishedTime: '2019-05-05T00:00:00.000Z',
    excerpt: 'An excerpt, with & ampersand',
    savedAt: 1_600_000_000_123,
    updatedAt: 1_700_000_000_456,
    status: 'archived',
    favorite: 1,
    tags: ['science', 'peanut, butter'],
    tagCandidates: ['science', 'bees'],
    tagsEdited: true,
    wordCount: 3,
    cjkChars: 0,
    imageCount: 1,
    readingMinutes: 1,
    progress: 0.25,
    contentState: 'full',
    highlights: [{ text: 'Hello', note: 'a note', createdAt: '2020-01-01T00:00:00.000Z' }],
    source: 'popup',
    ...over,
  };
}

async function seed(db: GistDB) {
  const a = (await db.articles.add(record({}) as ArticleRecord)) as number;
  await db.contents.put({
    articleId: a,
    html: '<h2>Part</h2><p>Hello <b>big</b> world <img src="https://cdn.example.com/i.png" alt="pic"></p>',
    text: 'Part\n\nHello big world',
  });
  await db.images.add({ articleId: a, src: 'https://cdn.example.com/i.png', blob: new Blob([PNG], { type: 'image/png' }) } as ImageRecord);
  const b = (await db.articles.add(
    record({
      url: 'https://example.org/b',
      originalUrl: 'https://example.org/b',
      title: 'Beta',
      status: 'unread',
      favorite: 0,
      tags: [],
      highlights: undefined,
      contentState: 'pending',
      excerpt: null,
      byline: null,
      progress: 0,
      source: undefined,
    }) as ArticleRecord,
  )) as number;
  return { a, b };
}

let db: GistDB;
beforeEach(async () => {
  db = fresh();
  await seed(db);
});

const linesOf = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const withoutId = <T extends { id?: number }>({ id: _id, ...rest }: T) => rest;

describe('Gist export (JSON Lines)', () => {
  it('writes a header line, one line per article with every field, content and base64 images, and an end line', async () => {
    const text = new TextDecoder().decode(await bytesOf(await exportGistJson(db, { now: () => NOW })));
    expect(text.endsWith('\n')).toBe(true);
    const lines = linesOf(text);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({ format: 'gist-export', version: 2, exportedAt: new Date(NOW).toISOString() });
    expect(lines[1]).toMatchObject({
      url: 'https://example.com/a',
      tagCandidates: ['science', 'bees'],
      content: { text: 'Part\n\nHello big world' },
    });
    expect(lines[1].id).toBeUndefined();
    expect(lines[1].images[0]).toEqual({
      src: 'https://cdn.example.com/i.png',
      type: 'image/png',
      data: Buffer.from(PNG).toString('base64'),
    });
    expect(lines[2]).toMatchObject({ url: 'https://example.org/b', content: null });
    expect(lines[3]).toEqual({ end: true, articles: 2 });
    const small = linesOf(new TextDecoder().decode(await bytesOf(await exportGistJson(db, { includeImages: false }))));
    expect(small[1].images).toBeUndefined();
  });

  it('round-trips losslessly through parseImport and applyImport: records, contents and image bytes', async () => {
    const first = new TextDecoder().decode(await bytesOf(await exportGistJson(db, { now: () => NOW })));
    expect(linesOf(first).map((l) => l.version ?? l.end ?? l.url)).toEqual([2, 'https://example.com/a', 'https://example.org/b', true]);
    const parsed = await parseImport('gist-library.jsonl', new TextEncoder().encode(first));
    expect(parsed.format).toBe('gist-json');
    expect(parsed.errors).toEqual([]);
    expect(parsed.items[0]).toMatchObject({
      url: 'https://example.com/a?utm_source=x',
      status: 'archived',
      favorite: true,
      progress: 0.25,
      tags: ['science', 'peanut, butter'],
      savedAt: new Date(1_600_000_000_123).toISOString(),
    });
    const db2 = fresh();
    // Our own export's HTML was sanitized when stored; the identity function shows nothing else changes it.
    const out = await applyImport(db2, parsed.items, { sanitize: (html) => ({ html }), now: () => NOW + 1 });
    expect(out.map((o) => o.outcome)).toEqual(['imported', 'imported']);
    const [before, after] = [await db.articles.orderBy('url').toArray(), await db2.articles.orderBy('url').toArray()];
    expect(after.map(withoutId)).toEqual(before.map(withoutId));
    const contentOf = async (d: GistDB, url: string) =>
      withoutId({ id: 0, ...(await d.contents.get((await d.articles.get({ url }))!.id)) });
    for (const a of before) expect(await contentOf(db2, a.url)).toEqual(await contentOf(db, a.url));
    const [img] = await db2.images.toArray();
    expect(img.articleId).toBe((await db2.articles.get({ url: 'https://example.com/a' }))!.id);
    expect(img.src).toBe('https://cdn.example.com/i.png');
    expect(new Uint8Array(await img.blob.arrayBuffer())).toEqual(PNG);
    expect(img.blob.type).toBe('image/png');
    expect(await db2.images.count()).toBe(1);
    const second = new TextDecoder().decode(await bytesOf(await exportGistJson(db2, { now: () => NOW })));
    expect(second).toBe(first);
  });

  it('streams one chunk per line with progress, for a library of 1,000 articles', async () => {
    const big = fresh();
    await big.articles.bulkAdd(
      Array.from({ length: 1000 }, (_, i) =>
        record({ url: `https://example.com/${i}`, originalUrl: `https://example.com/${i}` }),
      ) as ArticleRecord[],
    );
    const progress: number[] = [];
    const chunks: string[] = [];
    for await (const c of gistJsonChunks(big, { batchSize: 100, onProgress: (d) => progress.push(d) })) chunks.push(c);
    expect(progress).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(chunks).toHaveLength(1002);
    expect(chunks.every((c) => c.endsWith('\n') && c.indexOf('\n') === c.length - 1)).toBe(true);
    const lines = linesOf(chunks.join(''));
    expect(lines.slice(1, -1).map((a) => a.url)).toEqual(Array.from({ length: 1000 }, (_, i) => `https://example.com/${i}`));
    expect(lines.at(-1)).toEqual({ end: true, articles: 1000 });
  });
});

describe('Netscape bookmark export', () => {
  it('re-imports with titles, tags, dates, unread/archived and favorite', async () => {
    const html = new TextDecoder().decode(await bytesOf(await exportNetscapeHtml(db)));
    expect(html).toMatch(/^<!DOCTYPE NETSCAPE-Bookmark-file-1>/);
    expect(html).toContain('Alpha: &quot;quoted&quot; &lt;title&gt;');
    const r = await parseImport('bookmarks.html', new TextEncoder().encode(html));
    expect(r.format).toBe('netscape-bookmarks');
    expect(r.errors).toEqual([]);
    expect(
      r.items.map((i) => ({
        url: i.url,
        title: i.title,
        tags: i.tags,
        status: i.status,
        favorite: i.favorite,
        savedAt: i.savedAt,
        excerpt: i.excerpt,
      })),
    ).toEqual([
      // Commas separate tags in this format: "peanut, butter" comes back as two tags.
      {
        url: 'https://example.com/a?utm_source=x',
        title: 'Alpha: "quoted" <title>',
        tags: ['science', 'peanut', 'butter'],
        status: 'archived',
        favorite: true,
        savedAt: new Date(1_600_000_000_000).toISOString(),
        excerpt: 'An excerpt, with & ampersand',
      },
      {
        url: 'https://example.org/b',
        title: 'Beta',
        tags: [],
        status: 'unread',
        favorite: false,
        savedAt: new Date(1_600_000_000_000).toISOString(),
        excerpt: undefined,
      },
    ]);
  });
});

describe('Markdown zip export', () => {
  it('writes one file per article with front matter, Markdown body, highlights and local images', async () => {
    const files = unzipSync(await bytesOf(await exportMarkdownZip(db)));
    const names = Object.keys(files).sort();
    expect(names).toEqual(['Alpha quoted title.md', 'Beta.md', 'images/1-1.png']);
    expect(files['images/1-1.png']).toEqual(PNG);
    const md = strFromU8(files['Alpha quoted title.md']);
    expect(
      md.startsWith(
        '---\ntitle: "Alpha: \\"quoted\\" <title>"\nurl: "https://example.com/a?utm_source=x"\ntags: ["science", "peanut, butter"]\nsaved: 2020-09-13T12:26:40.123Z\n',
      ),
    ).toBe(true);
    expect(md).toContain('status: archived\nfavorite: true\nauthor: "Ann"');
    expect(md).toContain('## Part');
    expect(md).toContain('Hello **big** world ![pic](images/1-1.png)');
    expect(md).toContain('## Highlights\n\n> Hello\n\na note\n');
    const beta = strFromU8(files['Beta.md']);
    expect(beta).toContain('[https://example.org/b](https://example.org/b)');
  });

  it('gives unique, safe file names', () => {
    const used = new Set<string>();
    expect(fileNameFor('a/b: c?', used)).toBe('a b c.md');
    expect(fileNameFor('A/B: C?', used)).toBe('A B C (2).md');
    expect(fileNameFor('   ', used)).toBe('untitled.md');
  });
});
