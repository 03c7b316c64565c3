import { browser } from 'wxt/browser';
import { openDb } from '../../lib/db/schema';
import type { SyncRunner } from '../../lib/sync/sync-runner';

// The automatic sync round of an `alarms` tick, run where a DOM and IndexedDB live apart from the
// service worker: Chrome's offscreen document, Firefox's background page (see lib/sync/sync-runner.ts).
// The engine and PouchDB load on the first round only: the offscreen document also serves every save.
let runner: Promise<SyncRunner> | undefined;

const load = () =>
  (runner ??= Promise.all([import('../../lib/sync/sync-runner'), import('../../lib/sync/pouchdb.js')]).then(([m, p]) =>
    m.createSyncRunner({
      db: openDb(),
      area: browser.storage.local,
      openLocal: () => new p.default('gist-sync'),
      locks: navigator.locks ?? null,
    }),
  ));

/** Starts one round unless one is running (here, or live in a library page: then it is skipped). */
export function startSyncRound(): { started: true } {
  void load()
    .then((r) => r.runOnce())
    .catch((e: unknown) => console.warn('Gist: sync round failed', e));
  return { started: true };
}
