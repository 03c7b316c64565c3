// Documents built from what Dexie holds now (outbox → PouchDB), and Dexie records rebuilt from
// documents (PouchDB → Dexie).
import type { ArticleRecord, ContentRecord, GistDB, HighlightRecord, ImageRecord } from '../db/schema';
import { getBody } from '../db/contents';
import { canonical, contentId, highlightId, sha, tagList, type ContentDoc, type HighlightDoc, type StateDoc } from './doc-types';

/** The content document of a stored article: its metadata, body, and each distinct image once. */
export async function contentDocOf(db: GistDB, a: ArticleRecord, key: string): Promise<ContentDoc> {
  const [content, images] = await Promise.all([getBody(db, a.id), db.images.where('articleId').equals(a.id).toArray()]);
  const attachments: NonNullable<ContentDoc['_attachments']> = {};
  const list: ContentDoc['images'] = [];
  for (const im of images) {
    const att = await sha(await im.blob.arrayBuffer());
    attachments[att] ??= { content_type: im.blob.type || 'application/octet-stream', data: im.blob };
    list.push({ src: im.src, att });
  }
  const doc: ContentDoc = {
    _id: contentId(key),
    type: 'content',
    url: a.url,
    originalUrl: a.originalUrl,
    title: a.title,
    byline: a.byline,
    siteName: a.siteName,
    lang: a.lang,
    publishedTime: a.publishedTime,
    excerpt: a.excerpt,
    savedAt: a.savedAt,
    updatedAt: a.updatedAt,
    tagCandidates: a.tagCandidates ?? [],
    wordCount: a.wordCount,
    cjkChars: a.cjkChars,
    imageCount: a.imageCount,
    readingMinutes: a.readingMinutes,
    contentState: a.contentState,
    html: content?.html ?? null,
    text: content?.text ?? null,
    images: list,
  };
  if (a.source !== undefined) doc.source = a.source;
  if (list.length) doc._attachments = attachments;
  return doc;
}

/** True when two content documents hold the same data (attachment names are content hashes). */
export function sameContent(a: ContentDoc, b: ContentDoc): boolean {
  const plain = (d: ContentDoc) => canonical({ ...d, _rev: undefined, _attachments: Object.keys(d._attachments ?? {}).sort() });
  return plain(a) === plain(b);
}

export function highlightDocOf(h: HighlightRecord, key: string): HighlightDoc {
  const { id, articleId: _articleId, ...rest } = h;
  return { ...rest, _id: highlightId(key, id), type: 'highlight', article: key };
}

export function highlightOf(d: HighlightDoc, uuid: string, articleId: number): HighlightRecord {
  const { _id, _rev, type: _type, article: _article, ...rest } = d;
  void _id;
  void _rev;
  return { ...rest, id: uuid, articleId };
}

/**
 * The Dexie article for a content + state pair, keeping the device-local fields (fetch bookkeeping)
 * of the record it replaces. `content` may be absent when only the state changed.
 */
export function articleOf(
  local: ArticleRecord | undefined,
  content: ContentDoc | undefined,
  state: StateDoc,
): Omit<ArticleRecord, 'id'> & { id?: number } {
  const base: Partial<ArticleRecord> = { ...(local ?? {}) };
  if (content) {
    Object.assign(base, {
      url: content.url,
      originalUrl: content.originalUrl,
      title: content.title,
      byline: content.byline,
      siteName: content.siteName,
      lang: content.lang,
      publishedTime: content.publishedTime,
      excerpt: content.excerpt,
      savedAt: content.savedAt,
      updatedAt: Math.max(content.updatedAt, local?.updatedAt ?? 0),
      tagCandidates: content.tagCandidates,
      wordCount: content.wordCount,
      cjkChars: content.cjkChars,
      imageCount: content.imageCount,
      readingMinutes: content.readingMinutes,
      contentState: content.contentState,
    });
    if (content.source !== undefined) base.source = content.source;
  }
  Object.assign(base, {
    status: state.status,
    favorite: state.favorite,
    progress: state.progress,
    tags: tagList(state),
    tagsEdited: state.tagsEdited,
  });
  // No note stays no field, as a local save leaves it.
  if (state.note !== null || base.note !== undefined) base.note = state.note;
  return base as ArticleRecord;
}

/** The body and images of a content document fetched with binary attachments. */
export function bodyOf(doc: ContentDoc, articleId: number): { content: ContentRecord | null; images: Omit<ImageRecord, 'id'>[] } {
  const content = doc.html === null ? null : { articleId, html: doc.html, text: doc.text ?? '' };
  const images: Omit<ImageRecord, 'id'>[] = [];
  for (const im of doc.images) {
    const att = doc._attachments?.[im.att];
    if (att?.data instanceof Blob) images.push({ articleId, src: im.src, blob: att.data });
  }
  return { content, images };
}
