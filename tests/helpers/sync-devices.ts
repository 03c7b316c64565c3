// Two-device sync fixtures: a "device" is its own Dexie database and its own local PouchDB (both on
// fake-indexeddb, different names), synced through a real server. Shared by the sync tests and
// scripts/bench-sync.ts.
import { createHash } from 'node:crypto';
import { openDb, type GistDB } from '../../lib/db/schema';
import { saveArticle, type ArticleInput } from '../../lib/db/articles';
import { syncOnce, type SyncOptions, type SyncResult } from '../../lib/sync/engine';
import type { Pouch, PouchCtor } from '../../lib/sync/pouch-types';
import { getBody } from '../../lib/db/contents';

export interface Device {
  name: string;
  db: GistDB;
  local: Pouch;
  sync(extra?: Partial<SyncOptions>): Promise<SyncResult>;
  close(): Promise<void>;
}

let n = 0;

export function makeDevice(PouchDB: PouchCtor, name: string, remoteUrl: string): Device {
  const id = `${name}-${process.pid}-${++n}`;
  const db = openDb(`gist-${id}`);
  const local = new PouchDB(`pouch-${id}`);
  return {
    name,
    db,
    local,
    sync: (extra = {}) => syncOnce({ db, local, remoteUrl, ...extra }),
    async close() {
      db.close();
      await local.destroy();
    },
  };
}

/** A deterministic image: `size` bytes seeded by `seed` (a distinct blob per article). */
export function imageBlob(seed: number, size = 2048): Blob {
  const bytes = new Uint8Array(size);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return new Blob([bytes], { type: 'image/png' });
}

/** An article of about `textBytes` of text with `images` images. */
export function sampleArticle(i: number, opts: { textBytes?: number; images?: number; imageBytes?: number } = {}): ArticleInput {
  const words = Math.max(1, Math.round((opts.textBytes ?? 600) / 6));
  const text = Array.from({ length: words }, (_, w) => `word${(i * 7 + w) % 997}`).join(' ');
  const url = `https://example.com/article/${i}`;
  const images = Array.from({ length: opts.images ?? 1 }, (_, k) => ({
    src: `https://example.com/img/${i}-${k}.png`,
    blob: imageBlob(i * 10 + k, opts.imageBytes),
  }));
  return {
    url,
    originalUrl: `${url}?utm_source=x`,
    title: `Article ${i}`,
    byline: 'Someone',
    siteName: 'Example',
    lang: 'en',
    publishedTime: null,
    excerpt: text.slice(0, 80),
    html: `<p>${text}</p>${images.map((im) => `<img src="${im.src}">`).join('')}`,
    text,
    tags: [],
    tagCandidates: ['example'],
    tagsEdited: false,
    wordCount: words,
    cjkChars: 0,
    imageCount: images.length,
    readingMinutes: Math.ceil(words / 230),
    images,
  };
}

export async function saveMany(db: GistDB, from: number, count: number, opts?: Parameters<typeof sampleArticle>[1]): Promise<void> {
  for (let i = from; i < from + count; i++) await saveArticle(db, sampleArticle(i, opts));
}

/**
 * Everything a library holds, keyed by URL and free of device-local ids, to compare two devices: per
 * article a SHA-256 of its metadata, body, image bytes and highlights (10,000 bodies kept as text for
 * both devices exhausted the bench's heap).
 */
export async function librarySnapshot(db: GistDB): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const articles = await db.articles.toArray();
  for (const a of articles) {
    const content = await getBody(db, a.id);
    const images = await db.images.where('articleId').equals(a.id).toArray();
    const imgs = await Promise.all(
      images.map(
        async (im) =>
          `${im.src}:${im.blob.type}:${createHash('sha256')
            .update(Buffer.from(await im.blob.arrayBuffer()))
            .digest('hex')}`,
      ),
    );
    const hs = (await db.highlights.where('articleId').equals(a.id).toArray()).map(({ articleId: _a, ...h }) => h);
    const { id: _id, updatedAt: _u, fetchAttempts: _f, nextAttemptAt: _n, fetchError: _e, pendingImages: _p, ...meta } = a;
    const json = JSON.stringify({
      meta: Object.fromEntries(Object.entries(meta).sort(([x], [y]) => (x < y ? -1 : 1))),
      html: content?.html,
      text: content?.text,
      images: imgs.sort(),
      highlights: hs
        .sort((x, y) => (x.id < y.id ? -1 : 1))
        .map((h) => JSON.stringify(Object.entries(h).sort(([x], [y]) => (x < y ? -1 : 1)))),
    });
    out.set(a.url, createHash('sha256').update(json).digest('hex'));
  }
  return out;
}
