// @vitest-environment node
// Sync that is interrupted — the server vanishes mid-round, the worker is stopped, the process
// crashes between two steps — loses nothing and doubles nothing on the next round.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { loadPouch } from '../helpers/pouch-node';
import { startCouch, type CouchProxyServer as CouchServer } from '../helpers/couch-proxy';
import { librarySnapshot, makeDevice, saveMany, type Device } from '../helpers/sync-devices';
import { pushOutbox } from '../../lib/sync/push-outbox';
import { applyChanges, CHECKPOINT } from '../../lib/sync/apply-changes';
import type { PouchCtor } from '../../lib/sync/pouch-types';
import { setProgress } from '../../lib/db/articles';
import { parseImport } from '../../lib/import/parse-import';
import { applyImport } from '../../lib/import/apply-import';

let server: CouchServer;
let PouchDB: PouchCtor;
let devices: Device[] = [];
let dbs = 0;

beforeAll(async () => {
  PouchDB = await loadPouch();
  server = await startCouch();
}, 60_000);
afterAll(async () => server?.stop());
afterEach(async () => {
  await server.restore().catch(() => undefined);
  for (const d of devices) await d.close();
  devices = [];
});

async function pair(): Promise<[Device, Device, string]> {
  const url = await server.createDb(`res${++dbs}`);
  devices = [makeDevice(PouchDB, 'A', url), makeDevice(PouchDB, 'B', url)];
  return [devices[0], devices[1], url];
}

async function expectSameLibrary(a: Device, b: Device) {
  const [x, y] = [await librarySnapshot(a.db), await librarySnapshot(b.db)];
  expect([...y.keys()].sort()).toEqual([...x.keys()].sort());
  for (const [k, v] of x) expect(y.get(k), k).toBe(v);
}

it('a server that disappears mid-sync: after it is back, everything arrives once', async () => {
  const [A, B, url] = await pair();
  await saveMany(A.db, 0, 150);
  let cut = false;
  const first = await A.sync({
    onProgress: (p) => {
      if (!cut && p.phase === 'upload' && p.docs >= 50) {
        cut = true;
        void server.cut();
      }
    },
  });
  expect(cut).toBe(true);
  expect(first.error).toBe('The server could not be reached.');
  await server.restore();
  const partial = (await (await fetch(url)).json()) as { doc_count: number };
  expect(partial.doc_count).toBeLessThan(300);
  await saveMany(A.db, 150, 20);
  expect((await A.sync()).error).toBeNull();
  expect((await B.sync()).error).toBeNull();
  expect(await B.db.articles.count()).toBe(170);
  expect(new Set((await B.db.articles.toArray()).map((a) => a.url)).size).toBe(170);
  expect(await B.db.images.count()).toBe(170);
  expect(((await (await fetch(url)).json()) as { doc_count: number }).doc_count).toBe(340);
  await expectSameLibrary(A, B);
}, 120_000);

it('a sync stopped mid-way resumes from its checkpoint, not from the start', async () => {
  const [A, B] = await pair();
  await saveMany(A.db, 0, 150);
  expect((await A.sync()).error).toBeNull();
  const stop = new AbortController();
  let seen = 0;
  const first = await B.sync({
    signal: stop.signal,
    onProgress: (p) => {
      if (p.phase !== 'download') return;
      seen = p.docs;
      if (p.docs >= 100) stop.abort();
    },
  });
  expect(first.error).toBe('Sync was stopped.');
  expect(seen).toBeGreaterThanOrEqual(100);
  server.requests.length = 0;
  const second = await B.sync();
  expect(second.error).toBeNull();
  // The download starts reading the server's changes after the checkpoint the stopped round saved
  // (written per completed batch of 50, so at least the first batch)…
  const firstRead = server.requests.find((r) => /\/res\d+\/_changes\?/.test(r))!;
  expect(Number(new URL(firstRead.split(' ')[1], server.url).searchParams.get('since'))).toBeGreaterThanOrEqual(50);
  // …and the documents it already had are not transferred again (300 in all, ≥ 100 arrived before).
  expect(second.pulled).toBeLessThanOrEqual(300 - 100);
  expect(await B.db.articles.count()).toBe(150);
  await expectSameLibrary(A, B);
}, 120_000);

it('a crash after the PouchDB write, before the outbox row was removed, writes nothing twice', async () => {
  const [A] = await pair();
  await saveMany(A.db, 0, 5);
  const rows = await A.db.syncOutbox.toArray();
  expect(rows).toHaveLength(5);
  const pushed = await pushOutbox(A.db, A.local);
  expect(pushed).toEqual({ rows: 5, docs: 10 });
  const revs = (await A.local.allDocs({})).rows.map((r) => `${r.id}@${r.value.rev}`);
  // The crash: the rows are still there on the next start.
  await A.db.syncOutbox.bulkPut(rows);
  expect(await pushOutbox(A.db, A.local)).toEqual({ rows: 5, docs: 0 });
  expect((await A.local.allDocs({})).rows.map((r) => `${r.id}@${r.value.rev}`)).toEqual(revs);
  expect(await A.db.syncOutbox.count()).toBe(0);
});

it('re-applying changes already applied (a checkpoint lost) changes nothing and duplicates nothing', async () => {
  const [A, B] = await pair();
  await saveMany(A.db, 0, 5, { images: 2 });
  expect((await A.sync()).error).toBeNull();
  expect((await B.sync()).error).toBeNull();
  const before = await librarySnapshot(B.db);
  await B.db.syncState.put({ id: CHECKPOINT, seq: 0 });
  const again = await applyChanges(B.db, B.local);
  expect(again.applied).toBe(0);
  expect(await B.db.articles.count()).toBe(5);
  expect(await B.db.images.count()).toBe(10);
  expect(await librarySnapshot(B.db)).toEqual(before);
  expect(await B.db.syncOutbox.count()).toBe(0);
});

it('changes that arrive while a local edit of the same article waits are applied once it is pushed', async () => {
  const [A, B, url] = await pair();
  await saveMany(A.db, 0, 1);
  expect((await A.sync()).error).toBeNull();
  expect((await B.sync()).error).toBeNull();
  const idOn = async (d: Device) => (await d.db.articles.toArray())[0].id;
  await setProgress(B.db, await idOn(B), 0.3);
  await new Promise((r) => setTimeout(r, 5));
  await setProgress(A.db, await idOn(A), 0.6);
  expect((await A.sync()).error).toBeNull();
  // B downloads and applies while its own edit is still in the outbox (an edit made mid-round).
  const remote = new PouchDB(url);
  await B.local.replicate.from(remote);
  await applyChanges(B.db, B.local);
  expect((await B.db.articles.get(await idOn(B)))!.progress).toBe(0.3);
  // The next round pushes B's edit; the merge (0.6) is the same document A wrote, yet B applies it.
  expect((await B.sync()).error).toBeNull();
  expect((await B.db.articles.get(await idOn(B)))!.progress).toBe(0.6);
  await remote.close();
});

/** `n` Pocket CSV links with `status`, imported 2 per bulk add (the outbox gets batch rows). */
async function importLinks(d: Device, n: number, status: 'unread' | 'archive') {
  const csv = `title,url,time_added,tags,status\n${Array.from({ length: n }, (_, i) => `T${i},https://e${i}.example/p,1700000000,,${status}`).join('\n')}\n`;
  const { items } = await parseImport('ril.csv', new TextEncoder().encode(csv));
  return applyImport(d.db, items, { sanitize: (html) => ({ html }), chunkSize: 2 });
}

it('links imported in bulk (batch outbox rows) all reach the other device', async () => {
  const [A, B] = await pair();
  await importLinks(A, 5, 'archive');
  expect(await A.db.syncOutbox.count()).toBe(3); // 2 + 2 + 1: two batch rows and one article's own
  const pushed = await A.sync();
  expect(pushed.error).toBeNull();
  expect(pushed.localChanges).toBe(5);
  expect(await A.db.syncOutbox.count()).toBe(0);
  expect((await B.sync()).error).toBeNull();
  expect((await B.db.articles.toArray()).map((a) => a.status)).toEqual(Array(5).fill('archived'));
  await expectSameLibrary(A, B);
});

it('changes that arrive for articles an import added, still waiting in a batch row, wait for the push', async () => {
  const [A, B, url] = await pair();
  await importLinks(A, 4, 'unread');
  expect((await A.sync()).error).toBeNull();
  await new Promise((r) => setTimeout(r, 5));
  await importLinks(B, 4, 'archive');
  const remote = new PouchDB(url);
  await B.local.replicate.from(remote);
  await applyChanges(B.db, B.local);
  // B's own import is not overwritten before sync has pushed it.
  expect((await B.db.articles.toArray()).map((a) => a.status)).toEqual(Array(4).fill('archived'));
  expect((await B.sync()).error).toBeNull();
  expect((await A.sync()).error).toBeNull();
  await expectSameLibrary(A, B);
  await remote.close();
});
