// Extraction benchmark: ours (lib/extract) vs bare Readability on the Zyte article-extraction pages,
// same run, same parsed documents. Scores with the shared Zyte metric and prints time ratios.
// usage: npm run bench:extract [-- --no-browser] [-- --browser-only] [-- --only ID_PREFIX]
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../lib/extract/index';
import { haveZyte, loadScorer, median, quantile, zytePages, ZYTE_DIR } from './lib/corpora';
import { parsePage, readPageFile } from './lib/load-page';

const args = process.argv.slice(2);
const noBrowser = args.includes('--no-browser');
const browserOnly = args.includes('--browser-only');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;

if (!haveZyte()) { console.error(`Zyte corpus not found at ${ZYTE_DIR}; nothing to benchmark.`); process.exit(2); }
const score = await loadScorer();
const pages = zytePages().filter((p) => !only || p.id.startsWith(only));
const truth: Record<string, { articleBody: string }> = {};
const ours: Record<string, { articleBody: string }> = {};
const bare: Record<string, { articleBody: string }> = {};
const tOurs: number[] = [];
const tBare: number[] = [];
let sumOurs = 0, sumBare = 0;
const phases: Record<string, number> = {};

for (const [i, p] of (browserOnly ? [] : pages).entries()) {
  truth[p.id] = { articleBody: p.truth };
  const dom = parsePage(readPageFile(p.file), p.url);
  const doc = dom.window.document;
  const win = dom.window as unknown as Window;
  // Alternate the order so warm-up and GC do not favour one side.
  const runOurs = () => { const t = performance.now(); const a = extractArticle(doc, { url: p.url, window: win, timings: phases }); const dt = performance.now() - t; ours[p.id] = { articleBody: a?.text ?? '' }; tOurs.push(dt); sumOurs += dt; };
  const runBare = () => { const t = performance.now(); const a = new Readability(doc.cloneNode(true) as Document).parse(); const dt = performance.now() - t; bare[p.id] = { articleBody: a?.textContent ?? '' }; tBare.push(dt); sumBare += dt; };
  if (i % 2) { runOurs(); runBare(); } else { runBare(); runOurs(); }
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
  console.log('worst 10 pages for gist (page F1, readability F1, id, url):');
  for (const [id, f] of Object.entries(sOurs.perPage).sort((a, b) => a[1] - b[1]).slice(0, 10)) {
    console.log(`  ${f.toFixed(3)}  ${sBare.perPage[id].toFixed(3)}  ${id.slice(0, 12)}  ${pages.find((p) => p.id === id)?.url}`);
  }
  console.log(`time jsdom ms: readability median ${median(tBare).toFixed(1)} p95 ${quantile(tBare, 0.95).toFixed(1)} total ${sumBare.toFixed(0)}; ` +
    `gist median ${median(tOurs).toFixed(1)} p95 ${quantile(tOurs, 0.95).toFixed(1)} total ${sumOurs.toFixed(0)}; ratio gist/readability total ${(sumOurs / sumBare).toFixed(2)} median ${(median(tOurs) / median(tBare)).toFixed(2)}; ` +
    `without the sanitizer total ${((sumOurs - (phases.sanitize ?? 0)) / sumBare).toFixed(2)}`);
  console.log(`gist phases ms total: ${Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
}

if (!noBrowser) {
  const { benchExtractBrowser } = await import('./lib/browser-bench');
  await benchExtractBrowser(pages);
}
