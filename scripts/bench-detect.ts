// Detection benchmark: ours (lib/detect) vs bare isProbablyReaderable on the labelled article-detection
// corpus, the Zyte pages (all articles: recall) and Mozilla Readability's test pages (against their
// reviewed `readerable` flag, isProbablyReaderable's answer). Accuracy in Node + jsdom (detection and Zyte
// pages get their original URL; Readability's pages the address they declare, as the extract CLI does),
// per fixed half (scripts/lib/splits.ts: weights and rules are tuned on `train`, judged on `held-out`);
// time per page in headless Chromium. `--fit` refits the weights on the train halves and scores the
// held-out ones.
// usage: npm run bench:detect [-- --no-browser] [-- --fit] [-- --errors] [-- --cold-every=N] (time on every N-th page, default 4)
//        [-- --time-only] (timing only, no accuracy pass)
import { isProbablyReaderable } from '@mozilla/readability';
import {
  decideArticle,
  detectFeatures,
  FIRST_STAGE,
  hasArticleText,
  scoreFeatures,
  WEIGHTS,
  type DecideStage,
  type DetectFeatures,
} from '../lib/detect/index';
import {
  detectPages,
  DETECT_DIR,
  haveDetect,
  haveReadabilityPages,
  haveZyte,
  median,
  quantile,
  readabilityPages,
  zytePages,
} from './lib/corpora';
import { dropStylesheets, loadPage, parsePage, readPageFile } from './lib/load-page';
import { binaryStats, fitLogistic, type BinaryStats } from './lib/logistic';
import { scanText } from '../lib/detect/features';
import { halfOf, HALVES, type Half } from './lib/splits';

const args = process.argv.slice(2);
if (!haveDetect()) {
  console.error(`Detection corpus not found at ${DETECT_DIR}; nothing to benchmark.`);
  process.exit(2);
}

type Corpus = 'detection' | 'zyte' | 'readability';
interface Row {
  id: string;
  file: string;
  url: string | null;
  article: boolean;
  corpus: Corpus;
  kind: string;
  half: Half;
  f?: DetectFeatures;
  /** The content script's verdict (decideArticle: each stage read only where the ones before leave it open), and how far it read. */
  quick?: { isArticle: boolean; stage: DecideStage };
  /** The first stage's score (scanText's signals alone, the shipped weights). */
  first?: number;
  readerable?: boolean;
  error?: string;
}
const rows: Row[] = [
  ...detectPages().map((p) => ({ ...p, corpus: 'detection' as const, half: halfOf(p.id) })),
  ...(haveZyte()
    ? zytePages().map((p) => ({
        id: p.id,
        file: p.file,
        url: p.url,
        article: true,
        corpus: 'zyte' as const,
        kind: 'article',
        half: halfOf(p.id),
      }))
    : []),
  ...(haveReadabilityPages()
    ? readabilityPages().map((p) => ({
        id: p.slug,
        file: p.file,
        url: null,
        article: p.expected.readerable,
        corpus: 'readability' as const,
        kind: p.expected.readerable ? 'readerable' : 'not-readerable',
        half: halfOf(p.slug),
      }))
    : []),
];
// --time-only: no accuracy (no jsdom pass over the corpora), only the timing in Chromium, on every
// page of the detection and Zyte corpora whether or not jsdom parses it.
const timeOnly = args.includes('--time-only');
if (timeOnly && (args.includes('--fit') || args.includes('--errors') || args.includes('--no-browser'))) {
  console.error('--time-only skips the accuracy pass: it cannot go with --fit, --errors or --no-browser.');
  process.exit(2);
}
for (const r of rows) {
  if (timeOnly) break;
  try {
    // <style> blocks emptied: they never change detection and cost jsdom a third of its parse time.
    const dom =
      r.corpus === 'readability'
        ? loadPage(r.file, undefined, { dropStyles: true })
        : parsePage(dropStylesheets(readPageFile(r.file)), r.url ?? undefined);
    r.f = detectFeatures(dom.window.document);
    const q = decideArticle(dom.window.document);
    r.quick = { isArticle: q.isArticle, stage: q.stage };
    r.first = scoreFeatures(scanText(dom.window.document).features);
    r.readerable = isProbablyReaderable(dom.window.document);
    dom.window.close();
  } catch (e) {
    r.error = (e as Error).message;
  }
}
const ok = rows.filter((r) => r.f);
if (timeOnly) ok.push(...rows);
const failed = rows.length - ok.length;
const KEYS = Object.keys(WEIGHTS).filter((k) => k !== 'bias') as (keyof DetectFeatures)[];
const vec = (f: DetectFeatures) => KEYS.map((k) => f[k]);

const fmt = (name: string, s: BinaryStats) =>
  `${name.padEnd(34)} n ${String(s.n).padStart(3)}  acc ${s.accuracy.toFixed(3)}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  spec ${Number.isNaN(s.specificity) ? '  -  ' : s.specificity.toFixed(3)}  balanced ${Number.isNaN(s.balanced) ? '  -  ' : s.balanced.toFixed(3)}`;
const CORPORA: Corpus[] = ['detection', 'zyte', 'readability'];
/** One line per corpus and half (train, held-out, both). */
function report(title: string, predict: (r: Row) => boolean, subset: Row[] = ok) {
  for (const c of CORPORA) {
    for (const h of [...HALVES, 'all'] as const) {
      const sel = subset.filter((r) => r.corpus === c && (h === 'all' || r.half === h));
      if (sel.length)
        console.log(
          fmt(
            `${title} ${c} ${h}`,
            binaryStats(
              sel.map(predict),
              sel.map((r) => r.article),
            ),
          ),
        );
    }
  }
}

// Fitted on the train halves of all three corpora (5-fold cross-validation inside them chose this over
// detection + Zyte alone); held-out halves are only scored.
const FIT_ON: Corpus[] = ['detection', 'zyte', 'readability'];
/** Room between the first stage's thresholds and the train pages' extremes (score units). */
const FIRST_MARGIN = 0.25;
if (args.includes('--fit')) {
  const train = ok.filter((r) => r.half === 'train' && FIT_ON.includes(r.corpus));
  const m = fitLogistic(
    train.map((r) => vec(r.f!)),
    train.map((r) => (r.article ? 1 : 0)),
    { l2: 0.01, iters: 3000, lr: 0.2 },
  );
  const pr = (r: Row) => m.b + m.w.reduce((s, w, j) => s + w * vec(r.f!)[j], 0) > 0 && hasArticleText(r.f!);
  console.log(`-- fitted on the train halves (${train.length} pages):`);
  report('  refit', pr);
  // Three decimals: rounded to two, the weights move borderline pages (features reach ~5).
  console.log(`  bias: ${m.b.toFixed(3)}, ${KEYS.map((k, j) => `${k}: ${m.w[j].toFixed(3)}`).join(', ')},`);
  // The first stage's thresholds (lib/detect/index.ts FIRST_STAGE), for the shipped weights: of the train
  // pages with article text, `article` lies above the first-stage score of every one the complete model
  // calls no article, `other` below that of every one it calls an article, each by FIRST_MARGIN.
  const withText = train.filter((r) => hasArticleText(r.f!));
  const full = (r: Row) => scoreFeatures(r.f!) > 0;
  const hi = Math.max(...withText.filter((r) => !full(r)).map((r) => r.first!));
  const lo = Math.min(...withText.filter(full).map((r) => r.first!));
  console.log(
    `  first stage (shipped weights): article > ${(hi + FIRST_MARGIN).toFixed(2)}, other < ${(lo - FIRST_MARGIN).toFixed(2)} (train extremes ${hi.toFixed(3)} / ${lo.toFixed(3)}, margin ${FIRST_MARGIN})`,
  );
}

if (!timeOnly) console.log(`== detection accuracy (Node + jsdom; ${ok.length} pages, ${failed} unparseable skipped) ==`);
if (!timeOnly) report('isProbablyReaderable', (r) => r.readerable!);
const gist = (r: Row) => scoreFeatures(r.f!) > 0 && hasArticleText(r.f!);
if (!timeOnly) report('gist', gist);
if (!timeOnly) {
  // The content script's verdict is the staged one: its accuracy per half, and where it differs from the complete model's.
  report('gist content script (staged)', (r) => r.quick!.isArticle);
  const same = ok.filter((r) => r.quick!.isArticle === gist(r)).length;
  const at = (st: DecideStage) => ok.filter((r) => r.quick!.stage === st).length;
  const differ = (h: Half) => ok.filter((r) => r.half === h && r.quick!.isArticle !== gist(r)).length;
  console.log(
    `content script's verdict = complete model's on ${same}/${ok.length} pages (differs on train ${differ('train')}, held-out ${differ('held-out')}); ` +
      `settled by the first stage (text, URL, links; thresholds ${FIRST_STAGE.other} / ${FIRST_STAGE.article}) on ${at('text')}, the body on ${at('body')}, the head read on ${at('head')}`,
  );
}
if (!timeOnly) {
  // The issue's hidden-suite kind: real articles isProbablyReaderable accepts that we call non-articles.
  for (const h of [...HALVES, 'all'] as const) {
    const sel = ok.filter((r) => r.article && r.readerable && (h === 'all' || r.half === h));
    const lost = sel.filter((r) => !gist(r)).length;
    console.log(`articles isProbablyReaderable accepts that gist rejects, ${h}: ${lost} of ${sel.length} (all corpora)`);
  }
}
if (args.includes('--errors')) {
  for (const r of ok)
    if (gist(r) !== r.article)
      console.log(
        `  wrong: ${r.half.padEnd(8)} ${r.corpus.padEnd(11)} ${r.article ? 'article' : r.kind} ${r.id} ${scoreFeatures(r.f!).toFixed(2)} ${r.url ?? ''}`,
      );
}

if (!args.includes('--no-browser')) {
  const { bundle, coldRuns, inBrowser, machineLoad, GIST_ENTRY, BARE_ENTRY } = await import('./lib/browser-bench');
  const [gist, bare] = await Promise.all([bundle(GIST_ENTRY), bundle(BARE_ENTRY)]);
  const { build } = await import('esbuild');
  // The detector alone, as the content script ships and runs it: detectInSlices, the function its main()
  // calls, one idle slice per step (the cold probe loads this).
  const det = await build({
    stdin: {
      contents: "import { detectInSlices } from './lib/detect/slices'; globalThis.__d = detectInSlices;",
      resolveDir: new URL('..', import.meta.url).pathname,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
  });
  const { gzipSync } = await import('node:zlib');
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
  const cLong = (cold.gist as number[][]).map((v) => v[1]),
    cDecide = (cold.gist as number[][]).map((v) => v[2]);
  line('gist decide slice only', cDecide);
  const cServed = (cold.served as number[][]).map((v) => v[0]),
    cServedDecide = (cold.served as number[][]).map((v) => v[2]);
  line('served URL: all slices', cServed);
  line('served URL: decide slice', cServedDecide);
  console.log(
    `ratio gist/isProbablyReaderable cold: total ${(sum(cOurs) / sum(cBare)).toFixed(2)} median ${(median(cOurs) / median(cBare)).toFixed(2)}; floors: touch ${(sum(cTouch) / sum(cBare)).toFixed(2)}, <p> text ${(sum(cText) / sum(cBare)).toFixed(2)}`,
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
