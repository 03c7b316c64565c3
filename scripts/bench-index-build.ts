// The first search-index build at library scale in the REAL IndexedDB of the built e2e extension, apart
// from the page around it: how long reading every body takes (the floor no index build can beat) and how
// long the build that the library page runs (lib/search/index-sync.ts rebuild) takes in the same browser.
//   npx wxt build --mode e2e && npx tsx scripts/bench-index-build.ts [--articles 50000] [--batch 250] [--steps floor,meta,bodies,html,build]
// Seeds the library from scripts/lib/library-generator.ts (no images: they are not read by the index).
// Timings are wall clock on this machine: print the load with them.
import { loadavg } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { bundleForPage, launchWithExtension, seedArticles } from '../tests/e2e/harness';
import { loadBenchSources } from './lib/bench-corpus';
import { generateLibrary } from './lib/library-generator';

const args = process.argv.slice(2);
const arg = (name: string, d: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : d);
const N = Number(arg('articles', '50000'));
const BATCH = Number(arg('batch', '250'));

const bundle = await bundleForPage(`
      import { openDb } from './lib/db/schema';
      import { dexieIndexStore } from './lib/search/index-store';
      import { IndexSync } from './lib/search/index-sync';
      const db = openDb();
      // Kept in memory: this measures building, not saving.
      let saved;
      const cache = { get: async () => undefined, getPhrases: async () => saved && saved.phrases, put: async (v) => { saved = v; } };
      const store = dexieIndexStore(db, cache);
      // Every article and body in id order, as the rebuild reads them.
      globalThis.__floor = async (batch) => {
        const t = performance.now();
        let after = 0, n = 0, chars = 0;
        for (;;) {
          const page = await store.articlePage(after, batch);
          if (!page.length) break;
          const texts = await store.texts(page.map((a) => a.id));
          for (const x of texts) chars += x ? x.length : 0;
          after = page[page.length - 1].id;
          n += page.length;
        }
        return { ms: performance.now() - t, n, chars };
      };
      // The article records alone, and the body rows alone (texts: what the build reads; contents: the
      // HTML it no longer reads): what each read costs.
      globalThis.__meta = async (batch) => {
        const t = performance.now();
        let after = 0, n = 0;
        for (;;) {
          const page = await store.articlePage(after, batch);
          if (!page.length) break;
          after = page[page.length - 1].id;
          n += page.length;
        }
        return { ms: performance.now() - t, n };
      };
      globalThis.__bodies = async (batch) => {
        const t = performance.now();
        let n = 0, text = 0;
        const last = await db.texts.orderBy(':id').lastKey();
        for (let lo = 0; lo <= last; lo += batch) {
          const rows = await db.texts.where(':id').between(lo, lo + batch, true, false).toArray();
          for (const r of rows) text += r.text.length;
          n += rows.length;
        }
        return { ms: performance.now() - t, n, text };
      };
      globalThis.__html = async (batch) => {
        const t = performance.now();
        let n = 0, html = 0;
        const last = await db.contents.orderBy(':id').lastKey();
        for (let lo = 0; lo <= last; lo += batch) {
          const rows = await db.contents.where(':id').between(lo, lo + batch, true, false).toArray();
          for (const r of rows) html += r.html.length;
          n += rows.length;
        }
        return { ms: performance.now() - t, n, html };
      };
      globalThis.__build = async () => {
        const t = performance.now();
        const sync = new IndexSync(store);
        await sync.sync();
        return { ms: performance.now() - t, size: sync.index.size };
      };`);

/**
 * CPU seconds used so far by this script's child processes (the browser: its page, and the storage
 * service that runs IndexedDB): on a shared machine wall time stretches with the others' load, CPU
 * time much less.
 */
function browserCpu(): number {
  const stat = new Map<number, { ppid: number; ticks: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      stat.set(Number(d), { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      /* gone meanwhile */
    }
  }
  const mine = (pid: number): boolean => pid === process.pid || (pid > 1 && stat.has(pid) && mine(stat.get(pid)!.ppid));
  let ticks = 0;
  for (const [pid, x] of stat) if (pid !== process.pid && mine(pid)) ticks += x.ticks;
  return ticks / 100;
}

const lib = generateLibrary(loadBenchSources(), { n: N, poolSize: 96 }).map((a) => ({ ...a, images: [] }));
const s = await launchWithExtension();
try {
  const page = await s.context.newPage();
  await page.goto(s.extUrl('NOTICES.txt'));
  const t0 = Date.now();
  await seedArticles(page, lib);
  console.log(`seeded ${N} articles in ${Date.now() - t0} ms (load ${loadavg()[0].toFixed(1)})`);
  await page.evaluate(bundle);
  for (const what of arg('steps', 'floor,meta,bodies,build').split(',')) {
    const cpu = browserCpu();
    const r = await page.evaluate(([w, b]) => (globalThis as unknown as Record<string, (b: number) => Promise<unknown>>)[`__${w}`](b), [
      what,
      BATCH,
    ] as const);
    const used = browserCpu() - cpu;
    console.log(
      `${what.padEnd(5)} ${JSON.stringify(r)} browser CPU ${used.toFixed(1)} s (batch ${BATCH}, load ${loadavg()[0].toFixed(1)})`,
    );
  }
} finally {
  await s.close();
}
