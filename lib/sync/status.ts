// The sync status record, stored next to the settings in storage.local so the library page, the
// background and a restarted service worker all see the same state. The engine runner updates it
// through the small API below; the library page only reads it (and follows storage.onChanged).
import type { SyncStorageArea } from './settings';

import { SYNC_STATUS_KEY } from './keys';

export { SYNC_STATUS_KEY };

export interface SyncProgress {
  /** Documents and bytes moved so far in this run (both directions). */
  docs: number;
  bytes: number;
  /** Documents the run expects to move, when the engine knows (pending changes + the server's). */
  totalDocs: number | null;
}

export interface SyncStatus {
  running: boolean;
  startedAt: number | null;
  lastSyncedAt: number | null;
  /** Local changes not yet on the server. */
  pending: number;
  /** Set while a run is going, null otherwise. */
  progress: SyncProgress | null;
  /** The last failure in words (never containing credentials), cleared by the next successful run. */
  lastError: string | null;
  lastErrorAt: number | null;
}

export const IDLE_SYNC_STATUS: SyncStatus = {
  running: false,
  startedAt: null,
  lastSyncedAt: null,
  pending: 0,
  progress: null,
  lastError: null,
  lastErrorAt: null,
};

// Read by hand rather than with valibot: the background reads it, and the service worker's bundle
// (which wakes on every page load) stays within its budget without a validation library.
const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const timeOrNull = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

function progressOf(x: unknown): SyncProgress | null {
  if (!x || typeof x !== 'object') return null;
  const p = x as Record<string, unknown>;
  if (!isCount(p.docs) || !isCount(p.bytes) || !(p.totalDocs === null || p.totalDocs === undefined || isCount(p.totalDocs))) return null;
  return { docs: p.docs, bytes: p.bytes, totalDocs: (p.totalDocs as number | null | undefined) ?? null };
}

/** A stored status read defensively: each damaged field reads as its idle value, the rest is kept. */
export function parseSyncStatus(raw: unknown): SyncStatus {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ...IDLE_SYNC_STATUS };
  const o = raw as Record<string, unknown>;
  return {
    running: o.running === true,
    startedAt: timeOrNull(o.startedAt),
    lastSyncedAt: timeOrNull(o.lastSyncedAt),
    pending: isCount(o.pending) ? o.pending : 0,
    progress: progressOf(o.progress),
    lastError: typeof o.lastError === 'string' ? o.lastError.slice(0, 500) : null,
    lastErrorAt: timeOrNull(o.lastErrorAt),
  };
}

export async function readSyncStatus(area: SyncStorageArea): Promise<SyncStatus> {
  return parseSyncStatus((await area.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY]);
}

async function update(area: SyncStorageArea, change: (s: SyncStatus) => SyncStatus): Promise<SyncStatus> {
  const next = change(await readSyncStatus(area));
  await area.set({ [SYNC_STATUS_KEY]: next });
  return next;
}

/** What the engine runner calls as a run goes. Each returns the status it stored. */
export const syncStatusUpdates = {
  started: (area: SyncStorageArea, at = Date.now(), totalDocs: number | null = null) =>
    update(area, (s) => ({ ...s, running: true, startedAt: at, progress: { docs: 0, bytes: 0, totalDocs } })),
  progress: (area: SyncStorageArea, p: SyncProgress) =>
    update(area, (s) => ({ ...s, progress: { docs: p.docs, bytes: p.bytes, totalDocs: p.totalDocs } })),
  pending: (area: SyncStorageArea, pending: number) => update(area, (s) => ({ ...s, pending: Math.max(0, Math.floor(pending)) })),
  /** A run that completed: the time it finished, errors cleared. */
  finished: (area: SyncStorageArea, at = Date.now()) =>
    update(area, (s) => ({ ...s, running: false, startedAt: null, progress: null, lastSyncedAt: at, lastError: null, lastErrorAt: null })),
  /** A run stopped by the user: no error, and the last synced time stays that of the last complete run. */
  stopped: (area: SyncStorageArea) => update(area, (s) => ({ ...s, running: false, startedAt: null, progress: null })),
  failed: (area: SyncStorageArea, message: string, at = Date.now()) =>
    update(area, (s) => ({ ...s, running: false, startedAt: null, progress: null, lastError: message.slice(0, 500), lastErrorAt: at })),
};
