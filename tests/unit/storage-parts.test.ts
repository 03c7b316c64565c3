// @vitest-environment node
// Space per part (text, images, index, metadata) read with cursors, and dropping the images of old
// archived articles: only archived, non-favorite, untouched for N months; text kept, flag set, the
// change log (and so the search index) untouched, written in chunks.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type ArticleRecord, type GistDB, type ImageRecord } from '../../lib/db/schema';
import { lastSeq } from '../../lib/db/change-log';
import { approxBytes, measureStorage } from '../../lib/storage/usage';
import { dropImages, monthsBefore, planImageDrop } from '../../lib/storage/drop-images';
import { bulkGetBodies, putBody } from '../../lib/db/contents';

const fresh = () => openDb(`storage-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 86_400_000;

function record(over: Partial<ArticleRecord>): Omit<ArticleRecord, 'id'> {
  return {
    url: `https://example.com/${Math.random()}`,
    originalUrl: 'https://example.com/x',
    title: 'T',
    byline: null,
    siteName: null,
    lang: null,
    publishedTime: null,
    excerpt: null,
    savedAt: NOW - 400 * DAY,
    updatedAt: NOW - 400 * DAY,
    status: 'archived',
    favorite: 0,
    tags: [],
    tagCandidates: [],
    tagsEdited: false,
    wordCount: 1,
    cjkChars: 0,
    imageCount: 2,
    readingMinutes: 1,
    progress: 0,
    contentState: 'full',
    ...over,
  };
}

const blob = (n: number) => new Blob([new Uint8Array(n)], { type: 'image/png' });

async function add(db: GistDB, over: Partial<ArticleRecord>, imageBytes: number[] = [1000, 500]): Promise<number> {
  const id = (await db.articles.add(record(over) as ArticleRecord)) as number;
  await putBody(db, { articleId: id, html: `<p>Text ${id}<img src="https://cdn/${id}-0.png" alt="a"></p>`, text: `Text ${id}` });
  await db.images.bulkAdd(imageBytes.map((n, k) => ({ articleId: id, src: `https://cdn/${id}-${k}.png`, blob: blob(n) }) as ImageRecord));
  return id;
}

afterEach(() => vi.restoreAllMocks());

describe('measureStorage', () => {
  it('sums bodies (×2 per character), image blob sizes, the saved index record and metadata, with cursors', async () => {
    const db = fresh();
    const a = await add(db, {}, [1000, 24]);
    await add(db, { status: 'unread' }, [2048]);
    await putBody(db, { articleId: a, html: '<p>héllo</p>', text: 'héllo' });
    const bodies = await bulkGetBodies(db, await db.articles.toCollection().primaryKeys());
    const toArray = vi.spyOn(db.contents, 'toArray');
    const textsToArray = vi.spyOn(db.texts, 'toArray');
    const index = { index: { ids: new Int32Array(10), pairs: new Uint32Array(100), base: { terms: ['ab', 'cde'] } }, watermark: 3 };
    const parts = await measureStorage(db, async () => index);
    expect(toArray).not.toHaveBeenCalled();
    expect(textsToArray).not.toHaveBeenCalled();
    expect(parts.text).toBe(bodies.reduce((n, c) => n + (c!.html.length + c!.text.length) * 2, 0));
    expect(parts.text).toBe((12 + 5 + '<p>Text 2<img src="https://cdn/2-0.png" alt="a"></p>'.length + 6) * 2);
    expect(parts.images).toBe(1000 + 24 + 2048);
    expect(parts.imageCount).toBe(3);
    expect(parts.articles).toBe(2);
    // Typed arrays by their bytes, strings ×2, keys counted, numbers 8.
    expect(parts.index).toBe(approxBytes(index));
    expect(parts.index).toBeGreaterThan(40 + 400);
    expect(parts.metadata).toBeGreaterThan(0);
    expect(toArray).not.toHaveBeenCalled();
    expect((await measureStorage(db)).index).toBe(0);
  });

  it('approxBytes counts what a structured clone holds', () => {
    expect(approxBytes('abc')).toBe(6);
    expect(approxBytes(new Uint32Array(4))).toBe(16);
    expect(approxBytes(blob(77))).toBe(77);
    expect(approxBytes({ ab: 1 })).toBe(4 + 8);
    const shared = new Uint8Array(100);
    expect(approxBytes([shared, shared])).toBe(100);
    expect(approxBytes(undefined)).toBe(0);
  });
});

describe('dropping images of archived articles older than N months', () => {
  async function library() {
    const db = fresh();
    const ids = {
      old: await add(db, {}),
      oldNoImages: await add(db, {}, []),
      recentArchive: await add(db, { savedAt: NOW - 400 * DAY, updatedAt: NOW - 30 * DAY }),
      favorite: await add(db, { favorite: 1 }),
      unread: await add(db, { status: 'unread' }),
      sevenMonths: await add(db, { savedAt: NOW - 210 * DAY, updatedAt: NOW - 210 * DAY }, [300]),
    };
    return { db, ids };
  }

  it('plans: only archived, non-favorite articles unchanged for N months, with the bytes they free', async () => {
    const { db, ids } = await library();
    const twelve = await planImageDrop(db, 12, { now: NOW });
    expect(twelve.cutoff).toBe(monthsBefore(NOW, 12));
    expect(twelve.articleIds).toEqual([ids.old]);
    expect(twelve).toMatchObject({ images: 2, bytes: 1500, favoritesKept: 1 });
    const six = await planImageDrop(db, 6, { now: NOW });
    expect(six.articleIds).toEqual([ids.old, ids.sevenMonths]);
    expect(six).toMatchObject({ images: 3, bytes: 1800 });
    const three = await planImageDrop(db, 3, { now: NOW });
    expect(three.articleIds).not.toContain(ids.recentArchive);
    await expect(planImageDrop(db, 0)).rejects.toThrow(/at least 1/);
    // Planning changes nothing.
    expect(await db.images.count()).toBe(5 * 2 - 2 + 1);
  });

  it('drops them, keeps text and every other image, marks the articles, and leaves the change log alone', async () => {
    const { db, ids } = await library();
    const seq = await lastSeq(db);
    const before = await db.articles.toArray();
    const plan = await planImageDrop(db, 6, { now: NOW });
    const progress: [number, number][] = [];
    const res = await dropImages(db, plan, { chunkSize: 1, onProgress: (d, t) => progress.push([d, t]) });
    expect(res).toEqual({ articles: 2, images: 3, bytes: 1800 });
    expect(progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    const left = await db.images.toArray();
    expect(new Set(left.map((i) => i.articleId))).toEqual(new Set([ids.recentArchive, ids.favorite, ids.unread]));
    expect(left).toHaveLength(6);
    // Text stays for every article.
    expect(await db.contents.count()).toBe(6);
    expect(await db.texts.count()).toBe(6);
    expect((await db.texts.get(ids.old))!.text).toBe(`Text ${ids.old}`);
    const after = new Map((await db.articles.toArray()).map((a) => [a.id, a]));
    expect(after.get(ids.old)!.imagesDropped).toBe(true);
    expect(after.get(ids.sevenMonths)!.imagesDropped).toBe(true);
    for (const k of ['oldNoImages', 'recentArchive', 'favorite', 'unread'] as const)
      expect(after.get(ids[k])!.imagesDropped).toBeUndefined();
    // Nothing else on the records changed (updatedAt included): the search index has nothing to redo.
    for (const a of before) expect({ ...after.get(a.id), imagesDropped: undefined }).toEqual({ ...a, imagesDropped: undefined });
    expect(await lastSeq(db)).toBe(seq);
  });

  it('re-checks each article when writing: one starred or unarchived since the plan keeps its images', async () => {
    const { db, ids } = await library();
    const plan = await planImageDrop(db, 6, { now: NOW });
    await db.articles.update(ids.old, { favorite: 1 });
    await db.articles.update(ids.sevenMonths, { status: 'unread' });
    expect(await dropImages(db, plan)).toEqual({ articles: 0, images: 0, bytes: 0 });
    expect(await db.images.count()).toBe(9);
  });

  it('writes in chunks, one transaction each', async () => {
    const db = fresh();
    for (let i = 0; i < 25; i++) await add(db, {}, [10]);
    const plan = await planImageDrop(db, 3, { now: NOW });
    const tx = vi.spyOn(db, 'transaction');
    await dropImages(db, plan, { chunkSize: 10 });
    expect(tx).toHaveBeenCalledTimes(3);
    expect(await db.images.count()).toBe(0);
  });
});
