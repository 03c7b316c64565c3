// Settings → Sync over the browser: settings and status in storage.local, the connection test with
// this page's fetch (the engine replicates from extension contexts too, under the same CORS and
// host-permission rules), Sync now / Stop as messages to the background.
import type { browser as Browser } from 'wxt/browser';
import type { SyncBackend } from '../../components/library/library-connector';
import type { Result } from '../../lib/messaging/protocol';
import { checkConnection, createDatabase, deleteDatabase } from '../../lib/sync/connection-check';
import { forgetSyncSettings, loadSyncSettings, saveSyncSettings } from '../../lib/sync/settings';
import { IDLE_SYNC_STATUS, parseSyncStatus, readSyncStatus, SYNC_STATUS_KEY, type SyncStatus } from '../../lib/sync/status';
import { originPatterns } from '../../lib/url/match-patterns';

const NO_ANSWER = 'The background did not answer; reload the extension and try again.';

export function syncBackend(browser: typeof Browser): SyncBackend {
  const area = browser.storage.local;
  // Named in the CORS instructions: the origin the server must allow (Firefox's differs per install).
  const opts = () => ({ extensionOrigins: [browser.runtime.getURL('/').replace(/\/$/, '')] });
  const send = async (type: 'sync:now' | 'sync:stop') => {
    const r = (await browser.runtime.sendMessage({ type }).catch(() => undefined)) as Result<SyncStatus> | undefined;
    return r?.ok ? { ok: true as const } : { ok: false as const, error: r && !r.ok ? r.error : NO_ANSWER };
  };
  return {
    load: () => loadSyncSettings(area),
    save: (input) => saveSyncSettings(area, input),
    requestAccess(serverUrl) {
      const origins = originPatterns([serverUrl]);
      if (!origins.length) return Promise.resolve(false);
      return browser.permissions.request({ origins }).catch(() => false);
    },
    check: (s) => checkConnection(s, (u, i) => fetch(u, i), opts()),
    createDatabase: (s) => createDatabase(s, (u, i) => fetch(u, i), opts()),
    removeFromServer: (s) => deleteDatabase(s, (u, i) => fetch(u, i), opts()),
    forget: () => forgetSyncSettings(area, SYNC_STATUS_KEY),
    syncNow: () => send('sync:now'),
    stopSync: () => send('sync:stop'),
    subscribeStatus(cb) {
      let live = true;
      const onChange = (changes: Record<string, { newValue?: unknown }>, name: string) => {
        if (name === 'local' && SYNC_STATUS_KEY in changes) cb(parseSyncStatus(changes[SYNC_STATUS_KEY].newValue));
      };
      browser.storage.onChanged.addListener(onChange);
      readSyncStatus(area).then(
        (s) => live && cb(s),
        () => live && cb({ ...IDLE_SYNC_STATUS }),
      );
      return () => {
        live = false;
        browser.storage.onChanged.removeListener(onChange);
      };
    },
  };
}
