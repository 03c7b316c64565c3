// Where the fixed cost of injecting the extraction script goes (#15: on a short article its cold time is
// mostly this). On a near-empty article, each load a fresh renderer and isolated world, the bundle is
// evaluated and called once as bench-extract's cold probe does (ours: lib/extract/core; bare Readability
// beside it), and measured four ways:
//  1. split: wall ms of parsing alone (the source wrapped in a function never called), of the evaluation
//     (parse + module top level) and of the call; the renderer main thread's CPU ms;
//  2. V8's compile trace events on the probe's thread, self ms per load (Chromium's release builds have no
//     runtime call stats: "RCS was disabled at compile-time");
//  3. a CPU profile (50 µs samples): inclusive and self ms per function of the unminified bundle
//     (a lazy compile is charged to the caller's line, see --focus);
//  4. coverage: how many characters of each bundle ran, i.e. were compiled on first call after the
//     whole script was pre-parsed at load — a count that the machine's load does not move.
// usage: npx tsx scripts/profile-injection.ts [--loads N] [--minified] [--focus FUNCTION] [--split-only]
import type { CDPSession } from 'playwright-core';
import { BARE_ENTRY, bundle, coldRuns, EXTRACT_ENTRY, inBrowser, injectedProbe, type ColdProbe } from './lib/browser-bench';
import { nearEmptyPage } from './lib/extract-browser-bench';
import { median } from './lib/corpora';
import { compiledChars, exclusiveMs, TRACE_CATEGORIES, type CpuProfile, type ScriptCoverage, type TraceEvent } from './lib/v8-costs';

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const loads = Number(opt('--loads') ?? 8);
const minified = args.includes('--minified');
const focus = opt('--focus');
const code = (await bundle(EXTRACT_ENTRY, minified)).code;
const bare = (await bundle(BARE_ENTRY, minified)).code;
const gistCall = `extra = 0; __gistx.extractUnsanitized(document, { url: location.href })`;
const bareCall = `extra = 0; new __bare.Readability(document.cloneNode(true)).parse()`;
const probe = injectedProbe('gist', code, gistCall);
const pages = Array.from({ length: loads }, (_, i) => ({ id: `near-empty-${i}`, file: nearEmptyPage() }));

// 1. Split.
{
  const parseOnly = (name: string, src: string) => injectedProbe(name, `(function () {${src}\n})`, 'extra = 0');
  const probes: ColdProbe[] = [probe, parseOnly('gist-parse', code), injectedProbe('bare', bare, bareCall), parseOnly('bare-parse', bare)];
  const cpu: Record<string, number[]> = {};
  const main: Record<string, number[]> = {};
  const got = (await coldRuns(pages, probes, cpu, main)) as Record<string, number[][]>;
  const col = (name: string, f: (r: number[]) => number) => median(got[name].map(f)).toFixed(2).padStart(7);
  console.log(`1. split, ${got.gist.length} loads each, medians (ms): parse | parse + top level | call | all | main-thread CPU`);
  for (const name of ['gist', 'bare'])
    console.log(
      `  ${name.padEnd(5)} ${col(`${name}-parse`, (r) => r[0])} ${col(name, (r) => r[0] - r[1])} ${col(name, (r) => r[1])} ${col(name, (r) => r[0])} ` +
        (main[name] ? median(main[name]).toFixed(2).padStart(7) : '-'),
    );
}
if (args.includes('--split-only')) process.exit(0);

// 2-4: tracing on even loads, the profiler (with coverage on the first) on odd ones.
const trace = new Map<string, number>();
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const focusLines = new Map<number, number>();
const coverage: Record<string, ScriptCoverage[]> = {};
let traced = 0;
let profiled = 0;

async function traceProbe(world: (e: string) => Promise<unknown>, b: CDPSession): Promise<void> {
  const events: TraceEvent[] = [];
  b.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  const done = new Promise((r) => b.once('Tracing.tracingComplete', r));
  await b.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES }, transferMode: 'ReportEvents' });
  await world(probe.expr);
  await b.send('Tracing.end');
  await done;
  await b.detach();
  for (const [k, ms] of exclusiveMs(events)) trace.set(k, (trace.get(k) ?? 0) + ms);
  traced++;
}

function addProfile(profile: CpuProfile): void {
  const dt = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++)
    dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + profile.timeDeltas[i] / 1000);
  const key = (n: CpuProfile['nodes'][number]) => `${n.callFrame.functionName || '(anonymous)'}:${n.callFrame.lineNumber + 1}`;
  for (const n of profile.nodes) {
    const t = dt.get(n.id) ?? 0;
    if (t) self.set(key(n), (self.get(key(n)) ?? 0) + t);
    if (n.callFrame.functionName === focus)
      for (const pt of n.positionTicks ?? []) focusLines.set(pt.line, (focusLines.get(pt.line) ?? 0) + pt.ticks);
  }
  // Inclusive: a node's time and its descendants', a function counted once per path (recursion).
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const walk = (id: number, onPath: Set<string>): number => {
    const n = byId.get(id)!;
    let t = dt.get(id) ?? 0;
    const k = key(n);
    const fresh = !onPath.has(k);
    if (fresh) onPath.add(k);
    for (const c of n.children ?? []) t += walk(c, onPath);
    if (fresh) {
      onPath.delete(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + t);
    }
    return t;
  };
  walk(profile.nodes[0].id, new Set());
  profiled++;
}

await inBrowser(pages, [], async (p, _run, newWorld, cdp, browserCdp) => {
  const n = Number(p.id.split('-').pop());
  if (n % 2 === 0) return traceProbe(await newWorld(probe.code), await browserCdp());
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  if (n === 1)
    for (const [name, src, call] of [
      ['bare', bare, bareCall],
      ['gist', code, gistCall],
    ]) {
      // Coverage in a world of its own per bundle, before the profiled run (which then runs in a fresh one).
      const world = await newWorld(injectedProbe(name, src, call).code);
      await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
      await world(injectedProbe(name, src, call).expr);
      coverage[name] = ((await cdp.send('Profiler.takePreciseCoverage')) as unknown as { result: ScriptCoverage[] }).result;
      await cdp.send('Profiler.stopPreciseCoverage');
    }
  const world = await newWorld(probe.code);
  await cdp.send('Profiler.start');
  await world(probe.expr);
  addProfile(((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile);
});

const src = code.split('\n');
const fmt = (m: Map<string, number>, n: number, per: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([k, v]) =>
        `${(v / per).toFixed(2).padStart(8)}  ${k.padEnd(36)} ${minified ? '' : (src[Number(k.split(':').pop()) - 1]?.trim().slice(0, 80) ?? '')}`,
    );
console.log(`2. compile trace events on the probe's thread (${traced} loads), self ms per load:`);
for (const [k, ms] of [...trace].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`${(ms / traced).toFixed(2).padStart(8)}  ${k}`);
console.log(
  `3. CPU profile (${profiled} loads), inclusive ms per load, top 30 (bundle line):`,
  '\n' + fmt(inclusive, 30, profiled).join('\n'),
);
console.log(`   self ms per load, top 25:`, '\n' + fmt(self, 25, profiled).join('\n'));
if (focus) {
  console.log(`   hottest lines of ${focus} (profiler ticks, bundle line, source):`);
  for (const [l, t] of [...focusLines].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(String(t).padStart(6), l, src[l - 1]?.trim().slice(0, 100));
}
console.log(`4. coverage of one load: characters compiled (functions that ran, each less the functions inside it)`);
for (const [name, s] of [
  ['gist', code],
  ['bare', bare],
] as const) {
  const c = compiledChars(coverage[name] ?? [], s);
  console.log(
    `  ${name}: ${s.length} chars, ${c.functions} functions, ${c.ran} ran: ${c.compiled} chars compiled, ${c.topLevel} of them top-level code`,
  );
  for (const f of c.largest.slice(0, name === 'gist' ? 12 : 0)) console.log(`    ${String(f.own).padStart(6)}  ${f.name} @${f.start}`);
}
