// The queue IS the database: an article with contentState 'pending' (or imported content with
// pendingImages) is waiting; a stopped or killed worker resumes from it. Every write is one short
// transaction so a worker stopped mid-item leaves the article as it was.
import type { ArticleRecord, GistDB, ImageRecord } from '../db/schema';
import { bodyTables, putBody } from '../db/contents';
import type { QueueItem } from './policy';
import { countOf } from '../format/count';

export interface QueueCounts {
  /** Links waiting for their page. */
  pending: number;
  /** Imported articles whose images are still to download. */
  images: number;
  failed: number;
  /** Of the failed, the first few reasons (for the panel). */
  failures: { id: number; title: string; url: string; reason: string }[];
}

const isWaiting = (a: ArticleRecord) => a.contentState === 'pending' || (a.contentState === 'full' && !!a.pendingImages?.length);

export function toQueueItem(a: ArticleRecord): QueueItem {
  return {
    id: a.id,
    url: a.originalUrl || a.url,
    kind: a.contentState === 'pending' ? 'page' : 'images',
    attempts: a.fetchAttempts ?? 0,
    notBefore: a.nextAttemptAt ?? 0,
  };
}

/** Everything waiting, oldest saved first. */
export async function queueItems(db: GistDB): Promise<QueueItem[]> {
  // Through the indexes: at 10,000 articles the queue no longer reads the whole table on each refill.
  const [pages, withImages] = await db.transaction('r', db.articles, () =>
    Promise.all([db.articles.where('contentState').equals('pending').toArray(), db.articles.orderBy('pendingImages').distinct().toArray()]),
  );
  const rows = [...pages, ...withImages.filter((a) => a.contentState === 'full')];
  rows.sort((a, b) => a.id - b.id);
  return rows.map(toQueueItem);
}

export function countQueue(articles: readonly ArticleRecord[], maxFailures = 50): QueueCounts {
  const c: QueueCounts = { pending: 0, images: 0, failed: 0, failures: [] };
  for (const a of articles) {
    if (a.contentState === 'pending') c.pending++;
    else if (a.contentState === 'failed') {
      c.failed++;
      if (c.failures.length < maxFailures)
        c.failures.push({ id: a.id, title: a.title, url: a.originalUrl || a.url, reason: a.fetchError ?? 'unknown reason' });
    } else if (a.pendingImages?.length) c.images++;
  }
  return c;
}

/** Remembers which images of imported content are still to download. */
export async function setPendingImages(db: GistDB, entries: { id: number; images: string[] }[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await db.transaction('rw', db.articles, async () => {
      for (const e of entries.slice(i, i + 500)) await db.articles.update(e.id, { pendingImages: e.images });
    });
  }
}

/** Records a failed attempt: back in the queue after `notBefore`, or failed for good with its reason. */
export async function recordFailure(
  db: GistDB,
  id: number,
  reason: string,
  next: { state: 'retry'; notBefore: number } | { state: 'failed' },
): Promise<void> {
  await db.transaction('rw', db.articles, async () => {
    const a = await db.articles.get(id);
    if (!a || !isWaiting(a)) return; // deleted or filled meanwhile
    const attempts = (a.fetchAttempts ?? 0) + 1;
    if (next.state === 'retry') {
      await db.articles.update(id, { fetchAttempts: attempts, nextAttemptAt: next.notBefore, fetchError: reason });
    } else if (a.contentState === 'pending') {
      await db.articles.update(id, { fetchAttempts: attempts, nextAttemptAt: undefined, fetchError: reason, contentState: 'failed' });
    } else {
      // Imported content stays readable; only its images could not be fetched (they stay remote).
      await db.articles.update(id, {
        fetchAttempts: undefined,
        nextAttemptAt: undefined,
        fetchError: `images not downloaded: ${reason}`,
        pendingImages: undefined,
      });
    }
  });
}

export interface FetchedContent {
  html: string;
  text: string;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  excerpt: string | null;
  suggestedTags: string[];
  tagCandidates: string[];
  wordCount: number;
  cjkChars: number;
  imageCount: number;
  readingMinutes: number;
  images: { src: string; blob: Blob }[];
}

const QUEUE_FIELDS = { fetchAttempts: undefined, nextAttemptAt: undefined, fetchError: undefined, pendingImages: undefined };

/**
 * Writes a fetched page into the pending article it was queued for (same id and URL key, so nothing
 * the import kept — tags, dates, status, highlights — changes). False when the article is gone or
 * no longer pending.
 */
export async function storeFetched(db: GistDB, id: number, c: FetchedContent, now: number): Promise<boolean> {
  return db.transaction('rw', [db.articles, ...bodyTables(db), db.images], async () => {
    const a = await db.articles.get(id);
    if (!a || a.contentState !== 'pending') return false;
    const fill = <K extends keyof ArticleRecord>(k: K, v: ArticleRecord[K] | null) =>
      (a[k] == null || a[k] === '') && v != null ? { [k]: v } : {};
    const noTitle = !a.title || a.title === a.originalUrl || a.title === a.url;
    await db.articles.update(id, {
      ...QUEUE_FIELDS,
      contentState: 'full',
      ...(noTitle && c.title ? { title: c.title } : {}),
      ...fill('byline', c.byline),
      ...fill('siteName', c.siteName),
      ...fill('lang', c.lang),
      ...fill('publishedTime', c.publishedTime),
      ...fill('excerpt', c.excerpt),
      ...(!a.tagsEdited && !a.tags.length ? { tags: c.suggestedTags } : {}),
      tagCandidates: c.tagCandidates,
      wordCount: c.wordCount,
      cjkChars: c.cjkChars,
      imageCount: c.imageCount,
      readingMinutes: c.readingMinutes,
      updatedAt: now,
    });
    await putBody(db, { articleId: id, html: c.html, text: c.text });
    await db.images.where('articleId').equals(id).delete();
    if (c.images.length) await db.images.bulkAdd(c.images.map((im) => ({ articleId: id, src: im.src, blob: im.blob })) as ImageRecord[]);
    return true;
  });
}

/** Stores the downloaded images of imported content; the ones that failed stay remote. */
export async function storeImages(db: GistDB, id: number, images: { src: string; blob: Blob }[], failed: number): Promise<boolean> {
  return db.transaction('rw', db.articles, db.images, async () => {
    const a = await db.articles.get(id);
    if (!a || !a.pendingImages?.length) return false;
    const have = new Set((await db.images.where('articleId').equals(id).toArray()).map((im) => im.src));
    const add = images.filter((im) => !have.has(im.src));
    if (add.length) await db.images.bulkAdd(add.map((im) => ({ articleId: id, src: im.src, blob: im.blob })) as ImageRecord[]);
    await db.articles.update(id, {
      ...QUEUE_FIELDS,
      ...(failed ? { fetchError: `${countOf(failed, 'image')} could not be downloaded` } : {}),
    });
    return true;
  });
}

/** Puts failed links back in the queue (the user asked to try again). Returns how many. */
export async function retryFailed(db: GistDB): Promise<number> {
  return db.transaction('rw', db.articles, async () =>
    db.articles
      .where('contentState')
      .equals('failed')
      .modify((a) => {
        a.contentState = 'pending';
        delete a.fetchAttempts;
        delete a.nextAttemptAt;
        delete a.fetchError;
      }),
  );
}
