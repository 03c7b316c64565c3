// What one import item does to the library's records (apply-import runs these inside its chunk's
// transaction): a new article's record, the changes merging into an existing one makes (merge-rules),
// and the item's highlights.
import type { ArticleRecord, GistDB, HighlightRecord } from '../db/schema';
import { countText, readingMinutes } from '../reading-time/index';
import { displayHost } from '../url/host';
import { mergeTags, moreProgress, percent, planHighlights } from './merge-rules';
import type { ImportItem } from './types';
import { countOf } from '../format/count';

/** An item checked and sanitized, ready to write; `key` is its canonical URL. */
export interface Prepared {
  index: number;
  item: ImportItem;
  key: string;
  content?: { html: string; text: string; images: string[] };
  contentProblem?: string;
}

export function newRecord(p: Prepared, now: number, source: string | undefined): Omit<ArticleRecord, 'id'> {
  const { item } = p;
  const g = item.gist ?? {};
  const counts = p.content ? countText(p.content.text) : { words: 0, cjkChars: 0 };
  const images = g.imageCount ?? p.content?.images.length ?? 0;
  const saved = item.savedAt ? Date.parse(item.savedAt) : NaN;
  const rec: Omit<ArticleRecord, 'id'> = {
    url: p.key,
    originalUrl: item.url,
    title: item.title || item.url,
    byline: item.author ?? null,
    siteName: item.siteName ?? displayHost(item.url),
    lang: item.lang ?? null,
    publishedTime: item.publishedAt ?? null,
    excerpt: item.excerpt ?? null,
    savedAt: Number.isFinite(saved) ? saved : now,
    updatedAt: g.updatedAt ?? now,
    status: item.status,
    favorite: item.favorite ? 1 : 0,
    tags: item.tags,
    tagCandidates: g.tagCandidates ?? [],
    // Tags that came with the import are the user's own: suggestions must not replace them.
    tagsEdited: g.tagsEdited ?? item.tags.length > 0,
    wordCount: g.wordCount ?? counts.words,
    cjkChars: g.cjkChars ?? counts.cjkChars,
    imageCount: images,
    readingMinutes: g.readingMinutes ?? (p.content ? readingMinutes({ ...counts, images }) : 0),
    progress: item.progress ?? 0,
    contentState: g.contentState ?? (p.content ? 'full' : 'pending'),
  };
  if (g.note !== undefined) rec.note = g.note;
  const src = g.source ?? source;
  if (src) rec.source = src;
  if (g.fetchError) rec.fetchError = g.fetchError;
  if (g.fetchAttempts) rec.fetchAttempts = g.fetchAttempts;
  if (g.imagesDropped) rec.imagesDropped = true;
  return rec;
}

/**
 * What merging `item` into `a` changes (empty when nothing would): `notes` say what changed, `kept`
 * where the library already says more than the file (its state stays, and the report says so).
 */
export function mergeChanges(a: ArticleRecord, p: Prepared): { changes: Partial<ArticleRecord>; notes: string[]; kept: string[] } {
  const { item } = p;
  const changes: Partial<ArticleRecord> = {};
  const notes: string[] = [];
  const kept: string[] = [];
  const tags = mergeTags(a.tags, item.tags);
  if (tags.length > a.tags.length) {
    changes.tags = tags;
    notes.push(`${countOf(tags.length - a.tags.length, 'tag')} added`);
  }
  const saved = item.savedAt ? Date.parse(item.savedAt) : NaN;
  if (Number.isFinite(saved) && saved < a.savedAt) {
    changes.savedAt = saved;
    notes.push('earlier save date kept');
  }
  if (item.status === 'archived' && a.status !== 'archived') {
    changes.status = 'archived';
    notes.push('archived');
  } else if (item.status !== 'archived' && a.status === 'archived') kept.push('kept archived (the file says unread)');
  if (item.favorite && !a.favorite) {
    changes.favorite = 1;
    notes.push('marked favorite');
  } else if (!item.favorite && a.favorite) kept.push('kept favorite (the file says not)');
  if (moreProgress(item.progress, a.progress)) {
    changes.progress = item.progress;
    notes.push(`reading progress ${percent(a.progress)} → ${percent(item.progress)}`);
  } else if (item.progress !== undefined && item.progress < a.progress)
    kept.push(`kept reading progress ${percent(a.progress)} (the file says ${percent(item.progress)})`);
  const note = item.gist?.note;
  if (note?.trim() && note !== a.note) {
    if (!a.note?.trim()) {
      changes.note = note;
      notes.push('note added');
    } else kept.push("kept the library's note (the file has another)");
  }
  if ((!a.title || a.title === a.originalUrl) && item.title) {
    changes.title = item.title;
    notes.push('title filled');
  }
  if (a.contentState !== 'full' && p.content) {
    const counts = countText(p.content.text);
    Object.assign(changes, {
      contentState: 'full',
      wordCount: counts.words,
      cjkChars: counts.cjkChars,
      imageCount: p.content.images.length,
      readingMinutes: readingMinutes({ ...counts, images: p.content.images.length }),
    });
    notes.push('content added');
  }
  return { changes, notes, kept };
}

/**
 * Stores the item's highlights on article `articleId` (inside the caller's transaction): new quotes
 * added, notes filled in where the library's copy has none. Returns the new ids and notes filled.
 */
export async function writeHighlights(
  db: Pick<GistDB, 'highlights'>,
  articleId: number,
  p: Prepared,
  ctx: { source: string; fallbackTime: number },
): Promise<{ ids: string[]; notes: number }> {
  const incoming = p.item.highlights ?? [];
  if (!incoming.length) return { ids: [], notes: 0 };
  const have = await db.highlights.where('articleId').equals(articleId).toArray();
  const recordIds = incoming.flatMap((h) => (h.record ? [h.record.id] : []));
  // A Gist id already stored on another article (the file was edited, or imported into a copy): new id.
  const takenIds = new Set(
    recordIds.length ? (await db.highlights.bulkGet(recordIds)).flatMap((h) => (h && h.articleId !== articleId ? [h.id] : [])) : [],
  );
  const plan = planHighlights(articleId, have, incoming, { ...ctx, takenIds });
  if (plan.add.length) await db.highlights.bulkAdd(plan.add);
  const stored = new Map<string, HighlightRecord>(have.map((h) => [h.id, h]));
  for (const [id, note] of plan.notes)
    await db.highlights.update(id, { note, updatedAt: Math.max(ctx.fallbackTime, stored.get(id)!.updatedAt) });
  return { ids: plan.add.map((h) => h.id), notes: plan.notes.length };
}

export function highlightNotes(w: { ids: string[]; notes: number }): string[] {
  return [
    ...(w.ids.length ? [`${countOf(w.ids.length, 'highlight')} added`] : []),
    ...(w.notes ? [`${countOf(w.notes, 'note')} added to highlights`] : []),
  ];
}

export function noContentReason(rec: ArticleRecord): string {
  if (rec.contentState === 'pending') return 'imported; the page is fetched later';
  if (rec.contentState === 'failed') return `imported; its page could not be fetched before (${rec.fetchError ?? 'no reason recorded'})`;
  return 'imported without its content';
}

export function mergeReason(notes: string[], kept: string[]): string {
  return `already in the library; ${notes.length ? `merged: ${notes.join(', ')}` : 'nothing new'}${kept.length ? `; ${kept.join(', ')}` : ''}`;
}
