// In-browser timing: serves saved pages on 127.0.0.1 only, opens them in headless Chromium with page
// JavaScript disabled, and runs esbuild IIFE bundles (ours, bare Readability) in an isolated world
// through CDP, as a content script would run.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { findChromium } from '../../tests/e2e/harness';
import { median, quantile } from './corpora';
import { readPageFile } from './load-page';
import { busiestDelta, rendererCpuMs, type RendererCpu } from './renderer-cpu';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Diagnostics only, e.g. BENCH_JS_FLAGS=--no-lazy (compile every function at load) or
  // --regexp-interpret-all (never compile a regex to machine code) to see what first-run costs are.
  ...(process.env.BENCH_JS_FLAGS ? [`--js-flags=${process.env.BENCH_JS_FLAGS}`] : []),
];

export interface Bundle {
  code: string;
  bytes: number;
  gzipBytes: number;
}

/** `nodePaths`: where else to look for packages (an old tree checked out without node_modules). */
export async function bundle(entry: string, minify = true, nodePaths: string[] = []): Promise<Bundle> {
  const out = await build({
    entryPoints: [entry],
    nodePaths,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify,
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  const { gzipSync } = await import('node:zlib');
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code).length };
}

export const GIST_ENTRY = join(HERE, 'browser-entry.ts');
export const BARE_ENTRY = join(HERE, 'browser-entry-bare.ts');
export const EXTRACT_ENTRY = join(HERE, 'browser-entry-extract.ts');

/**
 * A cold probe whose timing includes the injection: the bundle's source is put in the world untimed,
 * then `(0, eval)(source)` (compile and top-level run, what injecting the script costs) and `call` are
 * timed together. Returns [injection + call ms, call ms, extra] where `call` sets `extra`.
 */
export function injectedProbe(name: string, code: string, call: string): ColdProbe {
  return {
    name,
    code: `globalThis.__benchSource = ${JSON.stringify(code)}`,
    expr:
      `(() => { let extra = null; const t0 = performance.now(); (0, eval)(globalThis.__benchSource); const t1 = performance.now(); ` +
      `${call}; const t2 = performance.now(); return [t2 - t0, t2 - t1, extra]; })()`,
  };
}

export interface BrowserPage {
  id: string;
  file: string;
}

export type Evaluate = (expression: string) => Promise<unknown>;

/**
 * Opens each page in Chromium and calls `probe(evaluate, newWorld)` where `evaluate(expr)` runs an
 * expression in the page's isolated world (bundles already loaded) and returns its JSON value (a
 * promise's once settled), and
 * `newWorld(code)` makes another isolated world with only `code` loaded: a content script's first run
 * there pays what a real one pays (lazy compilation, a JS wrapper for every node it touches). `cdp` is
 * the page's DevTools session (for the profiler).
 */
export async function inBrowser<P extends BrowserPage>(
  pages: P[],
  bundles: string[],
  probe: (page: P, evaluate: Evaluate, newWorld: (code: string) => Promise<Evaluate>, cdp: CDPSession) => Promise<void>,
): Promise<void> {
  const byName = new Map(pages.map((p) => [`${encodeURIComponent(p.id)}.html`, p]));
  const srv = createServer((req, res) => {
    const p = byName.get((req.url ?? '/').slice(1));
    if (!p) {
      res.statusCode = 404;
      res.end();
      return;
    }
    try {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(readPageFile(p.file));
    } catch {
      res.statusCode = 500;
      res.end();
    }
  }).listen(0, '127.0.0.1');
  await new Promise((r) => srv.once('listening', r));
  const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    const ctx: BrowserContext = await browser.newContext({ javaScriptEnabled: false });
    await ctx.route('**/*', (route) => {
      const u = route.request().url();
      return u.startsWith('http://127.0.0.1:') ? route.continue() : route.abort();
    });
    const prelude = bundles.join(';\n');
    for (const p of pages) {
      let page: Page | null = null;
      try {
        page = await ctx.newPage();
        await page.goto(base + encodeURIComponent(p.id) + '.html', { waitUntil: 'domcontentloaded', timeout: 30_000 });
        const cdp: CDPSession = await ctx.newCDPSession(page);
        const frameId = ((await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } }).frameTree.frame.id;
        let worlds = 0;
        const newWorld = async (code: string): Promise<Evaluate> => {
          const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId, worldName: `gist-bench-${worlds++}` })) as {
            executionContextId: number;
          };
          const run = async (expression: string) => {
            const r = (await cdp.send('Runtime.evaluate', {
              expression,
              contextId: executionContextId,
              returnByValue: true,
              awaitPromise: true,
            })) as {
              result: { value?: unknown };
              exceptionDetails?: { text: string; exception?: { description?: string } };
            };
            if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
            return r.result.value;
          };
          await run(`${code};0`);
          return run;
        };
        await probe(p, await newWorld(prelude), newWorld, cdp);
      } catch (e) {
        console.error(`  browser: ${p.id}: ${(e as Error).message.split('\n')[0]}`);
      } finally {
        await page?.close();
      }
    }
  } finally {
    await browser.close();
    srv.close();
  }
}

export interface ColdProbe {
  name: string;
  /** Bundle loaded into the fresh world before the timed call (not timed). */
  code: string;
  /** Expression evaluated there; returns [milliseconds, extra?]. */
  expr: string;
}

/**
 * Cold runs, each on its own fresh page load (a new tab, so a new renderer process) with only that
 * probe's bundle in a fresh isolated world: nothing another probe did on the page (V8's lazily built
 * regexp, JSON, URL and Date machinery, compiled code, Blink's per-document caches) can help or hurt
 * it. Running two probes on one page, the second inherits the first one's start-up work, which biases
 * the comparison towards whichever needs less of it. Probe order rotates per page. Returns, per probe,
 * the values of the pages where every probe ran.
 */
export async function coldRuns(
  pages: BrowserPage[],
  probes: ColdProbe[],
  /** Filled, when given and /proc is there, with each probe's renderer CPU ms per kept page (see renderer-cpu). */
  cpu?: Record<string, number[]>,
  /** As `cpu`, the renderer's main thread alone. */
  mainCpu?: Record<string, number[]>,
): Promise<Record<string, unknown[][]>> {
  // First, each probe once on the first page, not recorded: the browser's first page loads pay its own
  // start-up (renderer processes, caches), which would otherwise fall on whichever probe runs first.
  const warmUp = pages.length ? probes.map((_, k) => ({ id: `warm-up~${k}`, file: pages[0].file, page: '', k })) : [];
  const entries = pages.flatMap((p, i) =>
    probes.map((_, j) => {
      const k = (i + j) % probes.length;
      return { id: `${p.id}~${k}`, file: p.file, page: p.id, k };
    }),
  );
  const got = new Map<string, unknown[][]>();
  const cpuRows = new Map<string, (RendererCpu | null)[]>();
  await inBrowser([...warmUp, ...entries], [], async ({ page, k }, _run, newWorld) => {
    const world = await newWorld(probes[k].code);
    // A moment for the renderer's other threads to finish the page load before the CPU count starts.
    if (cpu) await new Promise((r) => setTimeout(r, 20));
    const c0 = cpu ? rendererCpuMs() : null;
    const value = (await world(probes[k].expr)) as unknown[];
    const c1 = cpu ? rendererCpuMs() : null;
    if (!page) return;
    const row = got.get(page) ?? new Array(probes.length).fill(null);
    row[k] = value;
    got.set(page, row);
    const cpuRow = cpuRows.get(page) ?? new Array(probes.length).fill(null);
    cpuRow[k] = c0 && c1 ? busiestDelta(c0, c1) : null;
    cpuRows.set(page, cpuRow);
  });
  const out: Record<string, unknown[][]> = Object.fromEntries(probes.map((p) => [p.name, []]));
  const cpuOk = [...cpuRows.values()].every((r) => r.every((v) => v !== null));
  for (const [page, row] of got) {
    if (row.some((v) => v === null)) continue;
    probes.forEach((p, k) => out[p.name].push(row[k]));
    if (cpu && cpuOk) probes.forEach((p, k) => (cpu[p.name] ??= []).push(cpuRows.get(page)![k]!.all));
    if (mainCpu && cpuOk) probes.forEach((p, k) => (mainCpu[p.name] ??= []).push(cpuRows.get(page)![k]!.main));
  }
  return out;
}

/** The machine's load beside a timing ratio: a ratio measured on a busy machine is not one from an idle one. */
export const machineLoad = () =>
  `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (1/5/15 min) on ${cpus().length} cores`;

/** Median and p95 of the per-page ratios a[i] / b[i] (pages paired, unlike a ratio of two medians). */
export function pairedRatio(a: number[], b: number[]): string {
  const r = a.map((x, i) => x / b[i]);
  return `median ${median(r).toFixed(2)} p95 ${quantile(r, 0.95).toFixed(2)}`;
}

/** A short article page (a headline and five paragraphs) written once to the temp folder. */
let nearEmpty: string | null = null;
function nearEmptyPage(): string {
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
