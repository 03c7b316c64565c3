// Merge rules for conflicting revisions (PouchDB reports them; it does not pick field values). Every
// rule is commutative and deterministic — revisions are folded in revision order and ties broken by
// value — so two devices resolving the same conflict write the same document (and, PouchDB's revision
// ids being deterministic, the same revision).
//   tags: per tag, the later add or removal wins (a tie keeps the tag): a union unless a removal is newer
//   progress: the maximum          status, favorite, note: the later edit (per-field timestamps)
//   delete: the latest delete time and the latest write time are both kept; the article is alive when
//           the write is at or after the delete (lib/sync/doc-types isAlive)
//   content: the later save (updatedAt) with the earliest savedAt;  highlight: the later updatedAt
import type { ArticleRecord } from '../db/schema';
import type { ContentDoc, HighlightDoc, StateDoc, SyncDoc, TagEntry } from './doc-types';

const cmp = (a: unknown, b: unknown): number => {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The later of two timestamped values; on a tie the greater value, so the choice is order-free. */
function later<T>(a: T, at: number, b: T, bt: number): [T, number] {
  if (at !== bt) return at > bt ? [a, at] : [b, bt];
  return cmp(a, b) >= 0 ? [a, at] : [b, bt];
}

function mergeTag(a: TagEntry | undefined, b: TagEntry | undefined): TagEntry {
  if (!a) return b!;
  if (!b) return a;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  if (a.removed !== b.removed) return a.removed ? b : a; // a tie keeps the tag
  return cmp(a.name, b.name) >= 0 ? a : b;
}

export function mergeState(a: StateDoc, b: StateDoc): StateDoc {
  const [status, statusAt] = later(a.status, a.statusAt, b.status, b.statusAt);
  const [favorite, favoriteAt] = later(a.favorite, a.favoriteAt, b.favorite, b.favoriteAt);
  const [note, noteAt] = later(a.note, a.noteAt, b.note, b.noteAt);
  const tags: Record<string, TagEntry> = {};
  for (const k of new Set([...Object.keys(a.tags), ...Object.keys(b.tags)])) tags[k] = mergeTag(a.tags[k], b.tags[k]);
  const deletedAt = a.deletedAt === null ? b.deletedAt : b.deletedAt === null ? a.deletedAt : Math.max(a.deletedAt, b.deletedAt);
  return {
    _id: a._id,
    type: 'state',
    url: a.url,
    status,
    statusAt,
    favorite,
    favoriteAt,
    progress: Math.max(a.progress, b.progress),
    tags,
    tagsEdited: a.tagsEdited || b.tagsEdited,
    note,
    noteAt,
    touchedAt: Math.max(a.touchedAt, b.touchedAt),
    deletedAt,
  };
}

export function mergeContent(a: ContentDoc, b: ContentDoc): ContentDoc {
  const strip = (d: ContentDoc) => ({ ...d, _rev: undefined, _attachments: undefined });
  const win = a.updatedAt !== b.updatedAt ? (a.updatedAt > b.updatedAt ? a : b) : cmp(strip(a), strip(b)) >= 0 ? a : b;
  return { ...win, savedAt: Math.min(a.savedAt, b.savedAt) };
}

export function mergeHighlight(a: HighlightDoc, b: HighlightDoc): HighlightDoc {
  const strip = (d: HighlightDoc) => ({ ...d, _rev: undefined });
  const win = a.updatedAt !== b.updatedAt ? (a.updatedAt > b.updatedAt ? a : b) : cmp(strip(a), strip(b)) >= 0 ? a : b;
  return { ...win, createdAt: Math.min(a.createdAt, b.createdAt) };
}

/** Merges every live revision of one document (all of one type) into the document to keep. */
export function mergeRevisions<T extends SyncDoc>(revs: T[]): T {
  if (!revs.length) throw new Error('mergeRevisions needs at least one revision');
  const sorted = [...revs].sort((x, y) => ((x._rev ?? '') < (y._rev ?? '') ? -1 : 1));
  const merged = (sorted as SyncDoc[]).reduce((acc, d) => {
    if (acc.type !== d.type) throw new Error(`Cannot merge a ${acc.type} document with a ${d.type} document`);
    if (d.type === 'state') return mergeState(acc as StateDoc, d);
    if (d.type === 'content') return mergeContent(acc as ContentDoc, d);
    return mergeHighlight(acc as HighlightDoc, d);
  });
  const out = { ...merged } as T;
  delete out._rev;
  return out;
}

/** A state document for an article first seen here, before any local field times apply. */
export function emptyState(id: string, url: string): StateDoc {
  return {
    _id: id,
    type: 'state',
    url,
    status: 'unread',
    statusAt: 0,
    favorite: 0,
    favoriteAt: 0,
    progress: 0,
    tags: {},
    tagsEdited: false,
    note: null,
    noteAt: 0,
    touchedAt: 0,
    deletedAt: null,
  };
}

/**
 * The state document after this device's local edits: `fields` dates each edited field (from the
 * outbox); '*' means the whole record was written (a save or import: its tags only add, since that
 * device never saw the others). A field is taken from the article only when its edit is at least as
 * recent as the one the document holds, so an old outbox row never overwrites a newer remote edit.
 */
export function withLocalEdits(prev: StateDoc, a: ArticleRecord, fields: Record<string, number>): StateDoc {
  const t = (k: string): number | undefined => fields[k] ?? fields['*'];
  const next: StateDoc = { ...prev, tags: { ...prev.tags } };
  const ts = t('status');
  if (ts !== undefined && ts >= prev.statusAt) [next.status, next.statusAt] = [a.status, ts];
  const tf = t('favorite');
  if (tf !== undefined && tf >= prev.favoriteAt) [next.favorite, next.favoriteAt] = [a.favorite, tf];
  const tn = t('note');
  if (tn !== undefined && tn >= prev.noteAt) [next.note, next.noteAt] = [a.note ?? null, tn];
  if (t('progress') !== undefined) next.progress = Math.max(prev.progress, a.progress ?? 0);
  if (t('tagsEdited') !== undefined) next.tagsEdited = prev.tagsEdited || a.tagsEdited;
  const tt = t('tags');
  if (tt !== undefined) {
    const local = new Map(a.tags.map((n) => [n.toLowerCase(), n]));
    for (const [k, name] of local) {
      const e = prev.tags[k];
      if (!e || (e.removed && tt >= e.at) || (!e.removed && e.name !== name && tt >= e.at)) next.tags[k] = { name, at: tt, removed: false };
    }
    if (fields.tags !== undefined) {
      for (const [k, e] of Object.entries(prev.tags)) {
        if (!e.removed && !local.has(k) && fields.tags >= e.at) next.tags[k] = { ...e, at: fields.tags, removed: true };
      }
    }
  }
  next.touchedAt = Math.max(prev.touchedAt, ...Object.values(fields));
  return next;
}

/** The state document after this device deleted the article at `at`. */
export function withDelete(prev: StateDoc, at: number): StateDoc {
  return { ...prev, deletedAt: Math.max(prev.deletedAt ?? 0, at) };
}
