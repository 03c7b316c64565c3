// @vitest-environment node
// Exports stream: pages of articles in, Blob parts out. The output is byte-for-byte what the old
// collect-everything path made, re-imports losslessly, reports monotonic progress up to the total,
// reads at most one page of bodies at a time, and seals its output into Blob parts as it goes.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type ArticleRecord, type GistDB, type ImageRecord } from '../../lib/db/schema';
import { exportGistJson, gistJsonChunks } from '../../lib/export/gist-json';
import { exportMarkdownZip, markdownZipChunks } from '../../lib/export/markdown-zip';
import { toBlob } from '../../lib/export/iterate';
import { applyImport } from '../../lib/import/apply-import';
import { parseImport } from '../../lib/import/parse-import';
import { bulkPutBodies } from '../../lib/db/contents';

const fresh = () => openDb(`stream-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

function record(i: number): Omit<ArticleRecord, 'id'> {
  return {
    url: `https://example.com/${i}`,
    originalUrl: `https://example.com/${i}?ref=x`,
    title: `Article ${i}: "quoted" <b>`,
    byline: i % 3 ? 'Ann' : null,
    siteName: 'Example',
    lang: 'en',
    publishedTime: null,
    excerpt: `Excerpt ${i}`,
    savedAt: 1_600_000_000_000 + i * 1000,
    updatedAt: 1_600_000_000_000 + i * 2000,
    status: i % 2 ? 'archived' : 'unread',
    favorite: i % 5 ? 0 : 1,
    tags: i % 4 ? ['a', `t${i % 7}`] : [],
    tagCandidates: [],
    tagsEdited: i % 4 !== 0,
    wordCount: 6,
    cjkChars: 0,
    imageCount: i % 3 === 0 ? 1 : 0,
    readingMinutes: 1,
    progress: 0,
    contentState: 'full',
    ...(i % 10 === 0 ? { imagesDropped: true } : {}),
  };
}

async function library(n: number): Promise<GistDB> {
  const db = fresh();
  const ids = (await db.articles.bulkAdd(Array.from({ length: n }, (_, i) => record(i)) as ArticleRecord[], { allKeys: true })) as number[];
  await bulkPutBodies(
    db,
    ids.map((id, i) => ({
      articleId: id,
      html: `<h2>Part ${i}</h2><p>Body of article ${i}, with a ${'long '.repeat(i % 50)}tail.</p>${i % 3 === 0 ? `<img src="https://cdn.example.com/${i}.png" alt="pic ${i}">` : ''}`,
      text: `Part ${i}\n\nBody of article ${i}, with a ${'long '.repeat(i % 50)}tail.`,
    })),
  );
  const png = (i: number) => new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, i & 255, 7, 7])], { type: 'image/png' });
  await db.images.bulkAdd(
    ids.flatMap((id, i) => (i % 3 === 0 ? [{ articleId: id, src: `https://cdn.example.com/${i}.png`, blob: png(i) } as ImageRecord] : [])),
  );
  return db;
}

/** What exports produced before streaming: every chunk kept, then one Blob. */
async function collectAll(chunks: AsyncIterable<string | Uint8Array>, type: string): Promise<Blob> {
  const parts: BlobPart[] = [];
  for await (const c of chunks) parts.push(c as BlobPart);
  return new Blob(parts, { type });
}

const NOW = () => 1_800_000_000_000;

afterEach(() => vi.restoreAllMocks());

describe('streaming exports', () => {
  it('Gist JSON: the same bytes as the collect-everything export, and a lossless re-import', async () => {
    const db = await library(230);
    const old = await bytesOf(await collectAll(gistJsonChunks(db, { now: NOW }), 'application/x-ndjson'));
    const blob = await exportGistJson(db, { now: NOW });
    expect(await bytesOf(blob)).toEqual(old);
    // Small parts: the same bytes however the output is cut.
    expect(await bytesOf(await toBlob(gistJsonChunks(db, { now: NOW }), 'x', 1000))).toEqual(old);

    const back = fresh();
    const parsed = await parseImport('gist.jsonl', await bytesOf(blob));
    expect(parsed.errors).toEqual([]);
    await applyImport(back, parsed.items, { sanitize: (html) => ({ html }), now: NOW });
    const strip = ({ id: _id, ...a }: ArticleRecord) => a;
    expect((await back.articles.orderBy('url').toArray()).map(strip)).toEqual((await db.articles.orderBy('url').toArray()).map(strip));
    expect((await back.articles.toArray()).filter((a) => a.imagesDropped)).toHaveLength(23);
    expect(await back.images.count()).toBe(await db.images.count());
    const text = async (d: GistDB) => (await d.texts.toArray()).map((c) => c.text).sort();
    expect(await text(back)).toEqual(await text(db));
  });

  it('Markdown ZIP: the same files, byte for byte, as the collect-everything export', async () => {
    const db = await library(120);
    const old = await bytesOf(await collectAll(markdownZipChunks(db), 'application/zip'));
    const now = await bytesOf(await exportMarkdownZip(db));
    // The entries, not the archive bytes: each entry's modification time is the clock's at writing
    // (2 s resolution), so two exports a moment apart may differ there and nowhere else.
    const files = unzipSync(now);
    expect(files).toEqual(unzipSync(old));
    expect(Object.keys(files).filter((f) => f.endsWith('.md'))).toHaveLength(120);
    expect(Object.keys(files).filter((f) => f.startsWith('images/'))).toHaveLength(40);
    expect(strFromU8(files['Article 3 quoted b.md'])).toContain('![pic 3](images/');
  });

  it('reports progress from 0, never going back, ending at the total', async () => {
    const db = await library(250);
    for (const run of [
      (p: (d: number, t: number) => void) => exportGistJson(db, { onProgress: p, batchSize: 40 }),
      (p: (d: number, t: number) => void) => exportMarkdownZip(db, { onProgress: p, batchSize: 40 }),
    ]) {
      const seen: [number, number][] = [];
      await run((d, t) => seen.push([d, t]));
      expect(seen[0]).toEqual([0, 250]);
      expect(seen.at(-1)).toEqual([250, 250]);
      expect(seen.every(([d, t], k) => t === 250 && (k === 0 || d > seen[k - 1][0]))).toBe(true);
      expect(seen).toHaveLength(1 + Math.ceil(250 / 40));
    }
  });

  it('reads at most one page of bodies and images at a time', async () => {
    const db = await library(250);
    const bodies = vi.spyOn(db.contents, 'bulkGet');
    const toArray = vi.spyOn(db.contents, 'toArray');
    const where = vi.spyOn(db.images, 'where');
    await exportGistJson(db, { batchSize: 40 });
    await exportMarkdownZip(db, { batchSize: 40 });
    expect(toArray).not.toHaveBeenCalled();
    const sizes = bodies.mock.calls.map(([ids]) => (ids as number[]).length);
    expect(sizes.length).toBe(2 * Math.ceil(250 / 40));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(40);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(500);
    // Images: by article id, page by page (no whole-table read).
    expect(where.mock.calls.every(([idx]) => String(idx) === 'articleId')).toBe(true);
    expect(where).toHaveBeenCalledTimes(2 * Math.ceil(250 / 40));
  });

  it('seals the output into Blob parts as it goes: no Blob is built from more than a part of chunks', async () => {
    const db = await library(300);
    const Real = globalThis.Blob;
    const made: { parts: number; stringBytes: number; blobs: number }[] = [];
    class Spy extends Real {
      constructor(parts?: BlobPart[], opts?: BlobPropertyBag) {
        super(parts, opts);
        const list = parts ?? [];
        made.push({
          parts: list.length,
          stringBytes: list.reduce<number>(
            (n, p) => n + (typeof p === 'string' ? p.length * 2 : p instanceof Uint8Array ? p.byteLength : 0),
            0,
          ),
          blobs: list.filter((p) => p instanceof Real).length,
        });
      }
    }
    vi.stubGlobal('Blob', Spy);
    try {
      const out = await toBlob(gistJsonChunks(db), 'application/x-ndjson', 16 * 1024);
      const whole = made.at(-1)!;
      // The final Blob is made of sealed parts only, each made from at most ~16 KB of chunks (plus one line).
      expect(whole.stringBytes).toBe(0);
      expect(whole.blobs).toBe(whole.parts);
      expect(whole.parts).toBeGreaterThan(5);
      const sealed = made.slice(0, -1).filter((m) => m.stringBytes > 0);
      expect(sealed).toHaveLength(whole.parts);
      expect(Math.max(...sealed.map((m) => m.stringBytes))).toBeLessThan(16 * 1024 + 4096);
      expect(out.size).toBeGreaterThan(100 * 1024);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
