// The background's answers to the library's sync messages. `sync:status` reads the stored status
// record (lib/sync/status.ts); `sync:now` / `sync:stop` go to the engine runner.
import type { Result, SyncRequest } from '../../lib/messaging/protocol';
import { readSyncStatus, type SyncStatus } from '../../lib/sync/status';
import type { SyncStorageArea } from '../../lib/sync/settings';

export async function handleSyncRequest(req: SyncRequest, area: SyncStorageArea): Promise<Result<SyncStatus>> {
  if (req.type === 'sync:status') return { ok: true, value: await readSyncStatus(area) };
  return runSyncEngine(req);
}

/**
 * PLACEHOLDER until the replication engine (lib/sync/engine.ts) is merged: this one function is
 * replaced by the engine runner (start a sync / stop the running one, updating the status record
 * through syncStatusUpdates). Until then Sync now answers that there is no engine.
 */
async function runSyncEngine(_req: Exclude<SyncRequest, { type: 'sync:status' }>): Promise<Result<SyncStatus>> {
  return { ok: false, error: 'Sync engine not installed yet' };
}
