// Reclaims space by dropping the stored images of archived articles nobody has touched for N months,
// keeping their text. Favorites keep their images; unread articles are never touched. The "archive
// time" is the article's updatedAt: archiving sets it (lib/db/articles), and so does any later edit,
// so an article archived or edited recently keeps its images. Articles lose nothing else: each gets
// `imagesDropped: true` so the reader shows a placeholder and a later re-fetch knows to bring them back.
//
// The plan reads article records with a cursor (metadata only, no bodies) and image records by article
// id in chunks; the drop writes one short transaction per chunk, yielding between chunks so a big
// library never freezes the page. The flag is not an indexed field: the change log (and so the search
// index) ignores the write.
import type { ArticleRecord, GistDB } from '../db/schema';

export const DROP_MONTHS = [3, 6, 12] as const;

export interface DropImagesPlan {
  months: number;
  /** Epoch ms: articles last changed before this qualify. */
  cutoff: number;
  /** Articles that qualify and still hold images. */
  articleIds: number[];
  images: number;
  bytes: number;
  /** Archived articles of the same age kept because they are favorites (and hold images). */
  favoritesKept: number;
}

export interface DropImagesOptions {
  now?: number;
  /** Articles per transaction. */
  chunkSize?: number;
  onProgress?(done: number, total: number): void;
}

/** N calendar months before `now` (the 31st clamps to the month's last day, as Date does). */
export function monthsBefore(now: number, months: number): number {
  const d = new Date(now);
  d.setMonth(d.getMonth() - months);
  return d.getTime();
}

const qualifies = (a: ArticleRecord | undefined, cutoff: number): boolean =>
  !!a && a.status === 'archived' && !a.favorite && Math.max(a.savedAt, a.updatedAt) < cutoff;

const yieldToLoop = () => new Promise<void>((r) => setTimeout(r, 0));

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function checkMonths(months: number) {
  if (!Number.isInteger(months) || months < 1) throw new Error(`Months must be a whole number of at least 1 (got ${months}).`);
}

/** What dropping images older than `months` would free: read-only. */
export async function planImageDrop(
  db: GistDB,
  months: number,
  opts: Pick<DropImagesOptions, 'now' | 'chunkSize'> = {},
): Promise<DropImagesPlan> {
  checkMonths(months);
  const cutoff = monthsBefore(opts.now ?? Date.now(), months);
  const candidates: number[] = [];
  const favorites: number[] = [];
  await db.articles.each((a) => {
    if (qualifies(a, cutoff)) candidates.push(a.id);
    else if (a.favorite && a.status === 'archived' && Math.max(a.savedAt, a.updatedAt) < cutoff) favorites.push(a.id);
  });
  const plan: DropImagesPlan = { months, cutoff, articleIds: [], images: 0, bytes: 0, favoritesKept: 0 };
  const withImages = new Set<number>();
  for (const ids of chunks(candidates, opts.chunkSize ?? 500)) {
    await db.images
      .where('articleId')
      .anyOf(ids)
      .each((im) => {
        plan.images++;
        plan.bytes += im.blob?.size ?? 0;
        withImages.add(im.articleId);
      });
  }
  plan.articleIds = candidates.filter((id) => withImages.has(id));
  const favWithImages = new Set<number>();
  for (const ids of chunks(favorites, opts.chunkSize ?? 500))
    await db.images
      .where('articleId')
      .anyOf(ids)
      .each((im) => void favWithImages.add(im.articleId));
  plan.favoritesKept = favWithImages.size;
  return plan;
}

export interface DropImagesResult {
  articles: number;
  images: number;
  bytes: number;
}

/**
 * Drops the images of a plan's articles, re-checking each one inside its transaction (it may have
 * been unarchived, starred or edited since the plan was made: then it keeps its images).
 */
export async function dropImages(db: GistDB, plan: DropImagesPlan, opts: DropImagesOptions = {}): Promise<DropImagesResult> {
  const done: DropImagesResult = { articles: 0, images: 0, bytes: 0 };
  const total = plan.articleIds.length;
  let seen = 0;
  opts.onProgress?.(0, total);
  for (const ids of chunks(plan.articleIds, Math.max(1, opts.chunkSize ?? 200))) {
    // Space is reclaimed on this device only: other devices keep their images. A transaction that
    // covers syncState is not recorded by the sync outbox (lib/db/sync-outbox.ts), so the drop is
    // never pushed as an edit of the article's content.
    await db.transaction('rw', db.articles, db.images, db.syncState, async () => {
      const still = (await db.articles.bulkGet(ids)).filter((a): a is ArticleRecord => qualifies(a, plan.cutoff)).map((a) => a.id);
      if (!still.length) return;
      const dropped = new Set<number>();
      await db.images
        .where('articleId')
        .anyOf(still)
        .each((im) => {
          done.images++;
          done.bytes += im.blob?.size ?? 0;
          dropped.add(im.articleId);
        });
      await db.images.where('articleId').anyOf(still).delete();
      // Only articles that lost images are marked; updatedAt stays (this is not the reader's edit).
      await db.articles
        .where(':id')
        .anyOf([...dropped])
        .modify({ imagesDropped: true });
      done.articles += dropped.size;
    });
    seen += ids.length;
    opts.onProgress?.(seen, total);
    await yieldToLoop();
  }
  return done;
}
