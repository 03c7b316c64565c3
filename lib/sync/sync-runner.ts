// Runs the sync engine for one extension context, with the user's settings and the shared status
// record (storage.local), one sync at a time across every context of the extension.
//
// Where sync runs, and why:
// - Library page open, automatic sync on: live replication in that page (`startLive`). The page has a
//   DOM, IndexedDB and a user looking at it; edits on either side show within seconds.
// - Otherwise, automatic sync on: one round every 15 minutes from an `alarms` tick, in the offscreen
//   document (Chrome: the service worker stays small and is stopped at will — a replication must not
//   depend on it) or in the background page (Firefox MV2).
// - Sync now: a round in the library page itself (live replication paused around it).
// A Web Lock ('gist-sync') keeps two contexts from syncing at once: an alarm round finding it taken
// (the library page is syncing live) simply skips.
import type { GistDB } from '../db/schema';
import { outboxSize } from '../db/sync-outbox';
import { liveSync, syncOnce, type LiveSync, type SyncOptions } from './engine';
import type { Pouch } from './pouch-types';
import { loadSyncSettings, type SyncSettings, type SyncStorageArea } from './settings';
import { readSyncStatus, syncStatusUpdates, type SyncStatus } from './status';

export const SYNC_LOCK = 'gist-sync';

/** The Web Locks API subset used (navigator.locks). */
export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable?: boolean }, cb: (lock: unknown) => Promise<T>): Promise<T>;
  query?(): Promise<{ held?: { name?: string }[] }>;
}

export interface SyncRunnerDeps {
  db: GistDB;
  /** Opens this device's replication database (e.g. `new PouchDB('gist-sync')`). */
  openLocal(): Pouch;
  area: SyncStorageArea;
  /** navigator.locks; without it (old browsers, tests) only this context's own runs are serialised. */
  locks?: LockManagerLike | null;
}

export type RunAnswer = { ok: true; status: SyncStatus } | { ok: false; error: string };

export function remoteOf(s: SyncSettings): Pick<SyncOptions, 'remoteUrl' | 'auth'> {
  return {
    remoteUrl: `${s.serverUrl}/${encodeURIComponent(s.database)}`,
    auth: s.username ? { username: s.username, password: s.password } : undefined,
  };
}

/** Which server and database (and user) a replication talks to: live sync restarts when it changes. */
const remoteKey = (s: SyncSettings) => JSON.stringify(remoteOf(s));

const NOT_SET_UP = 'Sync is not set up: enter your CouchDB server in Settings → Sync.';
const BUSY = 'A sync is already running in another Gist page; it carries your changes too.';

/** Runs `fn` holding the sync lock; null when another context holds it (`wait` false). */
async function withLock<T>(locks: LockManagerLike | null | undefined, wait: boolean, fn: () => Promise<T>): Promise<T | null> {
  if (!locks) return fn();
  return locks.request(SYNC_LOCK, wait ? {} : { ifAvailable: true }, async (lock) => (lock ? fn() : null));
}

export function createSyncRunner(d: SyncRunnerDeps) {
  let local: Pouch | undefined;
  const pouch = () => (local ??= d.openLocal());
  let round: AbortController | null = null;
  let live: { handle: LiveSync; release: () => void; done: Promise<unknown>; remote: string } | null = null;

  // Progress writes to storage.local at most every 300 ms: a first sync moves thousands of documents.
  const progressWriter = () => {
    let last = 0;
    let latest: { docs: number; bytes: number } | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      last = Date.now();
      if (latest) void syncStatusUpdates.progress(d.area, { ...latest, totalDocs: null }).catch(() => undefined);
    };
    return {
      report(p: { docs: number; bytes: number }) {
        latest = p;
        if (timer) return;
        timer = setTimeout(flush, Math.max(0, 300 - (Date.now() - last)));
      },
      cancel: () => timer && clearTimeout(timer),
    };
  };

  const pending = async () => syncStatusUpdates.pending(d.area, await outboxSize(d.db));

  /** One full round. `wait`: queue behind a sync running elsewhere instead of skipping. */
  async function runOnce(opts: { wait?: boolean } = {}): Promise<RunAnswer> {
    const { settings } = await loadSyncSettings(d.area);
    if (!settings) return { ok: false, error: NOT_SET_UP };
    if (round) return { ok: true, status: await readSyncStatus(d.area) }; // already running here
    const ctrl = new AbortController();
    round = ctrl;
    try {
      const status = await withLock(d.locks, !!opts.wait, async () => {
        await pending();
        await syncStatusUpdates.started(d.area);
        const progress = progressWriter();
        const r = await syncOnce({ db: d.db, local: pouch(), ...remoteOf(settings), signal: ctrl.signal, onProgress: progress.report });
        progress.cancel();
        await pending();
        if (ctrl.signal.aborted) return syncStatusUpdates.stopped(d.area);
        return r.error ? syncStatusUpdates.failed(d.area, r.error) : syncStatusUpdates.finished(d.area);
      });
      return status ? { ok: true, status } : { ok: false, error: BUSY };
    } catch (e) {
      // The engine reports its own errors in words; this is storage or the lock failing.
      const message = e instanceof Error ? e.message : String(e);
      return { ok: true, status: await syncStatusUpdates.failed(d.area, `Sync stopped: ${message}`) };
    } finally {
      round = null;
    }
  }

  /** Stops the round running in this context (its checkpoints let the next one resume). */
  function stop(): boolean {
    round?.abort();
    return !!round;
  }

  /**
   * Live replication while this page is open, with the server now set (one set before is left first);
   * false when not set up or another context holds the lock.
   */
  async function startLive(): Promise<boolean> {
    const { settings } = await loadSyncSettings(d.area);
    if (!settings) return false;
    if (live?.remote === remoteKey(settings)) return true;
    await stopLive();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: (ok: boolean) => void;
    const ready = new Promise<boolean>((r) => (started = r));
    const done = withLock(d.locks, false, async () => {
      started(true);
      await held;
    }).then((r) => (r === null ? started(false) : undefined));
    if (!(await ready)) return false;
    await pending();
    let lastWrite = 0;
    const handle = liveSync({
      db: d.db,
      local: pouch(),
      ...remoteOf(settings),
      onProgress: () => {
        // Live replication has no end: "last synced" moves with each batch (at most every 2 s).
        if (Date.now() - lastWrite < 2000) return;
        lastWrite = Date.now();
        void syncStatusUpdates
          .finished(d.area)
          .then(pending)
          .catch(() => undefined);
      },
      onError: (message) => void syncStatusUpdates.failed(d.area, message).catch(() => undefined),
    });
    live = { handle, release, done, remote: remoteKey(settings) };
    return true;
  }

  async function stopLive(): Promise<void> {
    const l = live;
    live = null;
    if (!l) return;
    await l.handle.stop();
    l.release();
    await l.done;
  }

  /**
   * A round cut off with its page (closed tab, crash) left "running" in the stored status: when no
   * context holds the sync lock, nothing is running, so the status line stops saying so.
   */
  async function clearStaleRun(): Promise<void> {
    if (!d.locks?.query || round || live) return;
    const status = await readSyncStatus(d.area);
    if (!status.running) return;
    const held = (await d.locks.query()).held ?? [];
    if (!held.some((l) => l.name === SYNC_LOCK)) await syncStatusUpdates.stopped(d.area);
  }

  return {
    runOnce,
    stop,
    clearStaleRun,
    startLive,
    stopLive,
    /** Sync now from a page that may be syncing live: live paused, one full round, live again. */
    async runNow(): Promise<RunAnswer> {
      const wasLive = !!live;
      await stopLive();
      try {
        return await runOnce({ wait: true });
      } finally {
        if (wasLive) await startLive();
      }
    },
    /** Live, and with `settings`' server when given (after a change of server it still talks to the old one). */
    isLive: (settings?: SyncSettings) => !!live && (!settings || live.remote === remoteKey(settings)),
    /** Live replication settles (tests). */
    idle: () => live?.handle.idle() ?? Promise.resolve(),
  };
}

export type SyncRunner = ReturnType<typeof createSyncRunner>;
