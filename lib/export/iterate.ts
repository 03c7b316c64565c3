// Reads the library in pages of articles (by primary key), yielding to the event loop between pages
// so exporting 10,000 articles never freezes the library page or holds one long transaction.
import type { ArticleRecord, ContentRecord, GistDB, HighlightRecord, ImageRecord } from '../db/schema';
import { bulkGetBodies } from '../db/contents';
import { readingOrder } from '../db/highlights';

export interface ExportEntry {
  article: ArticleRecord;
  content?: ContentRecord;
  images: ImageRecord[];
  /** In reading order (only when asked for). */
  highlights: HighlightRecord[];
}

export interface IterateOptions {
  batchSize?: number;
  content?: boolean;
  images?: boolean;
  highlights?: boolean;
  /** Called after each page with (done, total). */
  onProgress?(done: number, total: number): void;
}

const yieldToLoop = () => new Promise<void>((r) => setTimeout(r, 0));

export async function* iterateLibrary(db: GistDB, opts: IterateOptions = {}): AsyncGenerator<ExportEntry> {
  const size = Math.max(1, opts.batchSize ?? 100);
  const total = await db.articles.count();
  let lastId = -Infinity;
  let done = 0;
  opts.onProgress?.(0, total);
  for (;;) {
    const page = await db.articles.where(':id').above(lastId).limit(size).toArray();
    if (!page.length) break;
    lastId = page[page.length - 1].id;
    const ids = page.map((a) => a.id);
    const contents = opts.content ? await bulkGetBodies(db, ids) : [];
    const images = opts.images ? await db.images.where('articleId').anyOf(ids).toArray() : [];
    const highlights = opts.highlights ? await db.highlights.where('articleId').anyOf(ids).toArray() : [];
    const byArticle = groupBy(images);
    const marks = groupBy(highlights);
    for (let k = 0; k < page.length; k++) {
      const id = page[k].id;
      yield {
        article: page[k],
        content: contents[k] ?? undefined,
        images: byArticle.get(id) ?? [],
        highlights: (marks.get(id) ?? []).sort(readingOrder),
      };
    }
    done += page.length;
    opts.onProgress?.(done, total);
    await yieldToLoop();
  }
}

function groupBy<T extends { articleId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.articleId);
    if (list) list.push(r);
    else out.set(r.articleId, [r]);
  }
  return out;
}

/** Bytes of chunks gathered before they are sealed into a Blob part (strings count ×2, their heap size). */
export const BLOB_PART_BYTES = 4 * 1024 * 1024;

/**
 * Collects a chunk stream into one Blob (the page hands it to a download link) without keeping the
 * output on the JS heap: every ~4 MB of chunks is sealed into a Blob part and the chunks dropped. A
 * Blob's bytes live outside the heap (in Chromium, in the browser process, spilling to disk when large;
 * in Node, in native memory), and a Blob made of Blobs references them rather than copying them, so the
 * heap holds one page of articles and at most one part of output at any time.
 */
export async function toBlob(chunks: AsyncIterable<string | Uint8Array>, type: string, partBytes = BLOB_PART_BYTES): Promise<Blob> {
  const parts: Blob[] = [];
  let pending: BlobPart[] = [];
  let size = 0;
  for await (const c of chunks) {
    pending.push(c as BlobPart);
    size += typeof c === 'string' ? c.length * 2 : c.byteLength;
    if (size >= partBytes) {
      parts.push(new Blob(pending));
      pending = [];
      size = 0;
    }
  }
  if (pending.length) parts.push(new Blob(pending));
  return new Blob(parts, { type });
}
