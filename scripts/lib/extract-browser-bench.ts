// Extraction timing in Chromium: ours vs bare Readability, cold and warm, on the pages bench-extract
// picks; apart from browser-bench, which only knows how to load pages and run probes in them.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BARE_ENTRY,
  bundle,
  coldRuns,
  EXTRACT_ENTRY,
  GIST_ENTRY,
  inBrowser,
  injectedProbe,
  machineLoad,
  pairedRatio,
  type BrowserPage,
} from './browser-bench';
import { median, quantile } from './corpora';

const HERE = dirname(fileURLToPath(import.meta.url));

/** A short article page (a headline and five paragraphs) written once to the temp folder. */
let nearEmpty: string | null = null;
export function nearEmptyPage(): string {
  if (nearEmpty) return nearEmpty;
  const para = (i: number) =>
    `<p>Paragraph ${i} of a short report on the river: the water rose again overnight, and the town's volunteers filled sandbags along the bank until the morning.</p>`;
  nearEmpty = join(tmpdir(), 'gist-bench-near-empty.html');
  writeFileSync(
    nearEmpty,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>River rises again</title></head><body><article><h1>River rises again</h1>${[1, 2, 3, 4, 5].map(para).join('')}</article></body></html>`,
  );
  return nearEmpty;
}

export const fmtMs = (xs: number[]) => `median ${median(xs).toFixed(2)} p95 ${quantile(xs, 0.95).toFixed(2)}`;

/**
 * Extraction timing in Chromium, ours (as the extraction script runs it) vs bare Readability per page.
 * Cold: each on its own fresh page load, the first call in a fresh isolated world, as a script
 * injected into a page runs (see coldRuns). Warm: both bundles in one world on another fresh load,
 * each called once untimed, then once timed (order alternating): the work itself, without first-run
 * costs (lazy compilation, first use of V8 and DOM machinery).
 */
export async function benchExtractBrowser(pages: BrowserPage[]): Promise<void> {
  const loadAtStart = machineLoad();
  // GIST_BENCH_BASE=DIR (another tree, e.g. `git archive` of an older commit): its extraction script is
  // timed cold in the same run, page by page, so a change is compared at the same load.
  const baseDir = process.env.GIST_BENCH_BASE;
  const [gist, bare, extract, base] = await Promise.all([
    bundle(GIST_ENTRY),
    bundle(BARE_ENTRY),
    bundle(EXTRACT_ENTRY),
    baseDir ? bundle(join(baseDir, 'scripts/lib/browser-entry-extract.ts'), true, [join(HERE, '../../node_modules')]) : null,
  ]);
  const tOurs: number[] = [],
    tBare: number[] = [],
    tSan: number[] = [],
    cOurs: number[] = [],
    cBare: number[] = [],
    iOurs: number[] = [],
    iBare: number[] = [];
  const phases: Record<string, number> = {},
    coldPhases: Record<string, number> = {};
  let i = 0;
  // The tab's extraction script passes sanitize: false (the extension sanitizes before storing);
  // the sanitizer is timed on its own right after, on the same output.
  const ours =
    `(() => { const timings = {}; const t = performance.now(); const a = __gist.extractArticle(document, { url: location.href, window, sanitize: false, timings }); const dt = performance.now() - t; ` +
    `const t2 = performance.now(); if (a) __gist.sanitizeArticleHtml(a.content, window); return [dt, performance.now() - t2, timings]; })()`;
  const bareX = `(() => { const t = performance.now(); const a = new __bare.Readability(document.cloneNode(true)).parse(); return [performance.now() - t, a ? a.textContent.length : 0]; })()`;
  // Cold: the timing starts before the bundle is compiled, for both (a content script's injection is
  // part of what the user waits for, and a bigger bundle costs more to compile).
  const gistCall = `extra = {}; __gistx.extractUnsanitized(document, { url: location.href, timings: extra })`;
  // The file the extension injects, when built (`wxt build --mode e2e`): it extracts as its top level runs,
  // with what the probe above leaves out (the script wrapper, the detection verdict, the preview fields).
  const shippedPath = process.env.GIST_BENCH_SHIPPED ?? join(HERE, '../../.output/chrome-mv3-e2e/extract.js');
  const shipped = existsSync(shippedPath) ? readFileSync(shippedPath, 'utf8') : null;
  const probes = [
    injectedProbe('gist', extract.code, gistCall),
    injectedProbe('bare', bare.code, `extra = new __bare.Readability(document.cloneNode(true)).parse()?.textContent.length ?? 0`),
    ...(base ? [injectedProbe('base', base.code, gistCall)] : []),
    ...(shipped ? [injectedProbe('shipped', shipped, 'extra = 0')] : []),
  ];
  const cpu: Record<string, number[]> = {};
  const mainCpu: Record<string, number[]> = {};
  const cold = await coldRuns(pages, probes, cpu, mainCpu);
  // The same probes on a near-empty article: what each pays per injection whatever the page (compiling
  // the bundle and the code it runs, first use of V8 and DOM machinery). Those fixed costs are why the
  // ratio moves with the machine's load and the pages: they weigh more when the page work is quick.
  const fixed = await coldRuns(
    Array.from({ length: 6 }, (_, i) => ({ id: `near-empty-${i}`, file: nearEmptyPage() })),
    probes,
  );
  for (const r of cold.gist as [number, number, Record<string, number>][]) {
    iOurs.push(r[0]);
    cOurs.push(r[1]);
    for (const [k, v] of Object.entries(r[2])) coldPhases[k] = (coldPhases[k] ?? 0) + v;
  }
  for (const r of cold.bare as [number, number][]) {
    iBare.push(r[0]);
    cBare.push(r[1]);
  }
  await inBrowser(pages, [gist.code, bare.code], async (_p, run) => {
    const order = i++ % 2 === 1 ? [ours, bareX] : [bareX, ours];
    for (const expr of order) await run(expr);
    const r1 = (await run(order[0])) as [number, number, Record<string, number>?];
    const r2 = (await run(order[1])) as [number, number, Record<string, number>?];
    const [o, b] = order[0] === ours ? [r1, r2] : [r2, r1];
    tOurs.push(o[0]);
    tBare.push(b[0]);
    tSan.push(o[1]);
    for (const [k, v] of Object.entries(o[2] ?? {})) phases[k] = (phases[k] ?? 0) + v;
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const ratio = (a: number[], b: number[]) => `total ${(sum(a) / sum(b)).toFixed(2)} median ${(median(a) / median(b)).toFixed(2)}`;
  console.log(`== extraction time in Chromium (isolated world, page JS off; gist as the extraction script runs: no sanitizer) ==`);
  console.log(
    `-- cold (${cOurs.length} pages): each on its own fresh page load, injection (compile + top-level run) then first call in a fresh isolated world`,
  );
  console.log(
    `readability ms: ${fmtMs(iBare)} total ${sum(iBare).toFixed(0)}; the call alone ${fmtMs(cBare)} total ${sum(cBare).toFixed(0)}`,
  );
  console.log(
    `gist ms:        ${fmtMs(iOurs)} total ${sum(iOurs).toFixed(0)}; the call alone ${fmtMs(cOurs)} total ${sum(cOurs).toFixed(0)}`,
  );
  console.log(
    `gist phases ms total: ${Object.entries(coldPhases)
      .filter(([k]) => k !== 'sanitize')
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}`,
  );
  console.log(`ratio gist/readability cold: ${ratio(iOurs, iBare)}; the call alone ${ratio(cOurs, cBare)}  [${machineLoad()}]`);
  console.log(`  per-page ratio (same page, each side on its own load of it): ${pairedRatio(iOurs, iBare)}  [at start: ${loadAtStart}]`);
  if (cpu.gist?.length) {
    console.log(
      `renderer CPU ms, cold (injection + call; moves far less with the load than the wall times above): readability ${fmtMs(cpu.bare)} total ${sum(cpu.bare).toFixed(0)}; ` +
        `gist ${fmtMs(cpu.gist)} total ${sum(cpu.gist).toFixed(0)}; ratio gist/readability ${ratio(cpu.gist, cpu.bare)}` +
        (cpu.base ? `; this tree / GIST_BENCH_BASE ${ratio(cpu.gist, cpu.base)}, base/readability ${ratio(cpu.base, cpu.bare)}` : ''),
    );
    console.log(
      `renderer main-thread CPU ms, cold (the same, the extraction's thread alone; moves least with the load): readability ${fmtMs(mainCpu.bare)} total ${sum(mainCpu.bare).toFixed(0)}; ` +
        `gist ${fmtMs(mainCpu.gist)} total ${sum(mainCpu.gist).toFixed(0)}; ratio gist/readability ${ratio(mainCpu.gist, mainCpu.bare)}` +
        (mainCpu.base
          ? `; this tree / GIST_BENCH_BASE ${ratio(mainCpu.gist, mainCpu.base)}, base/readability ${ratio(mainCpu.base, mainCpu.bare)}`
          : ''),
    );
  }
  const fx = (name: string) => median((fixed[name] as [number][]).map((r) => r[0]));
  const [fOurs, fBare] = [fx('gist'), fx('bare')];
  console.log(
    `fixed cost per injection (cold, near-empty article, ${fixed.gist.length} loads, medians): gist ${fOurs.toFixed(2)} ms, readability ${fBare.toFixed(2)} ms; ` +
      `ratio with them taken out: total ${((sum(iOurs) - fOurs * iOurs.length) / (sum(iBare) - fBare * iBare.length)).toFixed(2)} median ${((median(iOurs) - fOurs) / (median(iBare) - fBare)).toFixed(2)}`,
  );
  if (base) {
    const iBase = (cold.base as [number][]).map((r) => r[0]);
    console.log(
      `same run, this tree / GIST_BENCH_BASE (${baseDir}, ${(base.bytes / 1024).toFixed(0)} kB): cold ${ratio(iOurs, iBase)}, per page ${pairedRatio(iOurs, iBase)}; ` +
        `base/readability ${ratio(iBase, iBare)}; fixed cost base ${fx('base').toFixed(2)} ms`,
    );
  }
  if (shipped) {
    const iShip = (cold.shipped as [number][]).map((r) => r[0]);
    console.log(
      `shipped ${relative(process.cwd(), shippedPath)} (${(shipped.length / 1024).toFixed(0)} kB, built ${statSync(shippedPath).mtime.toISOString().slice(0, 16)}; ` +
        `injection + extraction as the extension runs it): cold ratio to readability ${ratio(iShip, iBare)}` +
        (mainCpu.shipped ? `, main-thread CPU ${ratio(mainCpu.shipped, mainCpu.bare)}` : '') +
        `; fixed cost ${fx('shipped').toFixed(2)} ms`,
    );
  }
  console.log(
    `first-run cost per page (cold call - warm call, medians): readability ${(median(cBare) - median(tBare)).toFixed(2)} ms, gist ${(median(cOurs) - median(tOurs)).toFixed(2)} ms; injection median readability ${median(iBare.map((x, j) => x - cBare[j])).toFixed(2)} ms (${(bare.bytes / 1024).toFixed(0)} kB), gist ${median(iOurs.map((x, j) => x - cOurs[j])).toFixed(2)} ms (${(extract.bytes / 1024).toFixed(0)} kB)`,
  );
  console.log(`-- warm (${tOurs.length} pages): both bundles in one world, the second call of each`);
  console.log(`readability ms: ${fmtMs(tBare)} total ${sum(tBare).toFixed(0)}`);
  console.log(`gist ms:        ${fmtMs(tOurs)} total ${sum(tOurs).toFixed(0)}`);
  console.log(
    `gist phases ms total: ${Object.entries(phases)
      .filter(([k]) => k !== 'sanitize')
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}`,
  );
  console.log(
    `sanitizer on the output (done by the extension at save) ms: ${fmtMs(tSan)} total ${sum(tSan).toFixed(0)}; gist + sanitizer ratio to readability total ${((sum(tOurs) + sum(tSan)) / sum(tBare)).toFixed(2)}`,
  );
  console.log(
    `ratio gist/readability warm: ${ratio(tOurs, tBare)}  [${machineLoad()}]  (bundle gist ${(gist.gzipBytes / 1024).toFixed(1)} KB gz, readability ${(bare.gzipBytes / 1024).toFixed(1)} KB gz)`,
  );
}
