// Detection benchmark: ours (lib/detect) vs bare isProbablyReaderable on the labelled article-detection
// corpus, the Zyte pages (all articles: recall) and Mozilla Readability's test pages (against their
// reviewed `readerable` flag, isProbablyReaderable's answer). Accuracy in Node + jsdom (detection and Zyte
// pages get their original URL; Readability's pages the address they declare, as the extract CLI does),
// per fixed half (scripts/lib/splits.ts: weights and rules are tuned on `train`, judged on `held-out`);
// time per page in headless Chromium. `--fit` refits the weights on the train halves and scores the
// held-out ones.
// usage: npm run bench:detect [-- --no-browser] [-- --fit] [-- --errors] [-- --cold-every=N] (time on every N-th page, default 4)
//        [-- --time-only] (timing only, no accuracy pass); GIST_BENCH_BASE=DIR (e.g. `git archive` of an older commit) times that
//        tree's detector in the same run; BENCH_PRECISE_TIMER=1 serves the pages cross-origin isolated (5 µs timer, not 100 µs)
import { isProbablyReaderable } from '@mozilla/readability';
import { decideArticle, detectFeatures, FIRST_STAGE, hasArticleText, scoreFeatures, type DecideStage } from '../lib/detect/index';
import { detectPages, DETECT_DIR, haveDetect, haveReadabilityPages, haveZyte, readabilityPages, zytePages } from './lib/corpora';
import { dropStylesheets, loadPage, parsePage, readPageFile } from './lib/load-page';
import { printRefit, reportAccuracy, type Row } from './lib/detect-accuracy';
import { scanText } from '../lib/detect/features';
import { findTwinGroups, refParts } from './lib/page-twins';
import { HALVES, pageHalf, type Half } from './lib/splits';

const args = process.argv.slice(2);
if (!haveDetect()) {
  console.error(`Detection corpus not found at ${DETECT_DIR}; nothing to benchmark.`);
  process.exit(2);
}

const rows: Row[] = [
  ...detectPages().map((p) => ({ ...p, corpus: 'detection' as const, half: pageHalf('detection', p.id) })),
  ...(haveZyte()
    ? zytePages().map((p) => ({
        id: p.id,
        file: p.file,
        url: p.url,
        article: true,
        corpus: 'zyte' as const,
        kind: 'article',
        half: pageHalf('zyte', p.id),
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
        half: pageHalf('readability', p.slug),
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
const report = (title: string, predict: (r: Row) => boolean) => reportAccuracy(ok, title, predict);
if (args.includes('--fit')) printRefit(ok);

if (!timeOnly) {
  console.log(`== detection accuracy (Node + jsdom; ${ok.length} pages, ${failed} unparseable skipped) ==`);
  // A page under two names (Readability's pages among the detection pages...) has one half: splits.ts.
  const twins = findTwinGroups();
  const split = twins.filter((g) => new Set(g.map((p) => pageHalf(...refParts(p)))).size > 1).length;
  console.log(`pages found under several names (scripts/lib/page-twins.ts): ${twins.length}, in both halves: ${split}`);
}
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
  // The hidden-suite kind: real articles isProbablyReaderable accepts that we call non-articles.
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
  const { benchDetectBrowser } = await import('./lib/detect-browser-bench');
  await benchDetectBrowser(ok, args);
}
