// bench:detect's timing side: detection in headless Chromium, ours (as the content script runs it) vs
// bare isProbablyReaderable, cold and warm, on the pages that parsed in the accuracy pass. Loaded only
// when timing runs (--no-browser needs neither esbuild nor Playwright).
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BARE_ENTRY, bundle, coldRuns, GIST_ENTRY, inBrowser, machineLoad } from './browser-bench';
import { median, quantile } from './corpora';
import type { Row } from './detect-accuracy';

/** `args`: the bench's command line (--cold-every=N). */
export async function benchDetectBrowser(ok: Row[], args: string[]): Promise<void> {
  const [gist, bare] = await Promise.all([bundle(GIST_ENTRY), bundle(BARE_ENTRY)]);
  // The detector alone, as the content script ships and runs it: detectInSlices, the function its main()
  // calls, one idle slice per step (the cold probe loads this).
  const root = new URL('../..', import.meta.url).pathname;
  const detector = (dir: string) =>
    build({
      stdin: {
        contents: "import { detectInSlices } from './lib/detect/slices'; globalThis.__d = detectInSlices;",
        resolveDir: dir,
        loader: 'ts',
      },
      nodePaths: [join(root, 'node_modules')],
      bundle: true,
      minify: true,
      format: 'iife',
      write: false,
    });
  const det = await detector(root);
  // GIST_BENCH_BASE=DIR (another tree, e.g. `git archive` of an older commit): its detector is timed cold
  // in the same run, page by page, so a change is compared at the same load.
  const baseDir = process.env.GIST_BENCH_BASE;
  const baseDet = baseDir ? (await detector(baseDir)).outputFiles[0].text : null;
  const detBytes = det.outputFiles[0].contents.length,
    detGz = gzipSync(det.outputFiles[0].contents).length;
  const tOurs: number[] = [],
    tBare: number[] = [];
  const REPS = 5;
  let i = 0;
  // What the real content script does before its first detection, whichever detector it ran: WXT's
  // ContentScriptContext (AbortController, a started event on document, postMessage, a listener) and
  // our main() (the location watcher's URL of location, navigation listener). Not timed.
  const PRELUDE = `{ const ac = new AbortController(); document.dispatchEvent(new CustomEvent('wxt:content-script-started', { detail: { contentScriptName: 'detect', messageId: 'x' } }));
    window.postMessage({ type: 'wxt:content-script-started', contentScriptName: 'detect', messageId: 'x' }, '*');
    document.addEventListener('wxt:content-script-started', () => {}, { signal: ac.signal }); globalThis.__lastUrl = new URL(location.href);
    if (globalThis.navigation) navigation.addEventListener('navigate', () => {}, { signal: ac.signal }); }`;
  // The least a detector that shows a reading time must read: the text of every paragraph.
  const PARAGRAPH_TEXT =
    "const ps = document.getElementsByTagName('p'); let n = 0; for (let i = 0; i < ps.length; i++) n += ps[i].textContent.length";
  // Any detector that looks at every element (one TreeWalker pass; a JS wrapper for each element).
  const ELEMENT_WALK =
    'const w = document.createTreeWalker(document.body ?? document, NodeFilter.SHOW_ELEMENT); let n = 0; while (w.nextNode()) n++';
  // The content script's run: its idle waits (requestIdleCallback, 3 s timeout) between the slices,
  // each synchronous slice timed by detectInSlices itself. No popup extraction is passed, so every
  // article also gets the count slice (its estimate, as when the extraction finds nothing): an upper
  // bound on detection's own work; a non-article has the decide slice only (nothing to count).
  // Returns [sum of the slices, longest slice, decide slice].
  // The page is served from 127.0.0.1, where the URL signals are off (urlFeatures): `url` gives the
  // detector the page's original address (__urls, by corpus id), as on the live page; SERVED keeps the
  // served address (the definition of runs before the first stage, which on URLs settles more pages).
  const sliced = (
    url: string,
  ) => `(async () => { const s = []; const idle = () => new Promise((r) => requestIdleCallback(() => r(), { timeout: 3000 }));
    await __d(document, { idle, url: ${url}, onSlice: (n, ms) => s.push([n, ms]) });
    return [s.reduce((a, x) => a + x[1], 0), Math.max(...s.map((x) => x[1])), s.find((x) => x[0] === 'decide')[1]]; })()`;
  const SLICED = sliced('__urls[decodeURIComponent(location.pathname.slice(1, -5))] ?? location.href');
  const SERVED = sliced('location.href');
  const timed = (call: string) => `(() => { const t = performance.now(); ${call}; return [performance.now() - t]; })()`;
  // Cold: the first call in a fresh isolated world on a fresh page load (see coldRuns), as the content
  // script runs once per page (../shared/tools/browser-anchor.mjs also times isProbablyReaderable as
  // the first call in a fresh world), here after the content script's own start-up (PRELUDE), which
  // runs whatever the detector. Floors: a world that only reads document.body, and one that only
  // reads every <p>'s text (the least a detector showing a reading time reads). On every N-th page
  // (--cold-every=N, default 4): four page loads per page, and one for the warm runs.
  const every = Number(args.find((a) => a.startsWith('--cold-every='))?.split('=')[1] ?? 4);
  // The detection and Zyte pages, as before Readability's test pages were added (comparable runs).
  const pages = ok
    .filter((r) => r.corpus !== 'readability')
    .filter((_, k) => k % every === 0)
    .map((r) => ({ id: r.id, file: r.file }));
  const urls = JSON.stringify(Object.fromEntries(ok.filter((r) => r.url).map((r) => [r.id, r.url])));
  const cold = await coldRuns(pages, [
    { name: 'gist', code: `${det.outputFiles[0].text};globalThis.__urls = ${urls};${PRELUDE}`, expr: SLICED },
    { name: 'served', code: `${det.outputFiles[0].text};globalThis.__urls = ${urls};${PRELUDE}`, expr: SERVED },
    { name: 'bare', code: `${bare.code};${PRELUDE}`, expr: timed('__bare.isProbablyReaderable(document)') },
    { name: 'touch', code: PRELUDE, expr: timed('document.body') },
    { name: 'ptext', code: PRELUDE, expr: timed(PARAGRAPH_TEXT) },
    { name: 'walker', code: PRELUDE, expr: timed(ELEMENT_WALK) },
    ...(baseDet ? [{ name: 'base', code: `${baseDet};globalThis.__urls = ${urls};${PRELUDE}`, expr: SLICED }] : []),
  ]);
  await inBrowser(pages, [gist.code, bare.code], async (_p, run) => {
    // Warm: mean of REPS calls in one world.
    const ours = `(() => { const t = performance.now(); for (let i = 0; i < ${REPS}; i++) __gist.detectArticle(document); return (performance.now() - t) / ${REPS}; })()`;
    const rd = `(() => { const t = performance.now(); for (let i = 0; i < ${REPS}; i++) __bare.isProbablyReaderable(document); return (performance.now() - t) / ${REPS}; })()`;
    if (i++ % 2) {
      tOurs.push((await run(ours)) as number);
      tBare.push((await run(rd)) as number);
    } else {
      tBare.push((await run(rd)) as number);
      tOurs.push((await run(ours)) as number);
    }
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const line = (name: string, xs: number[]) =>
    console.log(`${name.padEnd(24)} median ${median(xs).toFixed(3)} p95 ${quantile(xs, 0.95).toFixed(3)} total ${sum(xs).toFixed(0)}`);
  console.log(`== detection time in Chromium (isolated world, page JS off) ==`);
  const [cOurs, cBare, cTouch, cText] = (['gist', 'bare', 'touch', 'ptext'] as const).map((k) => (cold[k] as number[][]).map((v) => v[0]));
  console.log(
    `-- cold (${cOurs.length} pages, every ${every}th; each probe on its own fresh page load, first call after the content script's start-up; ms)`,
  );
  line('isProbablyReaderable', cBare);
  line('gist, all slices', cOurs);
  line('touch document.body only', cTouch);
  line('read all <p> text only', cText);
  const cWalk = (cold.walker as number[][]).map((v) => v[0]);
  line('walk every element only', cWalk);
  const cLong = (cold.gist as number[][]).map((v) => v[1]),
    cDecide = (cold.gist as number[][]).map((v) => v[2]);
  line('gist decide slice only', cDecide);
  const cServed = (cold.served as number[][]).map((v) => v[0]),
    cServedDecide = (cold.served as number[][]).map((v) => v[2]);
  line('served URL: all slices', cServed);
  line('served URL: decide slice', cServedDecide);
  console.log(
    `ratio gist/isProbablyReaderable cold: total ${(sum(cOurs) / sum(cBare)).toFixed(2)} median ${(median(cOurs) / median(cBare)).toFixed(2)}; floors: touch ${(sum(cTouch) / sum(cBare)).toFixed(2)}, <p> text ${(sum(cText) / sum(cBare)).toFixed(2)}, element walk ${(sum(cWalk) / sum(cBare)).toFixed(2)} (of medians: ${(median(cTouch) / median(cBare)).toFixed(2)}, ${(median(cText) / median(cBare)).toFixed(2)}, ${(median(cWalk) / median(cBare)).toFixed(2)})`,
  );
  // The #15 target: cold median <= 1.0x and p95 <= 1.5x isProbablyReaderable, and the longest task
  // <= 16 ms on 95 % of pages. Both readings of the ratio: of the two distributions' medians and p95s,
  // and of the per-page ratios (the same page's gist time over its isProbablyReaderable time).
  // Two readings of "gist": all of detection's slices (the verdict, then on an article the count for the
  // badge, here always detection's own estimate, in a later idle period), and what the page pays before
  // the verdict is known (the decide slice; a non-article has no other slice).
  const target = (what: string, xs: number[]) => {
    const perPage = xs.map((x, j) => x / cBare[j]);
    console.log(
      `target cold ratios, ${what}: of medians ${(median(xs) / median(cBare)).toFixed(2)} (<= 1.00), of p95s ${(quantile(xs, 0.95) / quantile(cBare, 0.95)).toFixed(2)} (<= 1.50); per-page ratio median ${median(perPage).toFixed(2)} p95 ${quantile(perPage, 0.95).toFixed(2)}  [${machineLoad()}]`,
    );
  };
  if (baseDet) {
    const bDecide = (cold.base as number[][]).map((v) => v[2]),
      bAll = (cold.base as number[][]).map((v) => v[0]);
    line('GIST_BENCH_BASE decide', bDecide);
    const perPage = cDecide.map((x, j) => x / bDecide[j]);
    console.log(
      `same run, this tree / GIST_BENCH_BASE (${baseDir}): decide slice of medians ${(median(cDecide) / median(bDecide)).toFixed(2)}, of p95s ${(quantile(cDecide, 0.95) / quantile(bDecide, 0.95)).toFixed(2)}, per-page median ${median(perPage).toFixed(2)}; all slices total ${(sum(cOurs) / sum(bAll)).toFixed(2)}; base decide/isProbablyReaderable of medians ${(median(bDecide) / median(cBare)).toFixed(2)}, of p95s ${(quantile(bDecide, 0.95) / quantile(cBare, 0.95)).toFixed(2)}`,
    );
  }
  target('all slices', cOurs);
  target('before the verdict (decide slice)', cDecide);
  target('served URL (no URL signals), all slices', cServed);
  target('served URL (no URL signals), decide slice', cServedDecide);
  console.log(
    `target longest task per page (the content script's synchronous slices): median ${median(cLong).toFixed(2)} p95 ${quantile(cLong, 0.95).toFixed(2)} max ${Math.max(...cLong).toFixed(2)} ms; <= 16 ms on ${((100 * cLong.filter((x) => x <= 16).length) / cLong.length).toFixed(1)} % of pages (>= 95 %)`,
  );
  console.log(`-- warm (${tOurs.length} pages): mean of ${REPS} calls in one world (ms)`);
  line('isProbablyReaderable', tBare);
  line('gist detectArticle', tOurs);
  console.log(
    `ratio gist/isProbablyReaderable warm: total ${(sum(tOurs) / sum(tBare)).toFixed(2)} median ${(median(tOurs) / median(tBare)).toFixed(2)}; detector bundle ${(detBytes / 1024).toFixed(1)} KB (${(detGz / 1024).toFixed(1)} KB gz)`,
  );
}
