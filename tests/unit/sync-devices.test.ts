// @vitest-environment node
// Two devices (each its own Dexie + local PouchDB) syncing through a real pouchdb-server on 127.0.0.1.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPouch } from '../helpers/pouch-node';
import { startCouch, type CouchProxyServer as CouchServer } from '../helpers/couch-proxy';
import { librarySnapshot, makeDevice, saveMany, sampleArticle, type Device } from '../helpers/sync-devices';
import { addTagMany, deleteArticle, findByUrl, saveArticle, setProgress, setStatusMany } from '../../lib/db/articles';
import { addHighlight, deleteHighlight, setArticleNote, updateHighlight } from '../../lib/db/highlights';
import type { PouchCtor } from '../../lib/sync/pouch-types';
import { liveSync } from '../../lib/sync/engine';
import { describeError } from '../../lib/sync/replicate';

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
  for (const d of devices) await d.close();
  devices = [];
});

async function pair(): Promise<[Device, Device]> {
  const url = await server.createDb(`lib${++dbs}`);
  devices = [makeDevice(PouchDB, 'A', url), makeDevice(PouchDB, 'B', url)];
  return devices as [Device, Device];
}

async function ok(d: Device) {
  const r = await d.sync();
  expect(r.error).toBeNull();
  return r;
}

async function expectSameLibrary(a: Device, b: Device) {
  const [x, y] = [await librarySnapshot(a.db), await librarySnapshot(b.db)];
  expect([...y.keys()].sort()).toEqual([...x.keys()].sort());
  for (const [k, v] of x) expect(y.get(k), k).toBe(v);
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const URL0 = sampleArticle(0).url;

describe('sync between two devices', () => {
  it('articles saved on A, with images, highlights and notes, arrive identical on B', async () => {
    const [A, B] = await pair();
    await saveMany(A.db, 0, 3, { images: 2 });
    const a0 = (await findByUrl(A.db, URL0))!;
    await addHighlight(A.db, {
      articleId: a0.id,
      quote: { type: 'TextQuoteSelector', exact: 'word0', prefix: '', suffix: ' word1' },
      position: { type: 'TextPositionSelector', start: 0, end: 5 },
      note: 'why',
    });
    await setArticleNote(A.db, a0.id, 'a note');
    await ok(A);
    const rb = await ok(B);
    expect(rb.pulled).toBeGreaterThanOrEqual(7); // 3 content + 3 state + 1 highlight
    expect(await B.db.articles.count()).toBe(3);
    expect(await B.db.images.count()).toBe(6);
    expect(await B.db.highlights.count()).toBe(1);
    expect((await findByUrl(B.db, URL0))!.note).toBe('a note');
    await expectSameLibrary(A, B);
    // Nothing B applied was recorded as a local edit to send back.
    expect(rb.localChanges).toBe(0);
    expect(await B.db.syncOutbox.count()).toBe(0);
  });

  it('concurrent offline edits merge: tags x and y, progress 60 %, the same status', async () => {
    const [A, B] = await pair();
    await saveMany(A.db, 0, 1);
    await ok(A);
    await ok(B);
    const [ia, ib] = [(await findByUrl(A.db, URL0))!.id, (await findByUrl(B.db, URL0))!.id];
    await addTagMany(A.db, [ia], 'x');
    await setStatusMany(A.db, [ia], 'archived');
    await tick();
    await addTagMany(B.db, [ib], 'y');
    await setProgress(B.db, ib, 0.6);
    await ok(A);
    const rb = await ok(B);
    expect(rb.conflictsResolved).toBeGreaterThan(0);
    await ok(A);
    for (const d of [A, B]) {
      const a = (await findByUrl(d.db, URL0))!;
      expect([...a.tags].sort(), d.name).toEqual(['x', 'y']);
      expect(a.progress, d.name).toBe(0.6);
      expect(a.status, d.name).toBe('archived');
    }
    await expectSameLibrary(A, B);
  });

  it('a delete on A disappears from B', async () => {
    const [A, B] = await pair();
    await saveMany(A.db, 0, 2);
    await ok(A);
    await ok(B);
    await deleteArticle(A.db, (await findByUrl(A.db, URL0))!.id);
    await ok(A);
    await ok(B);
    expect(await findByUrl(B.db, URL0)).toBeUndefined();
    expect(await B.db.articles.count()).toBe(1);
    expect(await B.db.images.count()).toBe(1);
  });

  it('an edit on B newer than A’s delete revives the article, with its content, on both', async () => {
    const [A, B] = await pair();
    await saveMany(A.db, 0, 1);
    const h = await addHighlight(A.db, {
      articleId: (await findByUrl(A.db, URL0))!.id,
      quote: { type: 'TextQuoteSelector', exact: 'word0', prefix: '', suffix: '' },
      position: null,
    });
    await ok(A);
    await ok(B);
    await deleteArticle(A.db, (await findByUrl(A.db, URL0))!.id);
    await tick();
    await setProgress(B.db, (await findByUrl(B.db, URL0))!.id, 0.6);
    await ok(A);
    await ok(B);
    await ok(A);
    for (const d of [A, B]) {
      const a = await findByUrl(d.db, URL0);
      expect(a, d.name).toBeDefined();
      expect(a!.progress).toBe(0.6);
      expect((await d.db.texts.get(a!.id))?.text).toBe(sampleArticle(0).text);
      expect(await d.db.images.where('articleId').equals(a!.id).count()).toBe(1);
      expect((await d.db.highlights.get(h.id))?.articleId).toBe(a!.id);
    }
    await expectSameLibrary(A, B);
  });

  it('a delete on A newer than B’s edit deletes the article on both', async () => {
    const [A, B] = await pair();
    await saveMany(A.db, 0, 1);
    await ok(A);
    await ok(B);
    await setProgress(B.db, (await findByUrl(B.db, URL0))!.id, 0.6);
    await tick();
    await deleteArticle(A.db, (await findByUrl(A.db, URL0))!.id);
    await ok(A);
    await ok(B);
    await ok(A);
    expect(await findByUrl(A.db, URL0)).toBeUndefined();
    expect(await findByUrl(B.db, URL0)).toBeUndefined();
    expect(await B.db.contents.count()).toBe(0);
    expect(await B.db.texts.count()).toBe(0);
  });

  it('highlight edits and deletes carry over; a highlight edited on both keeps the later edit', async () => {
    const [A, B] = await pair();
    await saveMany(A.db, 0, 1);
    const id = (await findByUrl(A.db, URL0))!.id;
    const quote = { type: 'TextQuoteSelector' as const, exact: 'word0', prefix: '', suffix: '' };
    const keep = await addHighlight(A.db, { articleId: id, quote, position: null });
    const drop = await addHighlight(A.db, { articleId: id, quote, position: null, color: 'green' });
    await ok(A);
    await ok(B);
    expect(await B.db.highlights.count()).toBe(2);
    await deleteHighlight(A.db, drop.id);
    await updateHighlight(A.db, keep.id, { note: 'from A' });
    await tick();
    await updateHighlight(B.db, keep.id, { color: 'pink', note: 'from B, later' });
    await ok(A);
    await ok(B);
    await ok(A);
    for (const d of [A, B]) {
      expect(await d.db.highlights.get(drop.id), d.name).toBeUndefined();
      expect(await d.db.highlights.get(keep.id), d.name).toMatchObject({ note: 'from B, later', color: 'pink' });
    }
  });

  it('the same article saved on both devices stays one article', async () => {
    const [A, B] = await pair();
    await saveArticle(A.db, sampleArticle(0));
    await tick();
    await saveArticle(B.db, { ...sampleArticle(0), title: 'Saved later on B' });
    await ok(A);
    await ok(B);
    await ok(A);
    for (const d of [A, B]) {
      expect(await d.db.articles.count()).toBe(1);
      expect((await findByUrl(d.db, URL0))!.title).toBe('Saved later on B');
    }
    await expectSameLibrary(A, B);
  });
});

async function until(what: string, cond: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('live sync', () => {
  it('carries saves and edits both ways while running, and stops cleanly', async () => {
    const [A, B] = await pair();
    const url = (await server.createDb(`live${dbs}`)) as string;
    const errors: string[] = [];
    const la = liveSync({ db: A.db, local: A.local, remoteUrl: url, onError: (e) => errors.push(e) });
    const lb = liveSync({ db: B.db, local: B.local, remoteUrl: url, onError: (e) => errors.push(e) });
    try {
      await saveMany(A.db, 0, 2);
      await until('B to get both articles', async () => (await B.db.articles.count()) === 2);
      await addTagMany(B.db, [(await findByUrl(B.db, URL0))!.id], 'from-b');
      await until('A to get the tag', async () => (await findByUrl(A.db, URL0))!.tags.includes('from-b'));
      await la.idle();
      await lb.idle();
      await expectSameLibrary(A, B);
      expect(errors).toEqual([]);
    } finally {
      await la.stop();
      await lb.stop();
    }
  });
});

describe('sync errors', () => {
  it('a missing database and refused credentials are said in words, without the credentials', async () => {
    const [A] = await pair();
    expect((await A.sync({ remoteUrl: `${server.url}/no-such-db` })).error).toBe('The database was not found on the server (404).');
    const r = await A.sync({ remoteUrl: `${server.url}/no-such-db`, auth: { username: 'alice', password: 'pa55-s3cret' } });
    expect(r.error).toBe('The server refused the user name or password (401).');
  });

  it('an unreachable server is said in words', async () => {
    const [A] = await pair();
    await saveMany(A.db, 0, 1);
    const r = await A.sync({ remoteUrl: 'http://127.0.0.1:9/gist' });
    expect(r.error).toBe('The server could not be reached.');
    // The local edit is in the local PouchDB, waiting for the next upload.
    expect(await A.db.syncOutbox.count()).toBe(0);
    expect((await A.local.allDocs({})).rows.map((r) => r.id[0]).sort()).toEqual(['a', 's']);
  });

  it('describeError removes passwords, user names and credentials in URLs from any message', () => {
    const e = { name: 'Error', message: 'GET https://alice:pa55@couch.example/db failed for alice with pa55 and pa%2F5' };
    const msg = describeError(e, ['pa55', 'alice', 'pa/5']);
    expect(msg).not.toMatch(/pa55|alice|pa%2F5/);
    expect(msg).toContain('https://couch.example/db');
    // A bug is not disguised as a network failure.
    expect(describeError(new TypeError('x is not a function'), [])).toBe('TypeError: x is not a function');
    expect(describeError(new TypeError('Failed to fetch'), [])).toBe('The server could not be reached.');
  });
});
