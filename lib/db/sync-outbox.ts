// The sync outbox: which articles and highlights changed locally since sync last pushed them, written
// by a Dexie middleware inside the transaction that made the change (like the search change log, but
// for every synced field). A row exists exactly when the change committed, whichever code path wrote
// it, so a crash can never lose a local edit before sync sees it.
//
// One row per article or highlight (compacted: a later write merges into the row) — except the new
// articles of one bulk add (an import step), which share one batch row sync expands before pushing —
// carrying the time each synced field was last edited here — the per-field timestamps the merge rules
// compare — and, for a deleted article, its URL (the row is gone from `articles` when the outbox is
// pushed).
// Transactions that also cover `syncState` are sync applying remote changes: they are not recorded,
// so incoming changes are never echoed back as local edits.
import type Dexie from 'dexie';
import { coverTransaction } from './cover-transaction';
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction } from 'dexie';
import type { GistDB } from './schema';

export interface OutboxRow {
  /** 'a:<articleId>', 'h:<highlightId>', or 'b:<first id, padded>' for a batch of new articles. */
  ref: string;
  articleId: number;
  /**
   * A batch row: the articles one bulk add created (an import step), recorded in one row instead of one
   * each (100,000 rows were ~40 % of a 100,000-link import's IndexedDB time). `articleId` is the first.
   * Sync expands it into per-article rows before pushing (expandBatches).
   */
  ids?: number[];
  highlightId?: string;
  /**
   * Synced field → epoch ms of its latest local edit. '*' = the whole record was written (a save, an
   * import, a restore); 'content' = the saved body, images or metadata.
   */
  fields: Record<string, number>;
  /** Set when the record was deleted (articles: with its URL, the sync key). */
  deleted?: { at: number; url?: string };
  /** Bumped on every write: sync deletes only the row version it pushed. */
  n: number;
}

export const OUTBOX = 'syncOutbox';
/** The sync checkpoint table: its presence in a transaction marks writes coming from sync. */
export const SYNC_STATE = 'syncState';

// A body's text is written with its HTML (lib/db/contents.ts): the `contents` row's write records both.
const TRACKED = new Set(['articles', 'contents', 'images', 'highlights']);
/** Article fields that live in the article's state document; the rest of the record is content. */
export const STATE_FIELDS = ['status', 'favorite', 'tags', 'tagsEdited', 'progress', 'note'];
/** Device-local bookkeeping (the fetch queue's, images dropped to reclaim space here): never synced. */
const LOCAL_FIELDS = ['id', 'fetchAttempts', 'nextAttemptAt', 'fetchError', 'pendingImages', 'updatedAt', 'imagesDropped'];

type NewRow = Omit<OutboxRow, 'n'>;

function articleFields(spec: Record<string, unknown> | undefined, now: number): Record<string, number> {
  if (!spec) return { '*': now };
  const out: Record<string, number> = {};
  for (const path of Object.keys(spec)) {
    const k = path.split('.')[0];
    if (STATE_FIELDS.includes(k)) out[k] = now;
    else if (!LOCAL_FIELDS.includes(k)) out.content = now;
  }
  return out;
}

function fieldsOf(table: string, req: DBCoreMutateRequest, i: number, now: number): Record<string, number> {
  if (table !== 'articles') return table === 'highlights' ? { '*': now } : { content: now };
  if (req.type !== 'put') return { '*': now };
  return articleFields(req.updates?.changeSpecs[i] ?? req.changeSpec, now);
}

const refOf = (table: string, v: { id?: unknown; articleId?: unknown }, key: unknown): NewRow | null => {
  if (table === 'highlights') {
    return typeof key === 'string' && typeof v.articleId === 'number'
      ? { ref: `h:${key}`, articleId: v.articleId, highlightId: key, fields: {} }
      : null;
  }
  const articleId = table === 'articles' || table === 'contents' ? key : v.articleId;
  return typeof articleId === 'number' ? { ref: `a:${articleId}`, articleId, fields: {} } : null;
};

/** The rows one mutation calls for; `before` holds the records a delete removed (read beforehand). */
function rowsFor(table: string, req: DBCoreMutateRequest, keys: unknown[], before: unknown[], now: number): NewRow[] {
  const out: NewRow[] = [];
  if (req.type === 'add' || req.type === 'put') {
    keys.forEach((k, i) => {
      const r = refOf(table, (req.values[i] ?? {}) as object, k);
      if (!r) return;
      r.fields = fieldsOf(table, req, i, now);
      if (Object.keys(r.fields).length) out.push(r);
    });
    return out;
  }
  keys.forEach((k, i) => {
    const v = before[i] as { url?: string; articleId?: number } | undefined;
    if (!v) return;
    const r = refOf(table, v, k);
    if (!r) return;
    if (table === 'articles') r.deleted = { at: now, url: v.url };
    else if (table === 'highlights') r.deleted = { at: now };
    else r.fields = { content: now }; // a body or image removed: the content changed
    out.push(r);
  });
  return out;
}

/**
 * Articles added with ids the database generates: those ids were never used before (IndexedDB's key
 * generator never goes back, even after a clear), so no outbox row can be waiting for them, and the
 * per-key read of the rows is skipped (an import chunk's bulkAdd read one row per new article).
 */
const freshIds = (table: string, req: DBCoreMutateRequest) =>
  table === 'articles' && req.type === 'add' && req.values.every((v) => (v as { id?: unknown } | null)?.id == null);

/** A batch row's ref: ids zero-padded so the refs sort as the ids do (see batchRowOf). */
export const BATCH = 'b:';
const batchRef = (id: number) => BATCH + String(id).padStart(16, '0');
const isBatch = (r: { ref: string }) => r.ref.startsWith(BATCH);

/**
 * One row for the new articles of a fresh bulk add (more than one): `fields` as each article's row
 * would have. Keys of failed adds are left out.
 */
function batchRow(keys: unknown[], now: number): OutboxRow | null {
  const ids = keys.filter((k): k is number => typeof k === 'number');
  if (ids.length < 2) return null;
  return { ref: batchRef(ids[0]), articleId: ids[0], ids, fields: { '*': now }, n: 1 };
}

/** Folds a new change into the row already waiting for the same record. */
export function mergeRow(old: OutboxRow | undefined, add: NewRow): OutboxRow {
  const fields = { ...(old?.fields ?? {}) };
  for (const [k, t] of Object.entries(add.fields)) fields[k] = Math.max(fields[k] ?? 0, t);
  const row: OutboxRow = { ...(old ?? {}), ...add, fields, n: (old?.n ?? 0) + 1 };
  // A record written again after its delete (undo, re-save) is alive: its later field times say so.
  row.deleted = add.deleted ?? old?.deleted;
  if (!row.deleted) delete row.deleted;
  return row;
}

/** Installs the outbox middleware; the schema must declare `syncOutbox` ('ref') and `syncState`. */
export function trackSyncOutbox(db: Dexie): void {
  db.use({
    stack: 'dbcore',
    name: 'gist-sync-outbox',
    create(down: DBCore): DBCore {
      return {
        ...down,
        transaction: coverTransaction(down, TRACKED, OUTBOX),
        table(name: string): DBCoreTable {
          const table = down.table(name);
          if (!TRACKED.has(name)) return table;
          return {
            ...table,
            async mutate(req) {
              const trans = req.trans as DBCoreTransaction & Partial<IDBTransaction>;
              const names = trans.objectStoreNames;
              const record = trans.mode !== 'versionchange' && !!names?.contains(OUTBOX) && !names.contains(SYNC_STATE);
              if (!record) return table.mutate(req);
              let keys: unknown[] = [];
              let before: unknown[] = [];
              if (req.type === 'delete') {
                keys = req.keys;
                before = await table.getMany({ trans: req.trans, keys });
              } else if (req.type === 'deleteRange') {
                const res = await table.query({
                  trans: req.trans,
                  query: { index: table.schema.primaryKey, range: req.range },
                  values: true,
                });
                before = res.result;
                keys = before.map((v) => (name === 'contents' ? (v as { articleId: unknown }).articleId : (v as { id: unknown }).id));
              }
              const res = await table.mutate(req);
              if (req.type === 'add' || req.type === 'put')
                keys = (res.results ?? req.keys ?? []).map((k, i) => (res.failures?.[i] ? undefined : k));
              const out = down.table(OUTBOX);
              const batch = freshIds(name, req) ? batchRow(keys, Date.now()) : null;
              if (batch) {
                await out.mutate({ type: 'put', trans: req.trans, values: [batch] });
                return res;
              }
              const rows = rowsFor(name, req, keys, before, Date.now());
              if (!rows.length) return res;
              const byRef = new Map<string, NewRow[]>();
              for (const r of rows) byRef.set(r.ref, [...(byRef.get(r.ref) ?? []), r]);
              const refs = [...byRef.keys()];
              const olds = freshIds(name, req) ? [] : ((await out.getMany({ trans: req.trans, keys: refs })) as (OutboxRow | undefined)[]);
              const values = refs.map((ref, i) => byRef.get(ref)!.reduce<OutboxRow | undefined>((acc, r) => mergeRow(acc, r), olds[i])!);
              await out.mutate({ type: 'put', trans: req.trans, values });
              return res;
            },
          };
        },
      };
    },
  });
}

type OutboxDb = Pick<GistDB, 'syncOutbox' | 'transaction'>;

/**
 * The row waiting for article `articleId`: its own, or the batch row listing it. Batch rows cover
 * disjoint id ranges (generated ids only grow), so the candidate is the last batch row starting at or
 * before the id.
 */
export async function articleRow(db: OutboxDb, articleId: number): Promise<OutboxRow | undefined> {
  const own = await db.syncOutbox.get(`a:${articleId}`);
  if (own) return own;
  const batch = await db.syncOutbox.where('ref').between(BATCH, batchRef(articleId), true, true).last();
  return batch?.ids?.includes(articleId) ? batch : undefined;
}

/** How many records wait to be pushed: a batch row counts each article it lists. */
export async function outboxSize(db: OutboxDb): Promise<number> {
  const batches = await db.syncOutbox.where('ref').startsWith(BATCH).toArray();
  return (await db.syncOutbox.count()) + batches.reduce((n, b) => n + (b.ids?.length ?? 1) - 1, 0);
}

/**
 * Turns every batch row into per-article rows (merged into any row an article got since), each batch in
 * one transaction, so a push reads and deletes rows one record each. Returns the batch rows expanded.
 */
export async function expandBatches(db: OutboxDb): Promise<number> {
  const refs = (await db.syncOutbox.where('ref').startsWith(BATCH).primaryKeys()) as string[];
  for (const ref of refs) {
    await db.transaction('rw', db.syncOutbox, async () => {
      const b = await db.syncOutbox.get(ref);
      if (!b || !isBatch(b)) return;
      const ids = b.ids ?? [b.articleId];
      const olds = await db.syncOutbox.bulkGet(ids.map((id) => `a:${id}`));
      await db.syncOutbox.bulkPut(ids.map((id, i) => mergeRow(olds[i], { ref: `a:${id}`, articleId: id, fields: b.fields })));
      await db.syncOutbox.delete(ref);
    });
  }
  return refs.length;
}
