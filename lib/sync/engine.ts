// The sync engine: Dexie (what the UI and search read) ⇄ a local PouchDB ⇄ the user's CouchDB.
//
//   syncOnce({ db, local, remoteUrl, auth, signal, onProgress }) → Promise<SyncResult>
//     One full round: outbox → local PouchDB, local → remote, remote → local, conflicts merged,
//     changes applied to Dexie (and merges sent back up). Never throws: `error` holds the reason in
//     words (never the credentials); a stopped or failed round resumes from its checkpoints next time.
//   liveSync({ db, local, remoteUrl, auth, onProgress, onError }) → LiveSync
//     Continuous replication both ways while an extension page is open; local edits (outbox) and
//     arriving changes are applied as they come. `stop()` ends it.
//
// `db` is an opened Gist database (lib/db/schema openDb), `local` a PouchDB on this device (e.g.
// `new PouchDB('gist-sync')` from lib/sync/pouchdb.js). The remote is opened with the same PouchDB
// class, the credentials sent as an Authorization header (never in the URL).
//
// How the stores stay consistent: every local write records an outbox row in its own Dexie
// transaction (lib/db/sync-outbox.ts); push rebuilds documents from Dexie and deletes a row only after
// PouchDB accepted them. Incoming changes are applied from the local PouchDB's changes feed, the
// checkpoint moving in the same Dexie transaction as the writes. Every step is idempotent (ids derive
// from the canonical URL), so a crash between steps is repaired by the next round.
import { liveQuery } from 'dexie';
import type { GistDB } from '../db/schema';
import { applyChanges } from './apply-changes';
import { pushOutbox } from './push-outbox';
import { describeError, docBytes, REPLICATION, runReplication, type Transfer } from './replicate';
import type { Pouch, PouchCtor, ReplicationChange } from './pouch-types';

export interface SyncAuth {
  username: string;
  password: string;
}

export interface SyncProgress {
  phase: 'outbox' | 'upload' | 'download' | 'apply';
  /** Documents moved so far in this round (uploaded + downloaded). */
  docs: number;
  bytes: number;
}

export interface SyncResult {
  /** Documents written to the server. */
  pushed: number;
  /** Documents received from the server. */
  pulled: number;
  conflictsResolved: number;
  /** pushed + pulled. */
  docs: number;
  bytes: number;
  /** Local edits (outbox rows) handed to the local PouchDB. */
  localChanges: number;
  /** Articles created, updated or deleted in Dexie. */
  applied: number;
  error: string | null;
}

export interface SyncOptions {
  db: GistDB;
  local: Pouch;
  /** The database URL, e.g. https://couch.example.net/gist-alice (no credentials in it). */
  remoteUrl: string;
  auth?: SyncAuth;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
}

function openRemote(o: Pick<SyncOptions, 'local' | 'remoteUrl' | 'auth'>): Pouch {
  const Ctor = o.local.constructor as PouchCtor;
  return new Ctor(o.remoteUrl, { skip_setup: true, ...(o.auth ? { auth: o.auth } : {}) });
}

const secretsOf = (o: Pick<SyncOptions, 'auth'>) => [o.auth?.password ?? '', o.auth?.username ?? ''];

export async function syncOnce(o: SyncOptions): Promise<SyncResult> {
  const r: SyncResult = { pushed: 0, pulled: 0, conflictsResolved: 0, docs: 0, bytes: 0, localChanges: 0, applied: 0, error: null };
  const remote = openRemote(o);
  let base = { docs: 0, bytes: 0 };
  const report = (phase: SyncProgress['phase'], t: Transfer = { docs: 0, bytes: 0, read: 0 }) =>
    o.onProgress?.({ phase, docs: base.docs + t.docs, bytes: base.bytes + t.bytes });
  const leg = async (phase: 'upload' | 'download') => {
    const rep = phase === 'upload' ? o.local.replicate.to(remote, REPLICATION) : o.local.replicate.from(remote, REPLICATION);
    const t = await runReplication(rep, { signal: o.signal, onChange: (x) => report(phase, x) });
    base = { docs: base.docs + t.docs, bytes: base.bytes + t.bytes };
    return t;
  };
  try {
    report('outbox');
    r.localChanges = (await pushOutbox(o.db, o.local, { signal: o.signal })).rows;
    r.pushed += (await leg('upload')).docs;
    r.pulled += (await leg('download')).docs;
    report('apply');
    const a = await applyChanges(o.db, o.local, { signal: o.signal });
    r.applied = a.applied;
    r.conflictsResolved = a.conflictsResolved;
    // Merges (and edits made during the round) go up now rather than on the next round.
    if (a.conflictsResolved || (await o.db.syncOutbox.count())) {
      r.localChanges += (await pushOutbox(o.db, o.local, { signal: o.signal })).rows;
      r.pushed += (await leg('upload')).docs;
    }
  } catch (e) {
    r.error = describeError(e, secretsOf(o));
  } finally {
    await remote.close().catch(() => undefined);
  }
  r.docs = r.pushed + r.pulled;
  r.bytes = base.bytes;
  return r;
}

export interface LiveSyncOptions extends Omit<SyncOptions, 'signal'> {
  /** Errors in words (credentials removed); live replication keeps retrying after them. */
  onError?: (message: string) => void;
}

export interface LiveSync {
  /** Ends replication and waits for the step in progress. */
  stop(): Promise<void>;
  /** Resolves when no local or incoming change is waiting to be applied (tests, status line). */
  idle(): Promise<void>;
}

export function liveSync(o: LiveSyncOptions): LiveSync {
  const remote = openRemote(o);
  const secrets = secretsOf(o);
  const totals = { docs: 0, bytes: 0 };
  let stopped = false;
  let dirty = false;
  let running: Promise<void> = Promise.resolve();
  const fail = (e: unknown) => o.onError?.(describeError(e, secrets));
  // One step at a time: push local edits, then apply what arrived; repeated while anything changed.
  const pump = () => {
    dirty = true;
    running = running.then(async () => {
      while (dirty && !stopped) {
        dirty = false;
        try {
          await pushOutbox(o.db, o.local);
          await applyChanges(o.db, o.local);
        } catch (e) {
          fail(e);
        }
      }
    });
  };
  const reps = (['upload', 'download'] as const).map((phase) => {
    const opts = { ...REPLICATION, live: true, retry: true };
    const rep = phase === 'upload' ? o.local.replicate.to(remote, opts) : o.local.replicate.from(remote, opts);
    rep.on('change', ((info: ReplicationChange) => {
      totals.docs += info.docs.length;
      for (const d of info.docs) totals.bytes += docBytes(d);
      o.onProgress?.({ phase, ...totals });
    }) as (arg: never) => void);
    rep.on('error', fail as (arg: never) => void);
    rep.on('denied', fail as (arg: never) => void);
    return rep;
  });
  const feed = o.local.changes({ since: 'now', live: true });
  feed.on('change', pump as (arg: never) => void);
  const outbox = liveQuery(() => o.db.syncOutbox.count()).subscribe({ next: (n) => n > 0 && pump(), error: fail });
  pump();
  return {
    async stop() {
      stopped = true;
      outbox.unsubscribe();
      feed.cancel();
      for (const rep of reps) rep.cancel();
      await running;
      await remote.close().catch(() => undefined);
    },
    async idle() {
      let seen: Promise<void>;
      do {
        seen = running;
        await seen;
      } while (seen !== running || dirty);
    },
  };
}
