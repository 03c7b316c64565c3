// Sync benchmark in Node: `npm run bench:sync:node [-- --articles N]` (default 1,000). Two devices (each its
// own Dexie + local PouchDB on fake-indexeddb) and a pouchdb-server --in-memory on 127.0.0.1. Device A
// saves N articles of ~50 KB text with one ~30 KB image each, then syncs (push: outbox → local PouchDB
// → server); device B syncs (pull: server → local PouchDB → Dexie). converged/lost/duplicated come
// from comparing the two Dexie libraries article by article (metadata, body, image bytes), not assumed.
import { loadPouch } from '../tests/helpers/pouch-node';
import { startCouch } from '../tests/helpers/couch-proxy';
import { librarySnapshot, makeDevice, saveMany } from '../tests/helpers/sync-devices';
import type { SyncProgress } from '../lib/sync/engine';
import { positiveIntArg, secs } from './lib/cli-args';

const N = positiveIntArg('articles', 1000);

/** Progress printer that also times each phase of a round (outbox, upload, download, apply). */
function phases(label: string) {
  const start = performance.now();
  let phase = '';
  let since = start;
  const spent: string[] = [];
  const close = () => phase && spent.push(`${phase} ${secs(performance.now() - since)} s`);
  return {
    onProgress(p: SyncProgress) {
      if (p.phase !== phase) {
        close();
        [phase, since] = [p.phase, performance.now()];
      }
      if (p.docs && p.docs % 1000 === 0) console.log(`  ${label} ${p.phase} ${p.docs} docs ${mb(p.bytes)} MB`);
    },
    done: () => (close(), spent.join(', ')),
  };
}
const mb = (b: number) => (b / 1e6).toFixed(1);

const PouchDB = await loadPouch();
const server = await startCouch();
try {
  const url = await server.createDb('bench');
  const A = makeDevice(PouchDB, 'A', url);
  const B = makeDevice(PouchDB, 'B', url);
  let t = performance.now();
  await saveMany(A.db, 0, N, { textBytes: 50_000, images: 1, imageBytes: 30_000 });
  console.log(`saved ${N} articles on A in ${secs(performance.now() - t)} s`);

  t = performance.now();
  const pushPhases = phases('push');
  const push = await A.sync({ onProgress: pushPhases.onProgress });
  const pushMs = performance.now() - t;
  if (push.error) throw new Error(`push failed: ${push.error}`);
  console.log(
    `push: ${push.pushed} docs, ${mb(push.bytes)} MB in ${secs(pushMs)} s — ${(N / (pushMs / 1000)).toFixed(1)} articles/s, ${mb(push.bytes / (pushMs / 1000))} MB/s (${pushPhases.done()})`,
  );

  t = performance.now();
  const pullPhases = phases('pull');
  const pull = await B.sync({ onProgress: pullPhases.onProgress });
  const pullMs = performance.now() - t;
  if (pull.error) throw new Error(`pull failed: ${pull.error}`);
  console.log(
    `pull: ${pull.pulled} docs, ${mb(pull.bytes)} MB, ${pull.applied} articles applied in ${secs(pullMs)} s — ${(N / (pullMs / 1000)).toFixed(1)} articles/s, ${mb(pull.bytes / (pullMs / 1000))} MB/s (${pullPhases.done()})`,
  );

  const [a, b] = [await librarySnapshot(A.db), await librarySnapshot(B.db)];
  const bUrls = (await B.db.articles.toArray()).map((x) => x.url);
  const lost = [...a.keys()].filter((k) => !b.has(k)).length;
  const duplicated = bUrls.length - new Set(bUrls).size;
  const differing = [...a].filter(([k, v]) => b.has(k) && b.get(k) !== v).length;
  const converged = lost === 0 && duplicated === 0 && differing === 0 && a.size === b.size && a.size === N ? 1 : 0;
  if (differing) console.log(`${differing} articles differ between A and B`);
  await A.close();
  await B.close();
  console.log(`articles=${N} push_s=${secs(pushMs)} pull_s=${secs(pullMs)} converged=${converged} lost=${lost} duplicated=${duplicated}`);
} finally {
  await server.stop();
}
