// Extraction benchmark: ours (lib/extract) vs bare Readability on the Zyte article-extraction pages,
// same run, same parsed documents. Scores with the shared Zyte metric (all pages and each fixed half,
// scripts/lib/splits.ts) and prints time ratios; then title / byline / excerpt on Mozilla Readability's
// test pages, ours vs bare Readability, per half.
// usage: npm run bench:extract [-- --no-browser] [-- --browser-only] [-- --readability-pages-only]
//        [-- --only ID_PREFIX[,ID_PREFIX...]] [-- --misses]   (--misses lists the train half's metadata mismatches and
//        the train pages whose content lost the og:image shown in their main column)
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../lib/extract/index';
import { haveReadabilityPages, haveZyte, loadScorer, median, quantile, READABILITY_DIR, zytePages, ZYTE_DIR } from './lib/corpora';
import { parsePage, readPageFile } from './lib/load-page';
import { benchReadabilityPages } from './lib/metadata-bench';
import { contentKeeps, ogImageInMainColumn } from './lib/lead-image-bench';
import { HALVES, pageHalf } from './lib/splits';

const args = process.argv.slice(2);
const readabilityOnly = args.includes('--readability-pages-only');
const noBrowser = args.includes('--no-browser') || readabilityOnly;
const browserOnly = args.includes('--browser-only');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;

if (readabilityOnly) {
  if (!haveReadabilityPages()) {
    console.error(`Readability test pages not found at ${READABILITY_DIR}; nothing to benchmark.`);
    process.exit(2);
  }
  benchReadabilityPages({ misses: args.includes('--misses') });
  process.exit(0);
}
if (!haveZyte()) {
  console.error(`Zyte corpus not found at ${ZYTE_DIR}; nothing to benchmark.`);
  process.exit(2);
}
const score = await loadScorer();
const pages = zytePages().filter((p) => !only || only.some((o) => p.id.startsWith(o)));
const truth: Record<string, { articleBody: string }> = {};
const ours: Record<string, { articleBody: string }> = {};
const bare: Record<string, { articleBody: string }> = {};
const tOurs: number[] = [];
const tBare: number[] = [];
let sumOurs = 0,
  sumBare = 0;
const phases: Record<string, number> = {};
/** Pages whose og:image is shown in the main column: whether our content kept it; 'undetermined' counted apart. */
const leadKept: Record<string, boolean> = {};
let leadUndetermined = 0;

for (const [i, p] of (browserOnly ? [] : pages).entries()) {
  truth[p.id] = { articleBody: p.truth };
  const dom = parsePage(readPageFile(p.file), p.url);
  const doc = dom.window.document;
  const win = dom.window as unknown as Window;
  const lead = ogImageInMainColumn(doc, p.url, p.truth);
  if (lead === 'undetermined') leadUndetermined++;
  let content = '';
  // Alternate the order so warm-up and GC do not favour one side.
  const runOurs = () => {
    const t = performance.now();
    const a = extractArticle(doc, { url: p.url, window: win, timings: phases });
    const dt = performance.now() - t;
    ours[p.id] = { articleBody: a?.text ?? '' };
    content = a?.content ?? '';
    tOurs.push(dt);
    sumOurs += dt;
  };
  const runBare = () => {
    const t = performance.now();
    const a = new Readability(doc.cloneNode(true) as Document).parse();
    const dt = performance.now() - t;
    bare[p.id] = { articleBody: a?.textContent ?? '' };
    tBare.push(dt);
    sumBare += dt;
  };
  if (i % 2) {
    runOurs();
    runBare();
  } else {
    runBare();
    runOurs();
  }
  if (lead && lead !== 'undetermined') leadKept[p.id] = contentKeeps(content, lead, doc, p.url);
  dom.window.close();
}

if (!browserOnly) {
  const line = (name: string, s: Awaited<ReturnType<typeof score>>) =>
    `${name.padEnd(12)} F1 ${s.f1.toFixed(3)}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  acc ${s.accuracy.toFixed(3)}  pages<0.8 ${s.below08}  (n=${s.pages})`;
  const sOurs = score(truth, ours);
  const sBare = score(truth, bare);
  console.log('== extraction quality (Zyte pages, Node + jsdom) ==');
  console.log(line('readability', sBare));
  console.log(line('gist', sOurs));
  const sub = (rec: Record<string, { articleBody: string }>, half: string) =>
    Object.fromEntries(Object.entries(rec).filter(([id]) => pageHalf('zyte', id) === half));
  for (const half of HALVES) {
    const t = sub(truth, half);
    if (!Object.keys(t).length) continue;
    console.log(`  ${half}:`);
    console.log('  ' + line('readability', score(t, sub(bare, half))));
    console.log('  ' + line('gist', score(t, sub(ours, half))));
  }
  console.log(`lead image (og:image shown in the page's main column; ${leadUndetermined} pages undetermined, body end not found):`);
  for (const half of ['all', ...HALVES]) {
    const ids = Object.keys(leadKept).filter((id) => half === 'all' || pageHalf('zyte', id) === half);
    const kept = ids.filter((id) => leadKept[id]).length;
    console.log(`  ${half}: lead image kept: ${kept} of ${ids.length} (${ids.length ? ((100 * kept) / ids.length).toFixed(1) : '-'} %)`);
  }
  if (args.includes('--misses'))
    for (const id of Object.keys(leadKept).filter((id) => !leadKept[id] && pageHalf('zyte', id) === 'train'))
      console.log(`  lead image lost (train): ${id.slice(0, 12)}  ${pages.find((p) => p.id === id)?.url}`);
  console.log('worst 10 pages for gist (page F1, readability F1, id, url):');
  for (const [id, f] of Object.entries(sOurs.perPage)
    .sort((a, b) => a[1] - b[1])
    .slice(0, 10)) {
    console.log(`  ${f.toFixed(3)}  ${sBare.perPage[id].toFixed(3)}  ${id.slice(0, 12)}  ${pages.find((p) => p.id === id)?.url}`);
  }
  console.log(
    `time jsdom ms: readability median ${median(tBare).toFixed(1)} p95 ${quantile(tBare, 0.95).toFixed(1)} total ${sumBare.toFixed(0)}; ` +
      `gist median ${median(tOurs).toFixed(1)} p95 ${quantile(tOurs, 0.95).toFixed(1)} total ${sumOurs.toFixed(0)}; ratio gist/readability total ${(sumOurs / sumBare).toFixed(2)} median ${(median(tOurs) / median(tBare)).toFixed(2)}; ` +
      `without the sanitizer total ${((sumOurs - (phases.sanitize ?? 0)) / sumBare).toFixed(2)}`,
  );
  console.log(
    `gist phases ms total: ${Object.entries(phases)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}`,
  );
}

if (!browserOnly) {
  if (haveReadabilityPages()) benchReadabilityPages({ misses: args.includes('--misses') });
  else console.log(`(Readability test pages not found at ${READABILITY_DIR}: metadata section skipped)`);
}

if (!noBrowser) {
  const { benchExtractBrowser } = await import('./lib/extract-browser-bench');
  await benchExtractBrowser(pages);
}
