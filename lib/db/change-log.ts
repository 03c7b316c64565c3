// The change log: one row per write that changes what search indexes (title, site, URL, tags, text,
// content state) — saves, edits, deletes, imports, restores, later sync — in commit order. The search
// index remembers the last row it applied (its watermark) and, on opening, applies only the rows after
// it, instead of comparing every article.
//
// Rows are written by a Dexie middleware inside the transaction that made the change, so a log row
// exists exactly when the change committed, whichever code path wrote it (lib/db, imports, the fetch
// queue, the service worker). Writes that only touch other fields (reading position, status, favorite,
// fetch bookkeeping) are not logged: they do not change the index.
import type Dexie from 'dexie';
import { coverTransaction } from './cover-transaction';
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction } from 'dexie';

export interface ChangeRecord {
  seq: number;
  /** The article concerned; 0 for 'reset'. */
  articleId: number;
  /** put: (re)index it; delete: drop it; reset: the whole table was cleared, rebuild. */
  op: 'put' | 'delete' | 'reset';
  /**
   * The row came from the articles table: the article's body did not change, so a reader that indexed
   * the same metadata can skip it. Absent on body writes and on rows logged before this flag existed.
   */
  meta?: true;
}

/**
 * As stored: a bulk write of many articles (an import chunk, a bulk edit) is one row listing them all
 * in `ids` (`articleId` is the first), so it costs the log one write, not one per article.
 * `changesAfter` gives them back one record per article.
 */
interface StoredChange extends ChangeRecord {
  ids?: number[];
}

// Bodies: the text only (search never reads the HTML, lib/db/contents.ts writes both together).
const TRACKED = new Set(['articles', 'texts']);
const LOG = 'changes';
/** Article fields the search index reads (lib/search/index-sync indexDoc). */
const INDEXED = ['title', 'siteName', 'url', 'tags', 'excerpt', 'contentState'];

/** True when a put's change description shows it touches no indexed field (unknown → logged). */
function onlyUnindexed(spec: Record<string, unknown> | undefined): boolean {
  if (!spec) return false;
  return Object.keys(spec).every((k) => !INDEXED.includes(k.split('.')[0]));
}

/** Articles one stored row may list. */
const IDS_PER_ROW = 5000;

/** The log rows for `entries`: runs of one op grouped into rows with `ids`. */
function grouped(list: Omit<ChangeRecord, 'seq'>[]): Omit<StoredChange, 'seq'>[] {
  if (list.length < 2) return list;
  const out: Omit<StoredChange, 'seq'>[] = [];
  for (const e of list) {
    const last = out[out.length - 1];
    if (last && last.op === e.op && last.meta === e.meta && e.op !== 'reset' && (last.ids?.length ?? 1) < IDS_PER_ROW)
      (last.ids ??= [last.articleId]).push(e.articleId);
    else out.push({ ...e });
  }
  return out;
}

function entries(table: string, req: DBCoreMutateRequest, res: DBCoreMutateResponse): Omit<ChangeRecord, 'seq'>[] {
  const ok = (i: number) => !res.failures?.[i];
  switch (req.type) {
    case 'add':
    case 'put': {
      const keys: unknown[] = res.results ?? req.keys ?? [];
      const out: Omit<ChangeRecord, 'seq'>[] = [];
      keys.forEach((k, i) => {
        if (!ok(i) || typeof k !== 'number') return;
        if (table === 'articles' && req.type === 'put' && onlyUnindexed(req.updates?.changeSpecs[i] ?? req.changeSpec)) return;
        out.push(table === 'articles' ? { articleId: k, op: 'put', meta: true } : { articleId: k, op: 'put' });
      });
      return out;
    }
    case 'delete':
      // Bodies are deleted with their article, whose own row says so.
      if (table !== 'articles') return [];
      return req.keys.filter((k): k is number => typeof k === 'number').map((k) => ({ articleId: k, op: 'delete' as const }));
    case 'deleteRange':
      return [{ articleId: 0, op: 'reset' }];
  }
}

/** Installs the logging middleware; the schema must declare the `changes` table ('++seq'). */
export function trackChanges(db: Dexie): void {
  db.use({
    stack: 'dbcore',
    name: 'gist-change-log',
    create(down: DBCore): DBCore {
      const log = () => down.table(LOG);
      return {
        ...down,
        transaction: coverTransaction(down, TRACKED, LOG),
        table(name: string): DBCoreTable {
          const table = down.table(name);
          if (!TRACKED.has(name)) return table;
          return {
            ...table,
            async mutate(req) {
              const res = await table.mutate(req);
              const trans = req.trans as DBCoreTransaction & Partial<IDBTransaction>;
              // Schema upgrades (versionchange) rebuild nothing from the log: the index is checked against it.
              if (trans.mode === 'versionchange' || !trans.objectStoreNames?.contains(LOG)) return res;
              const rows = grouped(entries(name, req, res));
              if (rows.length) await log().mutate({ type: 'add', trans: req.trans, values: rows });
              return res;
            },
          };
        },
      };
    },
  });
}

/** The newest log row's seq (0 when the log is empty). */
export async function lastSeq(db: Dexie): Promise<number> {
  const last = (await db.table(LOG).orderBy(':id').last()) as ChangeRecord | undefined;
  return last?.seq ?? 0;
}

/** The oldest row still kept (the log is trimmed); undefined when empty. */
export async function firstSeq(db: Dexie): Promise<number | undefined> {
  return ((await db.table(LOG).orderBy(':id').first()) as ChangeRecord | undefined)?.seq;
}

/**
 * The changes of up to `limit` log rows after `seq`, oldest first, one record per article (the
 * articles of a bulk row share its seq, so a reader's watermark moves by whole rows).
 */
export async function changesAfter(db: Dexie, seq: number, limit: number): Promise<ChangeRecord[]> {
  const rows = (await db.table(LOG).where(':id').above(seq).limit(limit).toArray()) as StoredChange[];
  return rows.flatMap((r) =>
    r.ids
      ? r.ids.map((articleId) => (r.meta ? { seq: r.seq, articleId, op: r.op, meta: true as const } : { seq: r.seq, articleId, op: r.op }))
      : [r],
  );
}

/**
 * Drops rows up to `seq` (what the saved index has applied), always keeping the newest row so the
 * log's position survives: an index older than the oldest kept row knows it must rebuild.
 */
export async function trimLog(db: Dexie, seq: number): Promise<void> {
  const last = await lastSeq(db);
  await db
    .table(LOG)
    .where(':id')
    .below(Math.min(seq + 1, last))
    .delete();
}
