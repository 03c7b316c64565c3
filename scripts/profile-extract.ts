// CPU profile of our extraction in headless Chromium, cold (first call in a fresh isolated world, as the
// extraction script runs), on every other Zyte page: self time per function (unminified bundle), and the
// hottest lines of one function.
// usage: npm run profile:extract [-- FUNCTION_NAME]   (default: postprocess)
import { bundle, GIST_ENTRY, inBrowser } from './lib/browser-bench';
import { haveZyte, zytePages } from './lib/corpora';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; lineNumber: number }; positionTicks?: { line: number; ticks: number }[] }[];
  samples: number[];
  timeDeltas: number[];
}

const FOCUS = process.argv[2] ?? 'postprocess';
if (!haveZyte()) {
  console.error('profile:extract needs ../shared/corpora/zyte-article-extraction (not found)');
  process.exit(1);
}
const pages = zytePages()
  .filter((_, i) => i % 2 === 0)
  .map((p) => ({ id: p.id, file: p.file }));
const code = (await bundle(GIST_ENTRY, false)).code;
const expr = `__gist.extractArticle(document, { url: location.href, window, sanitize: false }) ? 1 : 0`;
const self = new Map<string, number>();
const lines = new Map<number, number>();
await inBrowser(pages, [], async (_p, _run, newWorld, cdp) => {
  const run = await newWorld(code);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await run(expr);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  const dt = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++)
    dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + profile.timeDeltas[i] / 1000);
  for (const n of profile.nodes) {
    const t = dt.get(n.id) ?? 0;
    const key = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber + 1}`;
    if (t) self.set(key, (self.get(key) ?? 0) + t);
    if (n.callFrame.functionName === FOCUS)
      for (const pt of n.positionTicks ?? []) lines.set(pt.line, (lines.get(pt.line) ?? 0) + pt.ticks);
  }
});
const src = code.split('\n');
console.log(`hottest lines of ${FOCUS} (profiler ticks, bundle line, source):`);
for (const [l, t] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 14))
  console.log(String(t).padStart(6), l, src[l - 1]?.trim().slice(0, 140));
console.log('self time per function (ms, sampled):');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(1).padStart(8), k);
