// Sync benchmark between two Chromium profiles: `npm run bench:sync [-- --articles N]` (default 1,000).
// Each profile runs the e2e build of the extension; a pouchdb-server --in-memory on 127.0.0.1 is the
// CouchDB. Profile A gets N articles of ~50 KB text with one distinct ~30 KB image each (written by the
// library's own database code, so the sync outbox records them as it records a save), then presses
// Sync now in Settings → Sync (push: outbox → local PouchDB → server); profile B presses Sync now
// (pull: server → local PouchDB → IndexedDB). Times are from the click to the status line's "last
// synced". converged/lost/duplicated compare the two libraries article by article (URL, title, text,
// image bytes), read from each profile's IndexedDB. `bench:sync:node` runs the same engine in Node.
import type { Page } from 'playwright-core';
import { launchWithExtension, seedArticles } from '../tests/e2e/harness';
import { startCouch } from '../tests/helpers/couch-proxy';
import { positiveIntArg, secs } from './lib/cli-args';

const N = positiveIntArg('articles', 1000);
const BATCH = 250;

// In-page: N articles built from their index (no 500 MB of text through the driver). Code as a string:
// functions passed to evaluate would carry the script bundler's helpers.
const SEED_BATCH = `async ([from, to]) => {
  const words = 'harbor lantern orchard copper meadow thunder cedar violet signal market winter island river stone garden pepper'.split(' ');
  const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
  const items = [];
  globalThis.__gistPool = [];
  for (let i = from; i < to; i++) {
    const paras = [];
    let len = 0;
    for (let p = 0; len < 50000; p++) {
      const para = Array.from({ length: 80 }, (_, w) => words[(i * 7 + p * 5 + w * 3) % words.length]).join(' ') + ' w' + i + 'p' + p + '.';
      paras.push(para);
      len += para.length + 2;
    }
    const text = paras.join('\\n\\n');
    // A distinct ~30 KB image: a PNG with the article's own bytes after its end (decoders ignore them).
    const tail = new Uint8Array(30000);
    for (let k = 0; k < tail.length; k++) tail[k] = (i * 31 + k * 7) & 255;
    const bytes = new Uint8Array(png.length + tail.length);
    bytes.set(png);
    bytes.set(tail, png.length);
    globalThis.__gistPool.push(bytes);
    const url = 'https://site' + (i % 97) + '.example/articles/' + i;
    const img = url + '/photo.png';
    items.push({
      record: {
        url, originalUrl: url, title: 'Bench article ' + i, byline: null, siteName: 'site' + (i % 97) + '.example', lang: 'en',
        publishedTime: null, excerpt: null, savedAt: Date.now() - i * 1000, updatedAt: Date.now() - i * 1000, status: 'unread',
        favorite: 0, tags: ['t' + (i % 13)], tagCandidates: [], tagsEdited: false, wordCount: Math.round(len / 7), cjkChars: 0,
        imageCount: 1, readingMinutes: Math.round(len / 7 / 238), progress: 0, contentState: 'full',
      },
      html: '<p>' + paras[0] + '</p><figure><img src="' + img + '" alt="photo ' + i + '"></figure>' + paras.slice(1).map((x) => '<p>' + x + '</p>').join(''),
      text,
      images: [{ src: img, type: 'image/png', pooled: i - from }],
    });
  }
  await globalThis.__gistSeed(items);
}`;

// In-page: one line per article (URL → SHA-1 of title, text and image bytes), from IndexedDB.
const SNAPSHOT = `async () => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('gist'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const all = (store) => new Promise((ok, fail) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const [articles, texts, images] = [await all('articles'), await all('texts'), await all('images')];
  const text = new Map(texts.map((c) => [c.articleId, c.text]));
  const imgs = new Map();
  for (const im of images) imgs.set(im.articleId, (imgs.get(im.articleId) || []).concat([im]));
  const out = [];
  for (const a of articles) {
    const parts = [a.title, text.get(a.id) || ''];
    for (const im of (imgs.get(a.id) || []).sort((x, y) => (x.src < y.src ? -1 : 1))) {
      const buf = new Uint8Array(await im.blob.arrayBuffer());
      let h = 0;
      for (let k = 0; k < buf.length; k++) h = (h * 31 + buf[k]) | 0;
      parts.push(im.src + ':' + buf.length + ':' + h);
    }
    const d = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(parts.join('\\u0001')));
    out.push([a.url, Array.from(new Uint8Array(d), (x) => x.toString(16).padStart(2, '0')).join('')]);
  }
  db.close();
  return out;
}`;

async function lastSynced(p: Page): Promise<number> {
  return p.evaluate(`chrome.storage.local.get('syncStatus').then((r) => (r.syncStatus && r.syncStatus.lastSyncedAt) || 0)`);
}

/** Presses Sync now; ms until the status shows the round finished. */
async function syncNow(p: Page, label: string): Promise<number> {
  const before = await lastSynced(p);
  const t = performance.now();
  await p.getByTestId('sync-now').click();
  let lastLog = t;
  for (;;) {
    const status = (await p.evaluate(`chrome.storage.local.get('syncStatus').then((r) => r.syncStatus || {})`)) as {
      lastSyncedAt?: number;
      lastError?: string | null;
      running?: boolean;
      progress?: { docs: number; bytes: number } | null;
    };
    if ((status.lastSyncedAt ?? 0) > before) return performance.now() - t;
    if (status.lastError && !status.running) throw new Error(`${label} failed: ${status.lastError}`);
    if (performance.now() - lastLog > 10_000 && status.progress) {
      lastLog = performance.now();
      console.log(`  ${label}: ${status.progress.docs} docs, ${(status.progress.bytes / 1e6).toFixed(1)} MB`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const server = await startCouch();
const a = await launchWithExtension();
const b = await launchWithExtension();
try {
  const dbUrl = await server.createDb('bench');
  const settings = { serverUrl: server.url, database: 'bench', username: '', password: '', autoSync: false };
  const open = async (s: typeof a) => {
    const p = await s.context.newPage();
    await p.goto(s.extUrl('library.html'));
    await p.evaluate(`chrome.storage.local.set({ syncSettings: ${JSON.stringify(settings)} })`);
    await p.goto(s.extUrl('library.html#settings/sync'));
    await p.getByTestId('sync-now').waitFor();
    return p;
  };
  const [pa, pb] = [await open(a), await open(b)];

  let t = performance.now();
  await seedArticles(pa, []); // installs the library's own database code in the page
  for (let i = 0; i < N; i += BATCH) await pa.evaluate(`(${SEED_BATCH})([${i}, ${Math.min(N, i + BATCH)}])`);
  console.log(`saved ${N} articles on A in ${secs(performance.now() - t)} s`);

  const pushMs = await syncNow(pa, 'push');
  const info = (await (await fetch(dbUrl)).json()) as { doc_count: number };
  console.log(`push: ${info.doc_count} documents on the server in ${secs(pushMs)} s — ${(N / (pushMs / 1000)).toFixed(1)} articles/s`);
  const pullMs = await syncNow(pb, 'pull');
  console.log(`pull: in ${secs(pullMs)} s — ${(N / (pullMs / 1000)).toFixed(1)} articles/s`);

  t = performance.now();
  const [sa, sb] = [
    (await pa.evaluate(`(${SNAPSHOT})()`)) as [string, string][],
    (await pb.evaluate(`(${SNAPSHOT})()`)) as [string, string][],
  ];
  const A = new Map(sa);
  const B = new Map(sb);
  const lost = [...A.keys()].filter((u) => !B.has(u)).length;
  const duplicated = sb.length - B.size;
  const differing = [...A].filter(([u, v]) => B.has(u) && B.get(u) !== v).length;
  if (differing) console.log(`${differing} articles differ between A and B`);
  console.log(`compared in ${secs(performance.now() - t)} s`);
  const converged = lost === 0 && duplicated === 0 && differing === 0 && A.size === N && B.size === N ? 1 : 0;
  console.log(`articles=${N} push_s=${secs(pushMs)} pull_s=${secs(pullMs)} converged=${converged} lost=${lost} duplicated=${duplicated}`);
} finally {
  await a.close();
  await b.close();
  await server.stop();
}
