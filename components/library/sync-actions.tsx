import { useEffect, useState } from 'preact/hooks';
import type { SyncSettings } from '../../lib/sync/settings';
import { IDLE_SYNC_STATUS, type SyncStatus } from '../../lib/sync/status';
import { statusWords } from '../../lib/sync/status-text';
import type { SyncBackend } from './library-connector';
import { describeError } from './errors';

// The saved sync's status line (last synced, pending changes, progress with Stop, last error), Sync now,
// "Disconnect" (forgets the settings, keeps the library; not "Stop syncing", which read like the run's Stop) and "Remove from server" (typed confirmation).

const TICK_MS = 30_000;

export function SyncActions({
  sync,
  settings,
  onForgotten,
}: {
  sync: SyncBackend;
  settings: SyncSettings;
  /** The settings are gone (Disconnect, or Remove from server): the page says so with `message`. */
  onForgotten(message: string): void;
}) {
  const [status, setStatus] = useState<SyncStatus>(IDLE_SYNC_STATUS);
  const [now, setNow] = useState(() => Date.now());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const host = new URL(settings.serverUrl).host;
  useEffect(() => sync.subscribeStatus(setStatus), [sync]);
  // "5 min ago" stays true while the page is open.
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(t);
  }, []);
  useEffect(() => setNow(Date.now()), [status]);

  const act = (what: string, fn: () => Promise<{ ok: boolean; text: string } | null>) => {
    setBusy(true);
    setMessage(null);
    void fn()
      .then(setMessage, (e: unknown) => setMessage({ ok: false, text: describeError(what, e) }))
      .finally(() => setBusy(false));
  };
  const syncNow = () =>
    act('sync', async () => {
      const r = await sync.syncNow();
      return r.ok ? null : { ok: false, text: `Sync did not start: ${r.error}` };
    });
  const stop = () =>
    act('stop the sync', async () => {
      const r = await sync.stopSync();
      return r.ok ? { ok: true, text: 'Stopped. The next sync continues where this one left off.' } : { ok: false, text: r.error };
    });
  const forget = () =>
    act('stop syncing', async () => {
      await sync.forget();
      onForgotten(
        `Sync is off. Your library on this device is unchanged; the copy in "${settings.database}" on ${host} stays until you remove it.`,
      );
      return null;
    });
  const remove = () =>
    act('remove the database from the server', async () => {
      const r = await sync.removeFromServer(settings);
      if (!r.ok) return { ok: false, text: r.message };
      // The server's copy is gone: syncing again would only start a new one. Settings forgotten too.
      await sync.forget();
      onForgotten(`${r.message} Sync is off.`);
      return null;
    });

  const words = statusWords(status, now);
  return (
    <div class="sync-actions">
      <div class="sync-status" role="status" aria-live="polite" data-testid="sync-status">
        <span class="sync-dot" data-state={status.running ? 'running' : status.lastError ? 'error' : status.lastSyncedAt ? 'ok' : 'idle'} />
        <span>
          <strong>{words.main}</strong>
          {words.pending && <span class="muted"> · {words.pending}</span>}
          <span class="muted">
            {' '}
            · {settings.database} on {host}
            {settings.autoSync ? '' : ' · automatic sync off'}
          </span>
        </span>
        {status.running ? (
          <button type="button" class="secondary" data-testid="sync-stop" disabled={busy} onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="button" data-testid="sync-now" disabled={busy} onClick={syncNow}>
            Sync now
          </button>
        )}
      </div>
      {status.running && status.progress?.totalDocs ? (
        <progress class="sync-progress" max={status.progress.totalDocs} value={status.progress.docs} aria-label="Sync progress" />
      ) : null}
      {words.error && (
        <p class="error sync-note" data-testid="sync-last-error">
          {words.error}
        </p>
      )}
      {message && (
        <p class={message.ok ? 'sync-note' : 'error sync-note'} role="alert" data-testid="sync-action-message">
          {message.text}
        </p>
      )}
      <div class="sync-danger">
        <button
          type="button"
          class="secondary"
          data-testid="sync-forget"
          disabled={busy}
          onClick={forget}
          title="Forget the server and password; keep the library"
        >
          Disconnect
        </button>
        {!confirming && (
          <button type="button" class="secondary danger" data-testid="sync-remove" disabled={busy} onClick={() => setConfirming(true)}>
            Remove from server…
          </button>
        )}
      </div>
      {confirming && (
        <form
          class="sync-confirm"
          data-testid="sync-remove-confirm"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed === settings.database) remove();
          }}
        >
          <p>
            This deletes the database <strong>{settings.database}</strong> and everything in it from {host}, for every device that syncs
            with it, and stops syncing here. The library in this browser stays as it is. Type <strong>{settings.database}</strong> to
            confirm.
          </p>
          <input
            type="text"
            value={typed}
            aria-label={`Type ${settings.database} to confirm`}
            data-testid="sync-remove-typed"
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="danger-fill" data-testid="sync-remove-go" disabled={busy || typed !== settings.database}>
            Delete from server
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setConfirming(false);
              setTyped('');
            }}
          >
            Cancel
          </button>
        </form>
      )}
    </div>
  );
}
