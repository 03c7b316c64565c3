// Local PouchDB → Dexie. Reads the changes feed after the checkpoint kept in Dexie, resolves conflicts,
// then makes Dexie match the winning documents of every article the batch touched — in one Dexie
// transaction that also moves the checkpoint, so a crash applies the batch wholly or not at all, and
// a re-applied batch finds Dexie already equal (articles are found by URL: never a duplicate).
// The transaction covers `syncState`, which tells the outbox middleware these writes come from sync.
// Articles or highlights with local edits still in the outbox are left alone and their key kept in
// `syncState` ('again:<key>'): the next run, after those edits were pushed (merged with what arrived),
// applies them from PouchDB's winning documents even if pushing changed no document.
import type { ArticleRecord, GistDB, HighlightRecord } from '../db/schema';
import { articleRow } from '../db/sync-outbox';
import { bodyTables, deleteBody, putBody } from '../db/contents';
import { contentId, isAlive, parseId, stateId, type ContentDoc, type HighlightDoc, type StateDoc } from './doc-types';
import { articleOf, bodyOf, highlightOf } from './build-docs';
import { resolveConflict } from './resolve-conflicts';
import type { DocMeta, Pouch } from './pouch-types';

export const CHECKPOINT = 'pulled';
const revKey = (key: string) => `rev:${key}`;
const AGAIN = 'again:';

export interface ApplyResult {
  /** Articles created, updated or deleted in Dexie. */
  applied: number;
  conflictsResolved: number;
}

interface Incoming {
  key: string;
  state?: StateDoc;
  content?: ContentDoc;
  /** Fetched with its attachments only when its revision is not the one Dexie holds. */
  body?: ContentDoc;
  highlights: { uuid: string; doc: HighlightDoc }[];
}

async function getOrNull<T>(
  pouch: Pouch,
  id: string,
  opts: { attachments?: boolean; binary?: boolean } = {},
): Promise<(T & DocMeta) | undefined> {
  try {
    return await pouch.get<T>(id, opts);
  } catch (e) {
    if ((e as { status?: number }).status === 404) return undefined;
    throw e;
  }
}

async function read(db: GistDB, pouch: Pouch, key: string): Promise<Incoming> {
  const [state, content, hs, applied] = await Promise.all([
    getOrNull<StateDoc>(pouch, stateId(key)),
    getOrNull<ContentDoc>(pouch, contentId(key)),
    pouch.allDocs({ startkey: `h:${key}:`, endkey: `h:${key}:\uffff`, include_docs: true }),
    db.syncState.get(revKey(key)),
  ]);
  const highlights = hs.rows.flatMap((r) => (r.doc ? [{ uuid: parseId(r.id)!.uuid!, doc: r.doc as unknown as HighlightDoc }] : []));
  const inc: Incoming = { key, state, content, highlights };
  // The body is read again when its revision changed, or when the article is not here (deleted here
  // earlier and revived elsewhere: the marker of the old revision is still here, the rows are not).
  const here = content ? await db.articles.where('url').equals(content.url).count() : 0;
  if (content && state && isAlive(state) && (applied?.rev !== content._rev || !here)) {
    inc.body = await pouch.get<ContentDoc>(contentId(key), { attachments: true, binary: true });
  }
  return inc;
}

/** Field-by-field equality (key order differs between records built here and those read back; an
 * absent note equals a null one). */
function same(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) if (JSON.stringify(x[k] ?? null) !== JSON.stringify(y[k] ?? null)) return false;
  return true;
}

type Outcome = 'changed' | 'same' | 'deferred';

async function applyOne(db: GistDB, inc: Incoming): Promise<Outcome> {
  const url = inc.state?.url ?? inc.content?.url;
  if (!url || !inc.state) return 'same'; // the state arrives with or after the content: wait for it
  const local = await db.articles.where('url').equals(url).first();
  if (local && (await articleRow(db, local.id))) return 'deferred';
  if (!isAlive(inc.state)) {
    if (!local) return 'same';
    await db.images.where('articleId').equals(local.id).delete();
    await db.highlights.where('articleId').equals(local.id).delete();
    await deleteBody(db, local.id);
    await db.articles.delete(local.id);
    await db.syncState.delete(revKey(inc.key));
    return 'changed';
  }
  if (!local && !inc.content) return 'same';
  const next = articleOf(local, inc.content, inc.state);
  let changed = false;
  let id: number;
  if (local) {
    id = local.id;
    if (!same({ ...local }, { ...next, id })) {
      await db.articles.put({ ...next, id } as ArticleRecord);
      changed = true;
    }
  } else {
    delete next.id;
    id = (await db.articles.add(next as ArticleRecord)) as number;
    changed = true;
  }
  if (inc.body) {
    const { content, images } = bodyOf(inc.body, id);
    if (content) await putBody(db, content);
    else await deleteBody(db, id);
    await db.images.where('articleId').equals(id).delete();
    if (images.length) await db.images.bulkAdd(images as never[]);
    await db.syncState.put({ id: revKey(inc.key), rev: inc.body._rev });
    changed = true;
  }
  const hs: HighlightRecord[] = [];
  let deferred = false;
  for (const { uuid, doc } of inc.highlights) {
    if (await db.syncOutbox.get(`h:${uuid}`)) {
      deferred = true;
      continue;
    }
    const rec = highlightOf(doc, uuid, id);
    const cur = await db.highlights.get(uuid);
    if (!cur || !same(cur, rec)) hs.push(rec);
  }
  if (hs.length) await db.highlights.bulkPut(hs);
  return deferred ? 'deferred' : changed || hs.length > 0 ? 'changed' : 'same';
}

/** Applies everything after the checkpoint; `onBatch` reports the documents read so far. */
export async function applyChanges(
  db: GistDB,
  pouch: Pouch,
  opts: { batch?: number; signal?: AbortSignal; onBatch?: (docs: number) => void } = {},
): Promise<ApplyResult> {
  const out: ApplyResult = { applied: 0, conflictsResolved: 0 };
  let first = true;
  for (;;) {
    opts.signal?.throwIfAborted();
    const since = (await db.syncState.get(CHECKPOINT))?.seq ?? 0;
    // Deferred keys once per run: those deferred again now wait for the next run.
    const again = first ? (await db.syncState.where('id').startsWith(AGAIN).primaryKeys()).map((k) => k.slice(AGAIN.length)) : [];
    first = false;
    const feed = await pouch.changes({ since, limit: opts.batch ?? 50, style: 'all_docs' });
    if (!feed.results.length && !again.length) return out;
    const keys = new Set<string>(again);
    const goneHighlights: string[] = [];
    for (const c of feed.results) {
      const p = parseId(c.id);
      if (!p) continue;
      if (c.changes.length > 1 && (await resolveConflict(pouch, c.id))) out.conflictsResolved++;
      keys.add(p.key);
      if (p.kind === 'h' && c.deleted) goneHighlights.push(p.uuid!);
    }
    const incoming = await Promise.all([...keys].map((k) => read(db, pouch, k)));
    await db.transaction('rw', [db.articles, ...bodyTables(db), db.images, db.highlights, db.syncState, db.syncOutbox], async () => {
      for (const inc of incoming) {
        const outcome = await applyOne(db, inc);
        if (outcome === 'changed') out.applied++;
        if (outcome === 'deferred') await db.syncState.put({ id: AGAIN + inc.key });
        else await db.syncState.delete(AGAIN + inc.key);
      }
      for (const uuid of goneHighlights) {
        if (!(await db.syncOutbox.get(`h:${uuid}`))) await db.highlights.delete(uuid);
      }
      await db.syncState.put({ id: CHECKPOINT, seq: feed.last_seq });
    });
    opts.onBatch?.(feed.results.length);
  }
}
