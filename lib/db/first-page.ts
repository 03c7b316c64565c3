// The library's first rows, read with plain IndexedDB by a tiny script that runs before the page's bundle:
// the bundle (Preact, Dexie, the app: ~600 kB) takes 100–200 ms to load and evaluate, and the database's
// opening and this read used to start only after it, and after the reader settings and a first render
// (each step waiting for the one before). Started here, they run in the storage process meanwhile.
// No Dexie (it would make this script as big as what it overtakes), and no schema: a library that does not
// exist yet, or is about to be upgraded, is left to Dexie (the answer is null, the page queries as before).
import type { ArticleRecord } from './schema';

/** The library database's name (schema.ts's DB_NAME, kept here so this script does not import Dexie). */
export const LIBRARY_DB = 'gist';
/** Rows the page paints first. */
export const FIRST_PAGE = 60;

/** Where the early script leaves its read for the page's bundle. */
const KEY = '__gistFirstPage';

/** The rows and the database version they were read at (the page uses them only if that is its schema's). */
export interface EarlyPage {
  rows: ArticleRecord[];
  version: number;
}
type Holder = Record<typeof KEY, Promise<EarlyPage | null> | undefined>;

/**
 * The `n` newest saved articles, newest first, or null when the library cannot be read this way (no such
 * database or table yet, an error): one getAllRecords where the browser has it (Chromium), else a cursor.
 */
export function readNewest(idb: IDBFactory, n: number, name = LIBRARY_DB): Promise<EarlyPage | null> {
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = idb.open(name);
    } catch {
      return resolve(null);
    }
    // Opening without a version creates a missing database: refuse that, Dexie creates it with its schema.
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
    req.onsuccess = () => {
      const db = req.result;
      // An upgrade by Dexie waits for this connection: give way at once.
      db.onversionchange = () => db.close();
      const done = (rows: ArticleRecord[] | null) => {
        db.close();
        resolve(rows && { rows, version: db.version });
      };
      try {
        const index = db.transaction('articles', 'readonly').objectStore('articles').index('savedAt');
        const records = (index as IDBIndex & { getAllRecords?: (o: object) => IDBRequest<{ value: ArticleRecord }[]> }).getAllRecords;
        if (records) {
          const r = records.call(index, { direction: 'prev', count: n });
          r.onsuccess = () => done(r.result.map((x) => x.value));
          r.onerror = () => done(null);
          return;
        }
        const rows: ArticleRecord[] = [];
        const c = index.openCursor(null, 'prev');
        c.onsuccess = () => {
          const cur = c.result;
          if (cur && rows.length < n) {
            rows.push(cur.value as ArticleRecord);
            cur.continue();
          } else done(rows);
        };
        c.onerror = () => done(null);
      } catch {
        done(null);
      }
    };
  });
}

/** Starts the read and leaves it for `takeFirstPage` (the early script's one job). */
export function startFirstPage(global: object, idb: IDBFactory | undefined) {
  if (idb) (global as Holder)[KEY] = readNewest(idb, FIRST_PAGE);
}

/** The early script's read, once (a later call gets undefined and queries the database itself). */
export function takeFirstPage(global: object): Promise<EarlyPage | null> | undefined {
  const h = global as Holder;
  const p = h[KEY];
  h[KEY] = undefined;
  return p;
}
