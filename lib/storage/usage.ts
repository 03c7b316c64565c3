// Space used per part of the library: article bodies (text), image blobs, the saved search index and
// the articles' own records (metadata, highlights). Read with cursors, one record at a time, so a
// 50,000-article library is measured without holding its bodies in memory at once. IndexedDB reports
// no per-store size, so these are estimates: strings count 2 bytes a character (how engines hold most
// of them), blobs their size, typed arrays their bytes. `navigator.storage.estimate()` gives the total
// on disk, which also counts the database's own overhead and compression.
import type { GistDB } from '../db/schema';

export interface StorageParts {
  /** Sanitized HTML and plain text of every stored body. */
  text: number;
  images: number;
  imageCount: number;
  /** The saved search index (its own cache database). */
  index: number;
  /** Article records and highlights. */
  metadata: number;
  articles: number;
}

/** An estimate of a structured-clone value's size in bytes (strings ×2, blobs and buffers by size). */
export function approxBytes(value: unknown, seen = new Set<object>()): number {
  if (value === null || value === undefined) return 0;
  switch (typeof value) {
    case 'string':
      return value.length * 2;
    case 'number':
      return 8;
    case 'boolean':
      return 4;
    case 'bigint':
      return 8;
    case 'object':
      break;
    default:
      return 0;
  }
  const o = value as object;
  if (seen.has(o)) return 0;
  seen.add(o);
  if (typeof Blob !== 'undefined' && o instanceof Blob) return o.size;
  if (ArrayBuffer.isView(o)) return o.byteLength;
  if (o instanceof ArrayBuffer) return o.byteLength;
  if (o instanceof Date) return 8;
  let n = 0;
  if (o instanceof Map) {
    for (const [k, v] of o) n += approxBytes(k, seen) + approxBytes(v, seen);
    return n;
  }
  if (o instanceof Set) {
    for (const v of o) n += approxBytes(v, seen);
    return n;
  }
  if (Array.isArray(o)) {
    for (const v of o) n += approxBytes(v, seen);
    return n;
  }
  for (const [k, v] of Object.entries(o)) n += k.length * 2 + approxBytes(v, seen);
  return n;
}

/**
 * Measures each part. `savedIndex` reads the search index's persisted record (undefined when none is
 * saved yet); it is measured, not kept.
 */
export async function measureStorage(db: GistDB, savedIndex?: () => Promise<unknown>): Promise<StorageParts> {
  const out: StorageParts = { text: 0, images: 0, imageCount: 0, index: 0, metadata: 0, articles: 0 };
  await db.contents.each((c) => {
    out.text += (c.html?.length ?? 0) * 2;
  });
  await db.texts.each((t) => {
    out.text += (t.text?.length ?? 0) * 2;
  });
  // A stored Blob read from IndexedDB is a handle: its size is known without reading its bytes.
  await db.images.each((im) => {
    out.images += im.blob?.size ?? 0;
    out.imageCount++;
  });
  await db.articles.each((a) => {
    out.metadata += approxBytes(a);
    out.articles++;
  });
  await db.highlights.each((h) => {
    out.metadata += approxBytes(h);
  });
  if (savedIndex) out.index = approxBytes(await savedIndex());
  return out;
}
