// @vitest-environment node
// Every schema version Gist ever shipped has a fixture database (tests/fixtures/db/vN.json: that
// version's store declarations + data). Each is written at its own version, then opened with the
// current openDb: nothing may be lost, every index must work, and the version's own upgrade checks run.
// Adding schema version N+1: add vN+1.json (written by the new version) and an UPGRADE_CHECKS entry
// for what N's upgrade() must have done to the older fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import { getReadable, listArticles, textsOf } from '../../lib/db/articles';
import { queueItems } from '../../lib/fetch-queue/store';
import { countViews } from '../../lib/db/view-counts';
import { PROGRESS_DONE, PROGRESS_START, viewCounts } from '../../lib/search/list-query';
import type { ArticleRecord } from '../../lib/db/schema';

const DIR = resolve(import.meta.dirname, '../fixtures/db');

interface Fixture {
  version: number;
  stores: Record<string, string>;
  data: Record<string, Record<string, unknown>[]>;
}

const fixtures = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Fixture)
  .sort((a, b) => a.version - b.version);

/** JSON stand-ins → real values: {"base64","type"} becomes a Blob. */
function revive(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(revive);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.base64 === 'string' && typeof o.type === 'string' && Object.keys(o).length === 2) {
      return new Blob([Buffer.from(o.base64, 'base64')], { type: o.type });
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, revive(x)]));
  }
  return v;
}

/** Writes the fixture's database at its own version in a fresh IndexedDB; returns that factory. */
async function writeFixture(fx: Fixture, name: string): Promise<IDBFactory> {
  const indexedDB = new IDBFactory();
  const old = new Dexie(name, { indexedDB, IDBKeyRange });
  old.version(fx.version).stores(fx.stores);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(fx.data)) await old.table(table).bulkAdd(revive(rows) as object[]);
  });
  old.close();
  return indexedDB;
}

/** Object stores and their indexes as IndexedDB itself reports them. */
function nativeShape(db: Dexie): Record<string, string[]> {
  const idb = db.backendDB();
  const tx = idb.transaction([...idb.objectStoreNames], 'readonly');
  const shape: Record<string, string[]> = {};
  for (const name of [...idb.objectStoreNames].sort()) {
    const store = tx.objectStore(name);
    shape[name] = [
      `key:${JSON.stringify(store.keyPath)}${store.autoIncrement ? '++' : ''}`,
      ...[...store.indexNames].sort().map((i) => {
        const ix = store.index(i);
        return `${i}${ix.unique ? '!' : ''}${ix.multiEntry ? '*' : ''}`;
      }),
    ];
  }
  return shape;
}

/** What each version's upgrade() must have done to data from older versions (keyed by the new version). */
const UPGRADE_CHECKS: Record<number, (db: GistDB, from: Fixture) => Promise<void>> = {
  // 2 adds the fetch queue's indexes (contentState, pendingImages) and drops the unqueried ones; no data changes.
  2: async (db, from) => {
    const articles = from.data.articles ?? [];
    const ids = (pred: (a: Record<string, unknown>) => boolean) =>
      articles
        .filter(pred)
        .map((a) => a.id as number)
        .sort((x, y) => x - y);
    for (const state of ['full', 'pending', 'failed']) {
      expect((await db.articles.where('contentState').equals(state).primaryKeys()).sort((x, y) => x - y)).toEqual(
        ids((a) => a.contentState === state),
      );
    }
    expect((await db.articles.orderBy('pendingImages').distinct().primaryKeys()).sort((x, y) => x - y)).toEqual(
      ids((a) => Array.isArray(a.pendingImages) && a.pendingImages.length > 0),
    );
    expect((await queueItems(db)).map((i) => i.id)).toEqual(
      ids(
        (a) => a.contentState === 'pending' || (a.contentState === 'full' && Array.isArray(a.pendingImages) && a.pendingImages.length > 0),
      ),
    );
  },
  // 3 moves each article's highlights array into the highlights table, as quotes waiting to be anchored.
  3: async (db, from) => {
    const want = (from.data.articles ?? []).flatMap((a) =>
      ((a.highlights as { text: string; note?: string | null }[] | undefined) ?? []).map((h) => ({
        articleId: a.id,
        quote: { type: 'TextQuoteSelector', exact: h.text, prefix: '', suffix: '' },
        position: null,
        note: h.note ?? null,
        anchor: 'waiting',
      })),
    );
    for (const a of from.data.articles ?? []) expect(await db.articles.get(a.id as number)).not.toHaveProperty('highlights');
    const got = await db.highlights.toArray();
    expect(got).toHaveLength(want.length);
    for (const w of want) {
      const found = await db.highlights
        .where('articleId')
        .equals(w.articleId as number)
        .toArray();
      expect(found).toContainEqual(expect.objectContaining(w));
    }
    for (const h of got) expect(h.id).toMatch(/^[0-9a-f-]{36}$/);
  },
  // 4 adds the change log, empty after an upgrade (the upgrade itself logs nothing: an index saved before
  // has an older format and is rebuilt); writes from then on are logged.
  4: async (db, from) => {
    expect(from.data.changes).toBeUndefined();
    expect(await db.changes.count()).toBe(0);
    const first = from.data.articles?.[0];
    if (!first) return;
    await db.articles.update(first.id as number, { title: 'Renamed after the upgrade' });
    expect((await db.changes.toArray()).map((r) => [r.articleId, r.op])).toEqual([[first.id, 'put']]);
  },
  // 5 adds the sync outbox, filled with every article and highlight (dated by their last update) so the
  // first sync uploads the whole library; writes from then on add or update rows.
  5: async (db, from) => {
    expect(from.data.syncOutbox).toBeUndefined();
    // Highlights included: those an older version's upgrade moved out of the articles too.
    const want = [
      ...(await db.articles.toArray()).map((a) => [`a:${a.id}`, a.updatedAt ?? a.savedAt]),
      ...(await db.highlights.toArray()).map((h) => [`h:${h.id}`, h.updatedAt]),
    ].sort();
    expect(want.length).toBeGreaterThanOrEqual((from.data.articles ?? []).length);
    const rows = await db.syncOutbox.toArray();
    expect(rows.map((r) => [r.ref, r.fields['*']]).sort()).toEqual(want);
    const first = from.data.articles?.[0];
    if (!first) return;
    await db.articles.update(first.id as number, { progress: 0.5 });
    expect((await db.syncOutbox.get(`a:${first.id}`))!.fields).toMatchObject({ '*': expect.any(Number), progress: expect.any(Number) });
  },
  // 6 indexes [status+progress] and favorite: the view counts come from them, equal to counting the rows.
  6: async (db) => {
    const rows = await db.articles.toArray();
    expect(await countViews(db, { start: PROGRESS_START, done: PROGRESS_DONE })).toEqual(viewCounts(rows as ArticleRecord[]));
  },
  // 7 moves each body's plain text from contents to the texts table: contents keep the HTML alone, the
  // search reads the text alone; the move logs nothing (no re-index, nothing to sync).
  7: async (db, from) => {
    expect(from.data.texts).toBeUndefined();
    const bodies = from.data.contents ?? [];
    expect(await db.contents.count()).toBe(bodies.length);
    expect(await db.texts.count()).toBe(bodies.length);
    for (const c of bodies) {
      expect(await db.contents.get(c.articleId as number)).toEqual({ articleId: c.articleId, html: c.html });
      expect(await db.texts.get(c.articleId as number)).toEqual({ articleId: c.articleId, text: c.text });
    }
    expect(
      await textsOf(
        db,
        bodies.map((c) => c.articleId as number),
      ),
    ).toEqual(bodies.map((c) => c.text));
    // The older fixtures' checks wrote after their upgrades; from 5 on, the log and outbox are as stored.
    if (from.version < 5) return;
    expect(await db.changes.toArray()).toEqual(from.data.changes);
    expect(await db.syncOutbox.toArray()).toEqual(from.data.syncOutbox);
  },
};

describe('schema upgrades from fixture databases', () => {
  it('has a fixture for every version up to the current one', async () => {
    const db = openDb('probe', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    const current = db.verno;
    db.close();
    expect(fixtures.map((f) => f.version)).toEqual(Array.from({ length: current }, (_, i) => i + 1));
  });

  it.each(fixtures.map((f) => [f.version, f] as const))('opens a version %i database with everything intact', async (_v, fx) => {
    const indexedDB = await writeFixture(fx, 'gist');
    const db = openDb('gist', { indexedDB, IDBKeyRange });
    await db.open();

    // Same stores and indexes as a library created from scratch by this version.
    const fresh = openDb('fresh', { indexedDB, IDBKeyRange });
    await fresh.open();
    expect(nativeShape(db)).toEqual(nativeShape(fresh));
    fresh.close();

    // No row lost or changed beyond what upgrades are declared to do.
    const articles = fx.data.articles ?? [];
    expect(await db.articles.count()).toBe(articles.length);
    for (const a of articles) {
      const stored = await db.articles.get(a.id as number);
      // Schema 3 moved the articles' highlights to their own table (checked in UPGRADE_CHECKS[3]).
      const { highlights: _moved, ...rest } = a;
      expect(stored).toMatchObject(fx.version < 3 ? rest : a);
      expect(
        await db.articles
          .where('url')
          .equals(a.url as string)
          .first(),
      ).toMatchObject({ id: a.id });
    }
    expect((await listArticles(db)).map((a) => a.id)).toEqual(
      [...articles].sort((x, y) => (y.savedAt as number) - (x.savedAt as number)).map((a) => a.id),
    );
    // Every index of the current schema finds every row by its value (multi-entry: by each element).
    for (const table of db.tables) {
      const pk = table.schema.primKey.keyPath as string;
      for (const ix of table.schema.indexes) {
        if (typeof ix.keyPath !== 'string') continue;
        for (const row of fx.data[table.name] ?? []) {
          const v = row[ix.keyPath];
          if (v === undefined || v === null) continue;
          for (const key of ix.multi ? (v as string[]) : [v]) {
            expect(
              await table
                .where(ix.name)
                .equals(key as string)
                .primaryKeys(),
              `${table.name}.${ix.name} = ${String(key)}`,
            ).toContain(row[pk]);
          }
        }
      }
    }
    // The reader gets every body whole: HTML and text (apart since schema 7).
    for (const c of fx.data.contents ?? []) {
      const r = await getReadable(db, c.articleId as number);
      const text = fx.version < 7 ? c.text : fx.data.texts?.find((t) => t.articleId === c.articleId)?.text;
      expect(r?.content).toEqual({ ...c, text });
    }
    for (const im of fx.data.images ?? []) {
      const stored = await db.images.get(im.id as number);
      const want = revive(im.blob) as Blob;
      expect(stored?.src).toBe(im.src);
      expect(stored?.blob.type).toBe(want.type);
      expect(Buffer.from(await stored!.blob.arrayBuffer())).toEqual(Buffer.from(await want.arrayBuffer()));
    }
    // The unique URL index still refuses duplicates after the upgrade.
    if (articles[0]) await expect(db.articles.add({ ...(articles[0] as object), id: undefined } as never)).rejects.toThrow();

    for (let v = fx.version + 1; v <= db.verno; v++) await UPGRADE_CHECKS[v]?.(db, fx);
    db.close();
  });

  it('a version 1 library with imports waiting is queryable by the fetch queue after the upgrade', async () => {
    // The v1 fixture plus what an import left waiting (images to download, a link that failed).
    const v1 = fixtures.find((f) => f.version === 1)!;
    const base = (v1.data.articles ?? []).find((a) => a.contentState === 'pending')!;
    const withImages = {
      ...base,
      id: 20,
      url: 'https://imported.example/pics',
      originalUrl: 'https://imported.example/pics',
      contentState: 'full',
      pendingImages: ['https://imported.example/1.png'],
    };
    const failed = {
      ...base,
      id: 21,
      url: 'https://imported.example/gone',
      originalUrl: 'https://imported.example/gone',
      contentState: 'failed',
      fetchError: 'the page is gone (HTTP 404)',
    };
    const fx: Fixture = { ...v1, data: { ...v1.data, articles: [...(v1.data.articles ?? []), withImages, failed] } };
    const indexedDB = await writeFixture(fx, 'gist');

    const db = openDb('gist', { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect(await db.articles.count()).toBe(fx.data.articles.length);
    expect(await db.contents.count()).toBe(v1.data.contents.length);
    expect(await db.images.count()).toBe(v1.data.images.length);
    expect(await db.articles.where('contentState').equals('pending').primaryKeys()).toEqual([base.id]);
    expect(await db.articles.where('contentState').equals('failed').primaryKeys()).toEqual([21]);
    expect(await db.articles.where('pendingImages').equals('https://imported.example/1.png').primaryKeys()).toEqual([20]);
    expect((await queueItems(db)).map((i) => [i.id, i.kind])).toEqual([
      [base.id, 'page'],
      [20, 'images'],
    ]);
    db.close();
  });

  it('schema 7 moves the text of a library bigger than one upgrade chunk, and keeps a body without text', async () => {
    const v5 = fixtures.find((f) => f.version === 5)!;
    const base = v5.data.articles![0];
    const n = 1234;
    const articles = Array.from({ length: n }, (_, i) => ({ ...base, id: i + 1, url: `https://many.example/${i}` }));
    const contents: Record<string, unknown>[] = articles.map((a) => ({
      articleId: a.id,
      html: `<p>Body ${a.id}</p>`,
      text: `Body ${a.id} ${'é'.repeat(a.id % 7)}`,
    }));
    contents.push({ articleId: n + 1, html: '<p>A body stored without its text</p>' });
    const fx: Fixture = { ...v5, data: { articles, contents } };
    const indexedDB = await writeFixture(fx, 'gist');
    const db = openDb('gist', { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    const html = await db.contents.toArray();
    expect(html).toEqual(contents.map((c) => ({ articleId: c.articleId, html: c.html })));
    expect(await db.texts.toArray()).toEqual(contents.slice(0, n).map((c) => ({ articleId: c.articleId, text: c.text })));
    expect(await textsOf(db, [1, n, n + 1])).toEqual([contents[0].text, contents[n - 1].text, undefined]);
    db.close();
  });

  it('every version above 1 has an upgrade check', () => {
    const latest = fixtures.at(-1)?.version ?? 1;
    for (let v = 2; v <= latest; v++) expect(UPGRADE_CHECKS[v], `UPGRADE_CHECKS[${v}]`).toBeTypeOf('function');
  });
});
