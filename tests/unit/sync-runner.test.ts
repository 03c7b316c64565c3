// The sync runner (lib/sync/sync-runner.ts): settings and status from storage, one sync at a time across
// contexts (Web Locks), live replication held under the lock, a stale "running" cleared. Against a real
// pouchdb-server on 127.0.0.1 (tests/helpers/couch-proxy.ts).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncRunner, SYNC_LOCK, type LockManagerLike } from '../../lib/sync/sync-runner';
import { SYNC_SETTINGS_KEY } from '../../lib/sync/keys';
import { readSyncStatus, syncStatusUpdates } from '../../lib/sync/status';
import type { SyncStorageArea } from '../../lib/sync/settings';
import type { PouchCtor } from '../../lib/sync/pouch-types';
import { openDb } from '../../lib/db/schema';
import { loadPouch } from '../helpers/pouch-node';
import { startCouch, type CouchProxyServer } from '../helpers/couch-proxy';
import { saveMany } from '../helpers/sync-devices';

function memoryArea(): SyncStorageArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (k) => (k in data ? { [k]: structuredClone(data[k]) } : {}),
    set: async (items) => void Object.assign(data, structuredClone(items)),
    remove: async (k) => {
      for (const key of Array.isArray(k) ? k : [k]) delete data[key];
    },
  };
}

/** An in-process stand-in for navigator.locks: exclusive, with ifAvailable and query(). */
function lockManager(): LockManagerLike & { held: Set<string> } {
  const held = new Set<string>();
  const waiters = new Map<string, (() => void)[]>();
  return {
    held,
    async request(name, options, cb) {
      if (held.has(name)) {
        if (options.ifAvailable) return cb(null);
        await new Promise<void>((r) => waiters.set(name, [...(waiters.get(name) ?? []), r]));
      }
      held.add(name);
      try {
        return await cb({ name });
      } finally {
        held.delete(name);
        const next = waiters.get(name)?.shift();
        next?.();
      }
    },
    query: async () => ({ held: [...held].map((name) => ({ name })) }),
  };
}

let PouchDB: PouchCtor;
let server: CouchProxyServer;
let n = 0;

beforeAll(async () => {
  PouchDB = await loadPouch();
  server = await startCouch();
});
afterAll(async () => server?.stop());

async function setup(opts: { locks?: LockManagerLike | null; settings?: boolean } = {}) {
  const id = `runner-${process.pid}-${++n}`;
  const db = openDb(`gist-${id}`);
  const area = memoryArea();
  await server.createDb(id);
  if (opts.settings !== false)
    await area.set({ [SYNC_SETTINGS_KEY]: { serverUrl: server.url, database: id, username: '', password: '', autoSync: true } });
  const runner = createSyncRunner({ db, area, openLocal: () => new PouchDB(`pouch-${id}`), locks: opts.locks ?? null });
  return { db, area, runner, id };
}

describe('sync runner', () => {
  it('says sync is not set up, and touches nothing, without settings', async () => {
    const { runner, area } = await setup({ settings: false });
    expect(await runner.runOnce()).toEqual({ ok: false, error: expect.stringMatching(/not set up.*Settings → Sync/) });
    expect(area.data).toEqual({});
  });

  it('runs a round: status finished with the time, nothing left pending, documents on the server', async () => {
    const { db, area, runner, id } = await setup();
    await saveMany(db, 0, 3);
    const before = Date.now();
    const r = await runner.runOnce();
    expect(r.ok && r.status.running).toBe(false);
    const status = await readSyncStatus(area);
    expect(status.lastSyncedAt).toBeGreaterThanOrEqual(before);
    expect(status.lastError).toBeNull();
    expect(status.pending).toBe(0);
    const info = (await (await fetch(`${server.url}/${id}`)).json()) as { doc_count: number };
    expect(info.doc_count).toBe(6); // content + state per article
  });

  it('skips a round while another context holds the sync lock, and waits for it when asked', async () => {
    const locks = lockManager();
    const { runner, area } = await setup({ locks });
    let release!: () => void;
    const other = locks.request(SYNC_LOCK, {}, () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 0));
    expect(await runner.runOnce()).toEqual({ ok: false, error: expect.stringMatching(/already running/) });
    expect((await readSyncStatus(area)).lastSyncedAt).toBeNull();
    const waiting = runner.runOnce({ wait: true });
    release();
    await other;
    const r = await waiting;
    expect(r.ok).toBe(true);
    expect((await readSyncStatus(area)).lastSyncedAt).not.toBeNull();
  });

  it('live sync holds the lock until stopped, so an alarm round in another context skips', async () => {
    const locks = lockManager();
    const { runner } = await setup({ locks });
    expect(await runner.startLive()).toBe(true);
    expect(locks.held.has(SYNC_LOCK)).toBe(true);
    const other = createSyncRunner({
      db: openDb(`gist-other-${process.pid}-${++n}`),
      area: (await setup({ locks: null })).area,
      openLocal: () => new PouchDB(`pouch-other-${n}`),
      locks,
    });
    expect(await other.runOnce()).toEqual({ ok: false, error: expect.stringMatching(/already running/) });
    await runner.stopLive();
    expect(locks.held.has(SYNC_LOCK)).toBe(false);
    expect((await other.runOnce()).ok).toBe(true);
  });

  it('live sync follows a change of server: the old replication stops, the library goes to the new database only', async () => {
    const { db, area, runner, id } = await setup();
    expect(await runner.startLive()).toBe(true);
    const other = `${id}-moved`;
    await server.createDb(other);
    const moved = { serverUrl: server.url, database: other, username: '', password: '', autoSync: true };
    await area.set({ [SYNC_SETTINGS_KEY]: moved });
    expect(runner.isLive()).toBe(true);
    expect(runner.isLive(moved)).toBe(false); // still talking to the old database
    expect(await runner.startLive()).toBe(true);
    expect(runner.isLive(moved)).toBe(true);
    await saveMany(db, 0, 2);
    const count = async (name: string) => ((await (await fetch(`${server.url}/${name}`)).json()) as { doc_count: number }).doc_count;
    await expect.poll(() => count(other), { timeout: 10_000, interval: 100 }).toBe(4);
    await runner.idle();
    expect(await count(id)).toBe(0);
    await runner.stopLive();
  });

  it('clears a "running" status left by a round cut off with its page, not one still going', async () => {
    const locks = lockManager();
    const { runner, area } = await setup({ locks });
    await syncStatusUpdates.started(area);
    let release!: () => void;
    const other = locks.request(SYNC_LOCK, {}, () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 0));
    await runner.clearStaleRun();
    expect((await readSyncStatus(area)).running).toBe(true); // someone holds the lock: it is going
    release();
    await other;
    await runner.clearStaleRun();
    expect((await readSyncStatus(area)).running).toBe(false);
  });
});
