// The background's answer to the library's sync messages (sync:now, sync:stop, sync:status). The
// library reads the status record itself (storage.local, lib/sync/status.ts), so nothing here reads it.
import type { Result, SyncRequest } from '../../lib/messaging/protocol';
import type { SyncStatus } from '../../lib/sync/status';

/**
 * PLACEHOLDER until the replication engine (lib/sync/engine.ts) is merged: this one function is
 * replaced by the engine runner (start a sync, stop the running one, report the status record it
 * keeps up to date through syncStatusUpdates). Until then every sync request answers that there is
 * no engine.
 */
export const runSyncEngine = async (_req: SyncRequest): Promise<Result<SyncStatus>> => ({
  ok: false,
  error: 'Sync engine not installed yet',
});
