// Reads the library in pages of articles (by primary key), yielding to the event loop between pages
// so exporting 10,000 articles never freezes the library page or holds one long transaction.
import type { ArticleRecord, ContentRecord, GistDB, HighlightRecord, ImageRecord } from '../db/schema';
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
  for (;;) {
    const page = await db.articles.where(':id').above(lastId).limit(size).toArray();
    if (!page.length) break;
    lastId = page[page.length - 1].id;
    const ids = page.map((a) => a.id);
    const contents = opts.content ? await db.contents.bulkGet(ids) : [];
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

/** Collects a chunk stream into one Blob (the page hands it to a download link). */
export async function toBlob(chunks: AsyncIterable<string | Uint8Array>, type: string): Promise<Blob> {
  const parts: BlobPart[] = [];
  for await (const c of chunks) parts.push(c as BlobPart);
  return new Blob(parts, { type });
}
