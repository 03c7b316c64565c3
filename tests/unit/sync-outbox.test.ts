// @vitest-environment node
// The sync outbox middleware: every synced write leaves one row per record, in the same transaction,
// dated per field; local-only writes and writes made by sync itself leave none.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import { addTagMany, deleteArticle, restoreArticle, saveArticle, setProgress, setStatusMany } from '../../lib/db/articles';
import { addHighlight, deleteHighlight } from '../../lib/db/highlights';
import { changesAfter } from '../../lib/db/change-log';
import { sampleArticle } from '../helpers/sync-devices';
import { parseImport } from '../../lib/import/parse-import';
import { applyImport } from '../../lib/import/apply-import';
import type { DBCore } from 'dexie';
import { articleRow, expandBatches, outboxSize } from '../../lib/db/sync-outbox';

let db: GistDB;
beforeEach(async () => {
  db = openDb('outbox-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
});

const row = (ref: string) => db.syncOutbox.get(ref);

describe('sync outbox', () => {
  it('a new save records the whole article once', async () => {
    const { id } = await saveArticle(db, sampleArticle(1, { images: 2 }));
    const rows = await db.syncOutbox.toArray();
    expect(rows.map((r) => r.ref)).toEqual([`a:${id}`]);
    expect(Object.keys(rows[0].fields).sort()).toEqual(['*', 'content']);
  });

  it('edits are dated per field and compacted into the waiting row', async () => {
    const { id } = await saveArticle(db, sampleArticle(1));
    await db.syncOutbox.clear();
    await setProgress(db, id, 0.4);
    await setStatusMany(db, [id], 'archived');
    await addTagMany(db, [id], 'x');
    const r = (await row(`a:${id}`))!;
    expect(Object.keys(r.fields).sort()).toEqual(['progress', 'status', 'tags', 'tagsEdited']);
    expect(r.n).toBe(3);
    expect(await db.syncOutbox.count()).toBe(1);
  });

  it('fetch bookkeeping alone records nothing; the search log is unchanged by the outbox', async () => {
    const { id } = await saveArticle(db, sampleArticle(1));
    await db.syncOutbox.clear();
    const logBefore = (await changesAfter(db, 0, 100)).length;
    await db.articles.update(id, { fetchAttempts: 2, nextAttemptAt: 5 });
    expect(await db.syncOutbox.count()).toBe(0);
    await setProgress(db, id, 0.5);
    // Progress is not something search indexes: no search log row, one outbox row.
    expect((await changesAfter(db, 0, 100)).length).toBe(logBefore);
    expect(await db.syncOutbox.count()).toBe(1);
  });

  it('a delete keeps the URL (the sync key); its highlights are recorded as deleted with it', async () => {
    const { id } = await saveArticle(db, sampleArticle(1));
    const h = await addHighlight(db, {
      articleId: id,
      quote: { type: 'TextQuoteSelector', exact: 'word7', prefix: '', suffix: '' },
      position: null,
    });
    await db.syncOutbox.clear();
    const snap = await deleteArticle(db, id);
    const r = (await row(`a:${id}`))!;
    expect(r.deleted?.url).toBe(sampleArticle(1).url);
    expect((await row(`h:${h.id}`))?.deleted).toBeDefined();
    // Undo brings it back: the row now also carries a whole-record write, later than the delete.
    await restoreArticle(db, snap!);
    const back = (await row(`a:${id}`))!;
    expect(back.fields['*']).toBeGreaterThanOrEqual(back.deleted!.at);
  });

  it('a highlight deleted on its own is recorded with its article', async () => {
    const { id } = await saveArticle(db, sampleArticle(1));
    const h = await addHighlight(db, {
      articleId: id,
      quote: { type: 'TextQuoteSelector', exact: 'word7', prefix: '', suffix: '' },
      position: null,
    });
    await deleteHighlight(db, h.id);
    expect(await row(`h:${h.id}`)).toMatchObject({ articleId: id, highlightId: h.id, deleted: { at: expect.any(Number) } });
  });

  it('a rolled-back transaction leaves no row', async () => {
    await expect(
      db.transaction('rw', [db.articles, db.contents, db.texts, db.images], async () => {
        await saveArticle(db, sampleArticle(1));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.syncOutbox.count()).toBe(0);
  });

  it('writes inside a transaction over syncState (sync applying remote changes) are not recorded', async () => {
    const { id } = await saveArticle(db, sampleArticle(1));
    await db.syncOutbox.clear();
    await db.transaction('rw', db.articles, db.syncState, async () => {
      await db.articles.update(id, { status: 'archived' });
    });
    expect(await db.syncOutbox.count()).toBe(0);
  });

  it('an import records each bulk add of new articles as one batch row, without reading the outbox', async () => {
    const counted = openDb('outbox-count-test', { indexedDB: new IDBFactory(), IDBKeyRange });
    const outboxReads: number[] = [];
    // Below the outbox middleware (level 0 is closest to IndexedDB): sees the reads it makes.
    counted.use({
      stack: 'dbcore',
      name: 'count-outbox-reads',
      level: 0,
      create: (down: DBCore): DBCore => ({
        ...down,
        table(name) {
          const t = down.table(name);
          return name !== 'syncOutbox' ? t : { ...t, getMany: (req) => (outboxReads.push(req.keys.length), t.getMany(req)) };
        },
      }),
    });
    await counted.open();
    const outcomes = await importLinks(counted, 30);
    expect(outcomes.map((o) => o.outcome)).toEqual(Array(30).fill('imported'));
    const rows = await counted.syncOutbox.toArray();
    // Three bulk adds of 10: three rows, listing every new article once, dated like a per-article row.
    expect(rows.map((r) => r.ref.slice(0, 2))).toEqual(['b:', 'b:', 'b:']);
    expect(rows.flatMap((r) => r.ids)).toEqual(outcomes.map((o) => o.articleId));
    expect(rows.every((r) => r.fields['*'] > 0 && r.n === 1 && r.articleId === r.ids![0])).toBe(true);
    expect(outboxReads).toEqual([]);
    expect(await outboxSize(counted)).toBe(30);
    for (const o of outcomes) expect((await articleRow(counted, o.articleId!))?.ids).toContain(o.articleId);
    // A later write to one of them gets its own row, read first (as any edit), and is what articleRow finds.
    await setStatusMany(counted, [outcomes[0].articleId!], 'archived');
    expect(outboxReads).toEqual([1]);
    expect(Object.keys((await articleRow(counted, outcomes[0].articleId!))!.fields)).toEqual(['status']);
    expect(await outboxSize(counted)).toBe(31);
    counted.close();
  });

  it('a single new article still gets its own row; an id in no batch has none', async () => {
    const { id } = await saveArticle(db, sampleArticle(1));
    await importLinks(db, 4, 2);
    const refs = (await db.syncOutbox.toArray()).map((r) => r.ref);
    expect(refs).toEqual([`a:${id}`, 'b:0000000000000002', 'b:0000000000000004']);
    expect((await articleRow(db, id))?.ref).toBe(`a:${id}`);
    expect(await articleRow(db, 6)).toBeUndefined();
  });

  it('expanding batch rows gives each article its row, merged with edits and deletes made since', async () => {
    const outcomes = await importLinks(db, 6, 3);
    const [a, b, c] = outcomes.map((o) => o.articleId!);
    await setStatusMany(db, [a], 'archived');
    const bUrl = (await db.articles.get(b))!.url;
    await deleteArticle(db, b);
    expect(await expandBatches(db)).toBe(2);
    const rows = await db.syncOutbox.toArray();
    expect(rows.map((r) => r.ref).sort()).toEqual(outcomes.map((o) => `a:${o.articleId}`).sort());
    expect(rows.every((r) => r.ids === undefined)).toBe(true);
    const [ra, rb, rc] = [await row(`a:${a}`), await row(`a:${b}`), await row(`a:${c}`)];
    expect(Object.keys(ra!.fields).sort()).toEqual(['*', 'status']);
    expect(ra!.n).toBe(2);
    expect(rb!.deleted?.url).toBe(bUrl);
    expect(Object.keys(rc!.fields)).toEqual(['*']);
    expect(rc!.n).toBe(1);
    expect(await outboxSize(db)).toBe(6);
    expect(await expandBatches(db)).toBe(0);
  });
});

/** `n` Pocket CSV links imported `chunk` per bulk add. */
async function importLinks(into: GistDB, n: number, chunk = 10) {
  const csv = `title,url,time_added,tags,status\n${Array.from({ length: n }, (_, i) => `T${i},https://e${i}.example/p?x=1,1700000000,,unread`).join('\n')}\n`;
  const { items } = await parseImport('ril.csv', new TextEncoder().encode(csv));
  return applyImport(into, items, { sanitize: (html) => ({ html }), chunkSize: chunk });
}
