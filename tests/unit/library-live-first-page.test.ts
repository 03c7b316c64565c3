// @vitest-environment node
// The first rows are read by a tiny script before the library's bundle runs (lib/db/first-page.ts); the
// page uses that read instead of querying again, unless it came from another schema version.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBIndex, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDb } from '../../lib/db/schema';
import { saveArticle } from '../../lib/db/articles';
import { FIRST_PAGE, readNewest, startFirstPage, takeFirstPage } from '../../lib/db/first-page';
import { openReaderSettings } from '../../lib/reader/settings-store';
import { dexieConnector } from '../../entrypoints/library/dexie-connector';
import { recordReads, type Read } from './db-reads';
import { articleInput } from '../helpers/live-db';

const input = (n: number) => articleInput(n, { text: `Body ${n}`, wordCount: 2 });

let idb: IDBFactory;
let name: string;
let ids: number[];
beforeEach(async () => {
  fakeBrowser.reset();
  idb = new IDBFactory();
  name = `first-${Math.random()}`;
  const db = openDb(name, { indexedDB: idb, IDBKeyRange });
  ids = [];
  // Saved out of id order: the newest by savedAt are not the highest ids.
  for (const [i, at] of [
    [1, 5000],
    [2, 1000],
    [3, 4000],
    [4, 2000],
    [5, 3000],
  ])
    ids.push((await saveArticle(db, input(i), at)).id);
  db.close();
});

async function until(pred: () => boolean) {
  for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
}

const savedOrder = () => [ids[0], ids[2], ids[4], ids[3], ids[1]];
const articleQueries = (reads: Read[]) => reads.filter((r) => r.table === 'articles').length;

describe('readNewest (the early read)', () => {
  it('reads the newest saved first, by the savedAt index, with the database version', async () => {
    const early = await readNewest(idb, 3, name);
    expect(early!.rows.map((a) => a.id)).toEqual(savedOrder().slice(0, 3));
    expect(early!.rows[0].title).toBe('Title 1');
    expect(early!.version).toBeGreaterThan(0);
    // Fewer articles than asked: all of them.
    expect((await readNewest(idb, FIRST_PAGE, name))!.rows.map((a) => a.id)).toEqual(savedOrder());
  });

  it('reads the same by a cursor where the browser has no getAllRecords (Firefox)', async () => {
    const proto = IDBIndex.prototype as unknown as { getAllRecords?: unknown };
    const had = proto.getAllRecords;
    delete proto.getAllRecords;
    try {
      expect((await readNewest(idb, 3, name))!.rows.map((a) => a.id)).toEqual(savedOrder().slice(0, 3));
    } finally {
      proto.getAllRecords = had;
    }
  });

  it('answers null and creates nothing when the library does not exist yet', async () => {
    expect(await readNewest(idb, 3, 'no-such-library')).toBeNull();
    expect((await idb.databases()).map((d) => d.name)).not.toContain('no-such-library');
  });

  it('is handed over once', async () => {
    const g = {};
    startFirstPage(g, idb);
    expect(takeFirstPage(g)).toBeInstanceOf(Promise);
    expect(takeFirstPage(g)).toBeUndefined();
  });
});

describe("the connector's first page", () => {
  it('uses the early read and queries nothing for it', async () => {
    const db = openDb(name, { indexedDB: idb, IDBKeyRange });
    const reads = recordReads(db);
    const early = readNewest(idb, FIRST_PAGE, name);
    const connector = dexieConnector(db, await openReaderSettings(fakeBrowser.storage.local, null), undefined, early);
    // Taken as soon as it is read: there for the page's first render, before any effect asks.
    await early;
    await until(() => connector.firstPageNow!() !== null);
    expect(connector.firstPageNow!()!.map((a) => a.id)).toEqual(savedOrder());
    expect((await connector.firstPage!(FIRST_PAGE)).map((a) => a.id)).toEqual(savedOrder());
    expect(articleQueries(reads)).toBe(0);
    // Used once: a later first page is read again.
    expect((await connector.firstPage!(2)).map((a) => a.id)).toEqual(savedOrder().slice(0, 2));
    expect(articleQueries(reads)).toBe(1);
  });

  it('queries again when the early read came from another schema version (or failed)', async () => {
    const db = openDb(name, { indexedDB: idb, IDBKeyRange });
    const reads = recordReads(db);
    const real = (await readNewest(idb, FIRST_PAGE, name))!;
    const stale = Promise.resolve({ rows: real.rows.slice(0, 1).reverse(), version: real.version - 10 });
    const connector = dexieConnector(db, await openReaderSettings(fakeBrowser.storage.local, null), undefined, stale);
    expect((await connector.firstPage!(FIRST_PAGE)).map((a) => a.id)).toEqual(savedOrder());
    expect(connector.firstPageNow!()!.map((a) => a.id)).toEqual(savedOrder());
    expect(articleQueries(reads)).toBe(1);
    const failed = dexieConnector(db, await openReaderSettings(fakeBrowser.storage.local, null), undefined, Promise.resolve(null));
    expect((await failed.firstPage!(FIRST_PAGE)).map((a) => a.id)).toEqual(savedOrder());
  });
});
