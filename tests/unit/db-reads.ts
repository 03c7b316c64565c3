// Records the reads that reach IndexedDB (a DBCore middleware below Dexie's own cache), so a test can
// assert how a query is answered: through which index, and whether it read a whole table.
import type Dexie from 'dexie';
import type { DBCoreKeyRange } from 'dexie';

export interface Read {
  table: string;
  /** ':id' for the primary key. */
  index: string;
  /** No range and no limit: every row of the table (or of the index). */
  whole: boolean;
  /** Records read, not only keys. */
  values: boolean;
  /** No range but a limit: the first page of a walk through the whole table (or index). */
  firstPage: boolean;
}

// DBCoreRangeType.Any (dexie's const enum, not importable at run time).
const ANY_RANGE = 3;
const whole = (range: DBCoreKeyRange, limit?: number) => range.type === ANY_RANGE && !(limit !== undefined && limit < Infinity);

/** Call before the database opens. Returns the live list of reads (clear it with `reads.length = 0`). */
export function recordReads(db: Dexie): Read[] {
  const reads: Read[] = [];
  db.use({
    stack: 'dbcore',
    name: 'test-record-reads',
    // Below the Cache middleware (level 0): only what IndexedDB is really asked.
    level: -10,
    create: (down) => ({
      ...down,
      table(name) {
        const t = down.table(name);
        return {
          ...t,
          query(req) {
            reads.push({
              table: name,
              index: req.query.index.name ?? ':id',
              whole: whole(req.query.range, req.limit),
              values: !!req.values,
              firstPage: req.query.range.type === ANY_RANGE && !whole(req.query.range, req.limit),
            });
            return t.query(req);
          },
          openCursor(req) {
            reads.push({
              table: name,
              index: req.query.index.name ?? ':id',
              whole: whole(req.query.range),
              values: !!req.values,
              firstPage: false,
            });
            return t.openCursor(req);
          },
        };
      },
    }),
  });
  return reads;
}

/**
 * Reads of the whole articles table: at once (by the primary key or by the savedAt index), or in pages by
 * the primary key (counted once, by the first page).
 */
export const fullArticleReads = (reads: Read[]) =>
  reads.filter(
    (r) =>
      r.table === 'articles' &&
      ((r.whole && (r.index === ':id' || r.index === 'savedAt')) || (r.firstPage && r.values && r.index === ':id')),
  ).length;
