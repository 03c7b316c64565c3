import { browser } from 'wxt/browser';
import { openDb } from '../../lib/db/schema';
import PouchDB from '../../lib/sync/pouchdb.js';
import { createSyncRunner, type SyncRunner } from '../../lib/sync/sync-runner';

// The automatic sync round of an `alarms` tick, run where a DOM and IndexedDB live apart from the
// service worker: Chrome's offscreen document, Firefox's background page (see lib/sync/sync-runner.ts).
let runner: SyncRunner | undefined;

/** Starts one round unless one is running (here, or live in a library page: then it is skipped). */
export function startSyncRound(): { started: true } {
  runner ??= createSyncRunner({
    db: openDb(),
    area: browser.storage.local,
    openLocal: () => new PouchDB('gist-sync'),
    locks: navigator.locks ?? null,
  });
  void runner.runOnce().catch((e: unknown) => console.warn('Gist: sync round failed', e));
  return { started: true };
}
