// Settings → Sync over the browser: settings and status in storage.local, the connection test with
// this page's fetch, and the engine run in this page (lib/sync/sync-runner.ts says where sync runs
// and why): live while the page is open with automatic sync on, Sync now / Stop here too. The engine
// and PouchDB load only when sync is set up.
import type { browser as Browser } from 'wxt/browser';
import type { SyncBackend } from '../../components/library/library-connector';
import type { GistDB } from '../../lib/db/schema';
import type { SyncRunner } from '../../lib/sync/sync-runner';
import { checkConnection, createDatabase, deleteDatabase } from '../../lib/sync/connection-check';
import { forgetSyncSettings, loadSyncSettings, saveSyncSettings } from '../../lib/sync/settings';
import { IDLE_SYNC_STATUS, parseSyncStatus, readSyncStatus, SYNC_STATUS_KEY } from '../../lib/sync/status';
import { originPatterns } from '../../lib/url/match-patterns';

/** The runner for this page, loaded on first use (PouchDB, ~120 kB, is needed only for sync). */
function lazyRunner(db: GistDB, area: typeof Browser.storage.local): () => Promise<SyncRunner> {
  let runner: Promise<SyncRunner> | undefined;
  return () =>
    (runner ??= Promise.all([import('../../lib/sync/sync-runner'), import('../../lib/sync/pouchdb.js')]).then(([m, p]) =>
      m.createSyncRunner({ db, area, openLocal: () => new p.default('gist-sync'), locks: navigator.locks ?? null }),
    ));
}

/**
 * Live sync follows the settings: on while set up with automatic sync, off otherwise. False when it
 * should be live but another context holds the sync (an alarm round): the caller tries again later.
 */
async function followSettings(area: typeof Browser.storage.local, runner: () => Promise<SyncRunner>): Promise<boolean> {
  const { settings } = await loadSyncSettings(area);
  if (!settings) return true;
  const r = await runner();
  await r.clearStaleRun();
  if (!settings.autoSync) return r.stopLive().then(() => true);
  if (r.isLive(settings)) return true;
  // Live against a server no longer set holds the lock and would go on reporting "synced": stop it.
  await r.stopLive();
  // A full round first (so "last synced" means it), then live replication.
  await r.runOnce();
  return r.startLive();
}

const RETRY_LIVE_MS = 60_000;

export function syncBackend(browser: typeof Browser, db: GistDB): SyncBackend {
  const area = browser.storage.local;
  // Named in the CORS instructions: the origin the server must allow (Firefox's differs per install).
  const opts = () => ({ extensionOrigins: [browser.runtime.getURL('/').replace(/\/$/, '')] });
  const runner = lazyRunner(db, area);
  let retry: ReturnType<typeof setTimeout> | undefined;
  const follow = (): void => {
    clearTimeout(retry);
    void followSettings(area, runner).then(
      (ok) => {
        if (!ok) retry = setTimeout(follow, RETRY_LIVE_MS);
      },
      (e: unknown) => console.warn('Gist: sync not started', e),
    );
  };
  follow();
  return {
    load: () => loadSyncSettings(area),
    async save(input) {
      const r = await saveSyncSettings(area, input);
      if (r.ok) follow();
      return r;
    },
    requestAccess(serverUrl) {
      const origins = originPatterns([serverUrl]);
      if (!origins.length) return Promise.resolve(false);
      return browser.permissions.request({ origins }).catch(() => false);
    },
    check: (s) => checkConnection(s, (u, i) => fetch(u, i), opts()),
    createDatabase: (s) => createDatabase(s, (u, i) => fetch(u, i), opts()),
    removeFromServer: (s) => deleteDatabase(s, (u, i) => fetch(u, i), opts()),
    async forget() {
      await (await runner()).stopLive();
      await forgetSyncSettings(area, SYNC_STATUS_KEY);
    },
    async syncNow() {
      const r = await (await runner()).runNow();
      return r.ok ? { ok: true } : r;
    },
    async stopSync() {
      (await runner()).stop();
      return { ok: true };
    },
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
