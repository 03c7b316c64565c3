// Where detection's cold decide slice spends its time, in headless Chromium, on the pages bench:detect
// times (every N-th detection and Zyte page), each the first call in a fresh isolated world on a fresh
// page load. Default: a V8 CPU profile, samples per function (unminified bundle) and the hottest lines
// of one function (--focus); on a loaded machine the sampler is irregular, so read it as shares, not ms.
// --bare profiles isProbablyReaderable instead. --steps: what each kind of DOM read costs alone, cold,
// against isProbablyReaderable and the decide slice (BENCH_PRECISE_TIMER=1 for a 5 µs timer).
// usage: npm run profile:detect [-- --every=8] [-- --focus=textBlocks] [-- --bare] [-- --steps]
import { build } from 'esbuild';
import { BARE_ENTRY, bundle, inBrowser } from './lib/browser-bench';
import { detectPages, haveDetect, haveZyte, zytePages } from './lib/corpora';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; lineNumber: number }; positionTicks?: { line: number; ticks: number }[] }[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const every = Number(opt('every', '8'));
const focus = opt('focus', 'textBlocks');
const bare = args.includes('--bare');
if (!haveDetect()) {
  console.error('profile:detect needs ../shared/corpora/article-detection (not found)');
  process.exit(1);
}
const pages = [...detectPages(), ...(haveZyte() ? zytePages() : [])]
  .filter((_, k) => k % every === 0)
  .map((p) => ({ id: p.id, file: p.file }));
if (args.includes('--steps')) {
  await steps();
  process.exit(0);
}
/** decideArticle alone, as the global `__decide` (unminified for the profile, to read its function names). */
async function detectorBundle(minify: boolean): Promise<string> {
  const out = await build({
    stdin: {
      contents: "import { decideArticle } from './lib/detect/index'; globalThis.__decide = decideArticle;",
      resolveDir: new URL('..', import.meta.url).pathname,
      loader: 'ts',
    },
    bundle: true,
    minify,
    format: 'iife',
    write: false,
  });
  return out.outputFiles[0].text;
}
const code = bare ? (await bundle(BARE_ENTRY, false)).code : await detectorBundle(false);
const expr = bare ? '__bare.isProbablyReaderable(document) ? 1 : 0' : '__decide(document).isArticle ? 1 : 0';
const INTERVAL_US = 25;
const self = new Map<string, number>();
const lines = new Map<number, number>();
let total = 0;
await inBrowser(pages, [], async (_p, _run, newWorld, cdp) => {
  const run = await newWorld(code);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
  await cdp.send('Profiler.start');
  await run(expr);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  const dt = new Map<number, number>();
  // Samples counted at the nominal interval: on a loaded machine a sample's time delta holds whatever
  // the OS took the thread away for, attributed to a function that happened to be running.
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + INTERVAL_US / 1000);
  for (const n of profile.nodes) {
    const t = dt.get(n.id) ?? 0;
    const name = n.callFrame.functionName || '(anon)';
    if (name === '(idle)' || name === '(program)' || name === '(root)') continue;
    const key = `${name}:${n.callFrame.lineNumber + 1}`;
    total += t;
    if (t) self.set(key, (self.get(key) ?? 0) + t);
    if (name === focus) for (const pt of n.positionTicks ?? []) lines.set(pt.line, (lines.get(pt.line) ?? 0) + pt.ticks);
  }
});
const src = code.split('\n');
console.log(`${pages.length} pages, ${bare ? 'isProbablyReaderable' : 'decideArticle'}; sampled JS-side total ${total.toFixed(1)} ms`);
if (!bare) {
  console.log(`hottest lines of ${focus} (profiler ticks, bundle line, source):`);
  for (const [l, t] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 16))
    console.log(String(t).padStart(6), l, src[l - 1]?.trim().slice(0, 140));
}
console.log('self time per function (ms: samples x interval, all pages):');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(1).padStart(8), k);

/**
 * --steps: what each kind of DOM read costs cold, each probe alone on its own fresh page load (coldRuns),
 * against isProbablyReaderable and the decide slice on the same pages: medians and totals (ms).
 */
async function steps(): Promise<void> {
  const { coldRuns } = await import('./lib/browser-bench');
  const { median, quantile } = await import('./lib/corpora');
  const bareCode = (await bundle(BARE_ENTRY)).code;
  const det = await detectorBundle(true);
  const timed = (call: string) => `(() => { const t = performance.now(); ${call}; return [performance.now() - t]; })()`;
  const probes = [
    { name: 'isProbablyReaderable', code: bareCode, expr: timed('__bare.isProbablyReaderable(document)') },
    { name: 'decide', code: det, expr: timed('__decide(document)') },
    { name: 'touch body', code: '', expr: timed('document.body') },
    { name: 'qSA p,pre,article length', code: '', expr: timed("document.querySelectorAll('p, pre, article').length") },
    { name: 'qSA div>br length', code: '', expr: timed("document.querySelectorAll('div > br').length") },
    {
      name: 'gEBTN p,pre,article,a lengths',
      code: '',
      expr: timed("for (const t of ['p','pre','article','a']) document.getElementsByTagName(t).length"),
    },
    { name: 'qSA p a length', code: '', expr: timed("document.querySelectorAll('p a').length") },
    {
      name: 'p wrappers',
      code: '',
      expr: timed("const ps = document.getElementsByTagName('p'); let n = 0; for (let i = 0; i < ps.length; i++) n += ps[i] ? 1 : 0"),
    },
    {
      name: 'p wrappers + parentNode',
      code: '',
      expr: timed(
        "const ps = document.getElementsByTagName('p'); let n = 0; for (let i = 0; i < ps.length; i++) n += ps[i].parentNode ? 1 : 0",
      ),
    },
    {
      name: 'p textContent',
      code: '',
      expr: timed(
        "const ps = document.getElementsByTagName('p'); let n = 0; for (let i = 0; i < ps.length; i++) n += ps[i].textContent.length",
      ),
    },
    {
      name: 'walker over elements',
      code: '',
      expr: timed('const w = document.createTreeWalker(document.body ?? document, 1); let n = 0; while (w.nextNode()) n++'),
    },
  ];
  const got = await coldRuns(pages, probes);
  const base = (got['isProbablyReaderable'] as number[][]).map((v) => v[0]);
  for (const p of probes) {
    const xs = (got[p.name] as number[][]).map((v) => v[0]);
    const sum = xs.reduce((a, b) => a + b, 0);
    console.log(
      `${p.name.padEnd(32)} median ${median(xs).toFixed(3)} p95 ${quantile(xs, 0.95).toFixed(3)} total ${sum.toFixed(0)}  (x iPR: median ${(median(xs) / median(base)).toFixed(2)})`,
    );
  }
}
