// Article storage operations. Everything slow (fetching images, sanitizing, tagging) happens before
// these are called: each write is one short transaction, so a worker stopped mid-save leaves the whole
// article or nothing.
import type { ArticleMetadata, ArticleRecord, ArticleStatus, ContentRecord, GistDB, HighlightRecord, ImageRecord } from './schema';
import { hostOf } from '../url/host';
import { bodyTables, deleteBody, getBody, putBody } from './contents';

export { textsOf } from './contents';

export interface ArticleInput extends ArticleMetadata {
  html: string;
  text: string;
  tags: string[];
  tagCandidates: string[];
  /** True when `tags` came from the user (edited in the popup) rather than from suggestions. */
  tagsEdited: boolean;
  wordCount: number;
  cjkChars: number;
  imageCount: number;
  readingMinutes: number;
  images: { src: string; blob: Blob }[];
}

export interface SaveOutcome {
  id: number;
  created: boolean;
}

function mergeTags(a: string[], b: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of [...a, ...b]) {
    const k = t.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  }
  return out;
}

/** Inserts or updates the article stored under `input.url`, with its body and images, atomically. */
export async function saveArticle(db: GistDB, input: ArticleInput, now = Date.now()): Promise<SaveOutcome> {
  return db.transaction('rw', [db.articles, ...bodyTables(db), db.images], async () => {
    const existing = await db.articles.where('url').equals(input.url).first();
    const base = {
      url: input.url,
      originalUrl: input.originalUrl,
      title: input.title,
      byline: input.byline,
      siteName: input.siteName,
      lang: input.lang,
      publishedTime: input.publishedTime,
      excerpt: input.excerpt,
      updatedAt: now,
      tagCandidates: input.tagCandidates,
      wordCount: input.wordCount,
      cjkChars: input.cjkChars,
      imageCount: input.imageCount,
      readingMinutes: input.readingMinutes,
      contentState: 'full' as const,
    };
    let id: number;
    let created = false;
    if (existing) {
      id = existing.id;
      // Re-saving keeps the first saved date, the state the user gave it, and every tag they had.
      const tags =
        existing.tagsEdited && !input.tagsEdited ? existing.tags : mergeTags(input.tags, existing.tagsEdited ? existing.tags : []);
      // The "original" link never moves to another host: a save from another host of the same site
      // (m.example.com claiming www.example.com's key) refreshes the article, not where it links to.
      const storedHost = hostOf(existing.originalUrl);
      const originalUrl = storedHost === null || storedHost === hostOf(input.originalUrl) ? input.originalUrl : existing.originalUrl;
      await db.articles.update(id, {
        ...base,
        originalUrl,
        tags,
        tagsEdited: existing.tagsEdited || input.tagsEdited,
        savedAt: Math.min(existing.savedAt, now),
      });
      await db.images.where('articleId').equals(id).delete();
    } else {
      const record: Omit<ArticleRecord, 'id'> = {
        ...base,
        savedAt: now,
        status: 'unread',
        favorite: 0,
        tags: input.tags,
        tagsEdited: input.tagsEdited,
        progress: 0,
      };
      id = (await db.articles.add(record as ArticleRecord)) as number;
      created = true;
    }
    await putBody(db, { articleId: id, html: input.html, text: input.text });
    if (input.images.length) {
      await db.images.bulkAdd(input.images.map((im) => ({ articleId: id, src: im.src, blob: im.blob })) as ImageRecord[]);
    }
    return { id, created };
  });
}

export function findByUrl(db: GistDB, url: string): Promise<ArticleRecord | undefined> {
  return db.articles.where('url').equals(url).first();
}

/** Newest first; metadata only. */
export function listArticles(db: GistDB): Promise<ArticleRecord[]> {
  return db.articles.orderBy('savedAt').reverse().toArray();
}

export async function getReadable(
  db: GistDB,
  id: number,
): Promise<{ article: ArticleRecord; content: ContentRecord | undefined; images: ImageRecord[] } | undefined> {
  return db.transaction('r', [db.articles, ...bodyTables(db), db.images], async () => {
    const article = await db.articles.get(id);
    if (!article) return undefined;
    const [content, images] = await Promise.all([getBody(db, id), db.images.where('articleId').equals(id).toArray()]);
    return { article, content, images };
  });
}

export async function updateArticle(
  db: GistDB,
  id: number,
  changes: Partial<Pick<ArticleRecord, 'status' | 'favorite' | 'progress'>>,
): Promise<void> {
  await db.articles.update(id, { ...changes, updatedAt: Date.now() });
}

/** The user's tags: from now on suggestions never replace them. */
export async function setTags(db: GistDB, id: number, tags: string[]): Promise<void> {
  await db.articles.update(id, { tags: mergeTags(tags, []), tagsEdited: true, updatedAt: Date.now() });
}

/** Everything stored for one article, enough to put it back exactly (undo). */
export interface ArticleSnapshot {
  article: ArticleRecord;
  content: ContentRecord | undefined;
  images: ImageRecord[];
  /** Absent in snapshots taken before highlights had their own table. */
  highlights?: HighlightRecord[];
}

export async function deleteArticle(db: GistDB, id: number): Promise<ArticleSnapshot | undefined> {
  return db.transaction('rw', [db.articles, ...bodyTables(db), db.images, db.highlights], async () => {
    const article = await db.articles.get(id);
    if (!article) return undefined;
    const content = await getBody(db, id);
    const images = await db.images.where('articleId').equals(id).toArray();
    const highlights = await db.highlights.where('articleId').equals(id).toArray();
    await db.images.where('articleId').equals(id).delete();
    await db.highlights.where('articleId').equals(id).delete();
    await deleteBody(db, id);
    await db.articles.delete(id);
    return { article, content, images, highlights };
  });
}

export async function restoreArticle(db: GistDB, snap: ArticleSnapshot): Promise<void> {
  await db.transaction('rw', [db.articles, ...bodyTables(db), db.images, db.highlights], async () => {
    // Saved again meanwhile: the newer save wins; undo must not create a duplicate URL.
    if (await db.articles.where('url').equals(snap.article.url).first()) return;
    await db.articles.add(snap.article);
    if (snap.content) await putBody(db, snap.content);
    if (snap.images.length) await db.images.bulkAdd(snap.images);
    if (snap.highlights?.length) await db.highlights.bulkPut(snap.highlights);
  });
}

// ---- Library page: reading position, bulk edits with undo, bodies for the search index. ----

/** The reading position is not an edit: updatedAt stays, so nothing re-indexes or re-sorts. */
export async function setProgress(db: GistDB, id: number, progress: number): Promise<void> {
  const p = Math.min(1, Math.max(0, Number.isFinite(progress) ? progress : 0));
  await db.articles.update(id, { progress: Math.round(p * 1000) / 1000 });
}

/** What a bulk edit changed, per article, so it can be undone exactly. */
export type PreviousValue = Partial<Pick<ArticleRecord, 'status' | 'favorite' | 'tags' | 'tagsEdited' | 'updatedAt'>>;
export type PreviousValues = Map<number, PreviousValue>;

async function editMany(db: GistDB, ids: number[], edit: (a: ArticleRecord) => Partial<ArticleRecord> | null): Promise<PreviousValues> {
  const prev: PreviousValues = new Map();
  await db.transaction('rw', db.articles, async () => {
    const now = Date.now();
    const rows = await db.articles.bulkGet(ids);
    for (const a of rows) {
      if (!a) continue;
      const changes = edit(a);
      if (!changes) continue;
      const before: Record<string, unknown> = { updatedAt: a.updatedAt };
      for (const k of Object.keys(changes)) before[k] = (a as unknown as Record<string, unknown>)[k];
      prev.set(a.id, before as PreviousValue);
      await db.articles.update(a.id, { ...changes, updatedAt: now });
    }
  });
  return prev;
}

export function setStatusMany(db: GistDB, ids: number[], status: ArticleStatus): Promise<PreviousValues> {
  return editMany(db, ids, (a) => (a.status === status ? null : { status }));
}

export function setFavoriteMany(db: GistDB, ids: number[], favorite: boolean): Promise<PreviousValues> {
  const f = favorite ? 1 : 0;
  return editMany(db, ids, (a) => (a.favorite === f ? null : { favorite: f }));
}

export function addTagMany(db: GistDB, ids: number[], tag: string): Promise<PreviousValues> {
  const t = tag.trim().replace(/\s+/g, ' ');
  if (!t) return Promise.resolve(new Map());
  return editMany(db, ids, (a) =>
    a.tags.some((x) => x.toLowerCase() === t.toLowerCase()) ? null : { tags: [...a.tags, t], tagsEdited: true },
  );
}

export function removeTagMany(db: GistDB, ids: number[], tag: string): Promise<PreviousValues> {
  const k = tag.trim().toLowerCase();
  return editMany(db, ids, (a) =>
    a.tags.some((x) => x.toLowerCase() === k) ? { tags: a.tags.filter((x) => x.toLowerCase() !== k), tagsEdited: true } : null,
  );
}

/** Undo of a bulk edit: puts back the previous values of articles that still exist. */
export async function restoreValues(db: GistDB, prev: PreviousValues): Promise<void> {
  await db.transaction('rw', db.articles, async () => {
    for (const [id, values] of prev) await db.articles.update(id, values);
  });
}

/** Deletes many articles in one transaction; the snapshots undo it (restoreMany). */
export async function deleteMany(db: GistDB, ids: number[]): Promise<ArticleSnapshot[]> {
  return db.transaction('rw', [db.articles, ...bodyTables(db), db.images, db.highlights], async () => {
    const out: ArticleSnapshot[] = [];
    for (const id of ids) {
      const snap = await deleteArticle(db, id);
      if (snap) out.push(snap);
    }
    return out;
  });
}

export async function restoreMany(db: GistDB, snaps: ArticleSnapshot[]): Promise<void> {
  await db.transaction('rw', [db.articles, ...bodyTables(db), db.images, db.highlights], async () => {
    for (const s of snaps) await restoreArticle(db, s);
  });
}
