// In-browser timing: serves saved pages on 127.0.0.1 only, opens them in headless Chromium with page
// JavaScript disabled, and runs esbuild IIFE bundles (ours, bare Readability) in an isolated world
// through CDP, as a content script would run.
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
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
 * the page's DevTools session (for the profiler); `browserCdp` the browser's (for tracing: the page's
 * session records only the browser process's trace events, not the renderer's).
 */
export async function inBrowser<P extends BrowserPage>(
  pages: P[],
  bundles: string[],
  probe: (
    page: P,
    evaluate: Evaluate,
    newWorld: (code: string) => Promise<Evaluate>,
    cdp: CDPSession,
    browserCdp: () => Promise<CDPSession>,
  ) => Promise<void>,
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
      // BENCH_PRECISE_TIMER=1: cross-origin-isolated pages, whose performance.now() is precise to 5 µs
      // instead of 100 µs (the other resources are not loaded anyway: see the route below).
      if (process.env.BENCH_PRECISE_TIMER) {
        res.setHeader('cross-origin-opener-policy', 'same-origin');
        res.setHeader('cross-origin-embedder-policy', 'require-corp');
      }
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
        await probe(p, await newWorld(prelude), newWorld, cdp, () => browser.newBrowserCDPSession());
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
