// Outbox → local PouchDB. Each outbox row becomes the documents of Dexie's current state for that
// article or highlight, written on top of the winning revision; a row is deleted only after PouchDB
// accepted its documents, and only if no newer local write changed it meanwhile. A crash between the
// put and the delete leaves the row: the next push rebuilds the same documents (ids derive from the
// URL, field times from the row), writes nothing new when they match, and drops the row.
import type { GistDB } from '../db/schema';
import { BATCH, expandBatches, type OutboxRow } from '../db/sync-outbox';
import {
  articleKey,
  canonical,
  contentId,
  highlightId,
  stateId,
  type ContentDoc,
  type HighlightDoc,
  type StateDoc,
  type SyncDoc,
} from './doc-types';
import { contentDocOf, highlightDocOf, sameContent } from './build-docs';
import { emptyState, withDelete, withLocalEdits } from './merge';

import type { Pouch } from './pouch-types';
type Existing = Map<string, SyncDoc & { _deleted?: boolean }>;

export interface PushResult {
  /** Outbox rows pushed (and removed). */
  rows: number;
  /** Documents written to the local PouchDB. */
  docs: number;
}

async function winners(pouch: Pouch, ids: string[]): Promise<Existing> {
  const res = await pouch.allDocs({ keys: ids, include_docs: true });
  const out: Existing = new Map();
  for (const r of res.rows) {
    if ('error' in r) continue;
    const row = r as { id: string; value: { rev: string; deleted?: boolean }; doc?: SyncDoc | null };
    if (row.doc) out.set(row.id, row.doc);
    else if (row.value?.deleted) out.set(row.id, { _id: row.id, _rev: row.value.rev, _deleted: true } as SyncDoc & { _deleted: boolean });
  }
  return out;
}

/** What one row asks to write: planned before reading PouchDB so a batch needs one allDocs. */
interface Plan {
  row: OutboxRow;
  key?: string;
  build?: (existing: Existing) => Promise<SyncDoc[]>;
}

async function plan(db: GistDB, row: OutboxRow): Promise<Plan & { ids: string[] }> {
  if (row.highlightId) {
    const h = await db.highlights.get(row.highlightId);
    const a = await db.articles.get(h?.articleId ?? row.articleId);
    // Deleted with its article: the doc stays, the article's tombstone hides it (and a revival keeps it).
    if (!a) return { row, ids: [] };
    const key = await articleKey(a.url);
    const id = highlightId(key, row.highlightId);
    if (h) return { row, ids: [id], build: async (ex) => [{ ...highlightDocOf(h, key), _rev: ex.get(id)?._rev }] };
    return {
      row,
      ids: [id],
      build: async (ex) => {
        const cur = ex.get(id);
        return cur && !cur._deleted ? [{ _id: id, _rev: cur._rev, _deleted: true } as unknown as HighlightDoc] : [];
      },
    };
  }
  const a = await db.articles.get(row.articleId);
  const url = a?.url ?? row.deleted?.url;
  if (!url) return { row, ids: [] };
  const key = await articleKey(url);
  const [cid, sid] = [contentId(key), stateId(key)];
  return {
    row,
    key,
    ids: [cid, sid],
    build: async (ex) => {
      const prevState = ex.get(sid) as StateDoc | undefined;
      const base =
        prevState && !(prevState as { _deleted?: boolean })._deleted ? prevState : { ...emptyState(sid, url), _rev: prevState?._rev };
      if (!a) {
        const next = withDelete(base, row.deleted!.at);
        return next.deletedAt === base.deletedAt && prevState ? [] : [next];
      }
      const out: SyncDoc[] = [];
      const fields = row.fields;
      if (fields['*'] !== undefined || fields.content !== undefined || !ex.get(cid)) {
        const doc = await contentDocOf(db, a, key);
        const prev = ex.get(cid) as ContentDoc | undefined;
        if (!prev || (prev as { _deleted?: boolean })._deleted || !sameContent(prev, doc)) out.push({ ...doc, _rev: prev?._rev });
      }
      const next = withLocalEdits(base, a, fields);
      if (!prevState || canonical(next) !== canonical(base)) out.push(next);
      return out;
    },
  };
}

/** Pushes the whole outbox (in batches) into `pouch`. */
export async function pushOutbox(db: GistDB, pouch: Pouch, opts: { batch?: number; signal?: AbortSignal } = {}): Promise<PushResult> {
  const total: PushResult = { rows: 0, docs: 0 };
  const failed = new Set<string>();
  for (;;) {
    opts.signal?.throwIfAborted();
    const rows = (await db.syncOutbox.limit((opts.batch ?? 50) + failed.size).toArray()).filter((r) => !failed.has(r.ref));
    if (!rows.length) return total;
    // An import's new articles wait in batch rows: one row each first, then pushed like any other.
    if (rows.some((r) => r.ref.startsWith(BATCH))) {
      await expandBatches(db);
      continue;
    }
    const plans = await Promise.all(rows.map((r) => plan(db, r)));
    const existing = await winners(pouch, [...new Set(plans.flatMap((p) => p.ids))]);
    const docs: SyncDoc[] = [];
    const owner: Plan[] = [];
    for (const p of plans) {
      for (const d of (await p.build?.(existing)) ?? []) {
        if (!d._rev) delete d._rev;
        docs.push(d);
        owner.push(p);
      }
    }
    const results = docs.length ? await pouch.bulkDocs(docs as object[]) : [];
    const bad = new Set<OutboxRow>();
    // Content revisions written from Dexie's own rows: applying them back needs no body read.
    const held = new Map<OutboxRow, { id: string; rev: string }>();
    results.forEach((r, i) => {
      if ('error' in r && r.error) bad.add(owner[i].row);
      else if (docs[i].type === 'content' && r.rev) held.set(owner[i].row, { id: `rev:${owner[i].key}`, rev: r.rev });
    });
    // A conflict (a replication wrote the doc since it was read) keeps the row for the next round.
    for (const r of bad) failed.add(r.ref);
    const done = rows.filter((r) => !bad.has(r));
    await db.transaction('rw', db.syncOutbox, db.syncState, async () => {
      const now = await db.syncOutbox.bulkGet(done.map((r) => r.ref));
      const gone = done.filter((r, i) => now[i]?.n === r.n);
      await db.syncOutbox.bulkDelete(gone.map((r) => r.ref));
      await db.syncState.bulkPut(gone.flatMap((r) => (held.has(r) ? [held.get(r)!] : [])));
      total.rows += gone.length;
    });
    total.docs += results.length - bad.size;
    if (!done.length) return total;
  }
}
