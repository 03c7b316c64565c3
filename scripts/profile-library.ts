// Where a keystroke's time goes on the real library page: types the library benchmark's queries key by
// key (as scripts/bench-library.ts does) under the V8 sampling profiler and prints the self time per
// function, mapped to the sources when the build has source maps (GIST_SOURCEMAPS=hidden npx wxt build --mode e2e).
//   npx tsx scripts/profile-library.ts --articles 20000 [--dir /tmp/gist-profile-20k] [--out typing.cpuprofile]
// --dir keeps the seeded browser profile, so the next run (after a rebuild) skips the seeding;
// --report F prints a saved profile's report again (e.g. against a rebuild of the same code with maps).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { CHROMIUM_FLAGS, extensionDir, findChromium, seedArticles } from '../tests/e2e/harness';
import { generateLibrary } from './lib/library-generator';
import { imagePool } from './lib/image-pool';
import { loadBenchSources } from './lib/bench-corpus';
import { QUERIES } from './lib/bench-queries';
import type { Profile } from './lib/cpu-profile';
import { KEYSTROKE_PROBE, typeQuery } from './lib/keystroke-probe';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(arg('articles') ?? 20000);
const DIR = arg('dir') ?? `/tmp/gist-profile-${N}`;
const OUT = arg('out');
const TOP = Number(arg('top') ?? 45);
const TRACE = args.includes('--trace');

const quantile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function main() {
  const extDir = extensionDir();
  const saved = arg('report');
  if (saved) return report(JSON.parse(readFileSync(saved, 'utf8')) as Profile, extDir);
  const seeded = existsSync(join(DIR, 'gist-seeded'));
  mkdirSync(DIR, { recursive: true });
  const context = await chromium.launchPersistentContext(DIR, {
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    const extUrl = (p: string) => `chrome-extension://${new URL(worker.url()).host}/${p}`;
    await new Promise((r) => setTimeout(r, 1000));
    for (const p of context.pages()) if (p.url().includes('library.html')) await p.close();
    if (!seeded) {
      const sources = loadBenchSources();
      const library = generateLibrary(sources, { n: N, poolSize: 96 });
      const seeder = await context.newPage();
      await seeder.goto(extUrl('NOTICES.txt'));
      const t = Date.now();
      await seedArticles(
        seeder,
        library,
        imagePool(96).map((p) => p.bytes),
      );
      console.log(`seeded ${N} in ${Date.now() - t} ms`);
      await seeder.close();
    }
    const open = async (): Promise<Page> => {
      const page = await context.newPage();
      await page.goto(extUrl('library.html'));
      await page.waitForSelector('[data-testid=list-area][data-index=ready]', { timeout: 900_000 });
      await page.waitForFunction(() => ['gist:list', 'gist:postings-decoded'].every((m) => performance.getEntriesByName(m).length), null, {
        timeout: 120_000,
      });
      return page;
    };
    let page = await open();
    if (!seeded) {
      // Let the built index be saved (a few seconds after the build), then come back as a user would.
      await page.waitForTimeout(20_000);
      await page.close();
      writeFileSync(join(DIR, 'gist-seeded'), String(N));
      page = await open();
    }
    await page.waitForTimeout(2000);
    await page.evaluate(KEYSTROKE_PROBE);
    const cdp = await context.newCDPSession(page);
    // --trace: the renderer's own work (style, layout, paint) too, as trace events summed by name.
    const events: { name: string; ph: string; dur?: number; tid: number; pid: number }[] = [];
    if (TRACE) {
      cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as typeof events)));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,blink', transferMode: 'ReportEvents' });
    }
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const lat: number[] = [];
    for (const q of QUERIES) {
      const times = await typeQuery(page, q);
      console.log(`  ${JSON.stringify(q).padEnd(24)} ${times.map((t) => t.toFixed(0)).join(' ')}`);
      lat.push(...times);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    if (TRACE) {
      const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.end');
      await done;
      // The page's main thread: the one running the most FunctionCall time.
      const byThread = new Map<string, number>();
      for (const e of events)
        if (e.name === 'FunctionCall' && e.dur) byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
      const main = [...byThread].sort((a, b) => b[1] - a[1])[0]?.[0];
      const byName = new Map<string, number>();
      for (const e of events)
        if (e.ph === 'X' && e.dur && `${e.pid}:${e.tid}` === main) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
      console.log('trace, page main thread, total per event name (nested events counted in each):');
      for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 30))
        console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
    }
    if (OUT) writeFileSync(OUT, JSON.stringify(profile));
    console.log(
      `${lat.length} keystrokes: p50 ${quantile(lat, 0.5).toFixed(1)} p95 ${quantile(lat, 0.95).toFixed(1)} max ${Math.max(...lat).toFixed(1)} ms`,
    );
    report(profile, extDir);
  } finally {
    await context.close();
  }
}

/** Self time per function (source position when a map is there), most first. */
function report(profile: Profile, extDir: string) {
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++)
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + profile.timeDeltas[i] / 1000);
  const maps = new Map<string, TraceMap | null>();
  const mapFor = (url: string) => {
    if (!maps.has(url)) {
      const file = join(extDir, new URL(url).pathname + '.map');
      maps.set(url, existsSync(file) ? new TraceMap(readFileSync(file, 'utf8')) : null);
    }
    return maps.get(url)!;
  };
  const byName = new Map<string, number>();
  const names = new Map<number, string>();
  let total = 0;
  for (const n of profile.nodes) {
    const ms = self.get(n.id) ?? 0;
    total += ms;
    const f = n.callFrame;
    let name = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    if (f.url.startsWith('chrome-extension:')) {
      const m = mapFor(f.url);
      const o = m && originalPositionFor(m, { line: f.lineNumber + 1, column: f.columnNumber });
      if (o?.source)
        name = `${o.name ?? f.functionName ?? '(anon)'} ${o.source.replace(/^.*?(components|lib|entrypoints|node_modules)\//, '$1/')}:${o.line}`;
    } else if (!f.url) name = f.functionName;
    names.set(n.id, name);
    byName.set(name, (byName.get(name) ?? 0) + ms);
  }
  console.log(`profile: ${total.toFixed(0)} ms sampled; self time:`);
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
  // Inclusive: each function once per sampled stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) seen.add(names.get(id)!);
    for (const s of seen) incl.set(s, (incl.get(s) ?? 0) + profile.timeDeltas[i] / 1000);
  }
  console.log('inclusive time:');
  for (const [name, ms] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
