// Regression guard on real pages the weights were not fitted on: article detection on the held-out half
// (scripts/lib/splits.ts) of the labelled article-detection corpus plus Zyte pages (all articles), and of
// Mozilla Readability's test pages against their `readerable` flag. The full numbers, both halves, are
// `npm run bench:detect`.
import { isProbablyReaderable } from '@mozilla/readability';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { detectArticle } from '../../lib/detect/index';
import { detectPages, DETECT_DIR, READABILITY_DIR, readabilityPages, zytePages, ZYTE_DIR } from '../../scripts/lib/corpora';
import { dropStylesheets, loadPage, parsePage, readPageFile } from '../../scripts/lib/load-page';
import { binaryStats } from '../../scripts/lib/logistic';
import { pageHalf } from '../../scripts/lib/splits';
import { describeCorpus } from './corpus';

/** Minutes of page parsing in one synchronous loop starve the worker's RPC (Vitest: "Timeout calling onTaskUpdate"). */
const yieldToWorker = () => new Promise((resolve) => setTimeout(resolve, 0));

describeCorpus(
  'detection on the held-out half of the article-detection + Zyte corpora (../shared)',
  [join(DETECT_DIR, 'labels.json'), join(ZYTE_DIR, 'ground-truth.json')],
  () => {
    it('keeps balanced accuracy >= 0.96 on held-out detection pages, Zyte recall >= 0.94, and beats isProbablyReaderable', async () => {
      const pages = [
        ...detectPages().filter((p) => pageHalf('detection', p.id) === 'held-out'),
        ...zytePages()
          .filter((p) => pageHalf('zyte', p.id) === 'held-out')
          .map((p) => ({ file: p.file, url: p.url, article: true, corpus: 'zyte' })),
      ];
      const ours: boolean[] = [],
        bare: boolean[] = [],
        truth: boolean[] = [],
        zyte: boolean[] = [];
      for (const p of pages) {
        await yieldToWorker();
        let dom;
        try {
          dom = parsePage(dropStylesheets(readPageFile(p.file)), p.url ?? undefined); // loaded as bench:detect loads them
        } catch {
          continue; // jsdom cannot parse a few real pages
        }
        const d = detectArticle(dom.window.document).isArticle;
        if ('corpus' in p) zyte.push(d);
        else {
          ours.push(d);
          bare.push(isProbablyReaderable(dom.window.document));
          truth.push(p.article);
        }
        dom.window.close();
      }
      const s = binaryStats(ours, truth),
        b = binaryStats(bare, truth);
      const recall = zyte.filter(Boolean).length / zyte.length;
      console.log(
        `detect held-out n=${s.n}: gist balanced ${s.balanced.toFixed(3)} acc ${s.accuracy.toFixed(3)}; isProbablyReaderable balanced ${b.balanced.toFixed(3)}; zyte held-out n=${zyte.length} recall ${recall.toFixed(3)}`,
      );
      expect(s.n).toBeGreaterThan(240);
      expect(zyte.length).toBeGreaterThan(80);
      // Measured on the page-wise halves (splits.ts, every copy of a page in one half): balanced 0.964,
      // Zyte recall 0.946 (87 of 92).
      expect(s.balanced).toBeGreaterThanOrEqual(0.96);
      expect(s.balanced).toBeGreaterThan(b.balanced);
      expect(recall).toBeGreaterThanOrEqual(0.94);
    }, 900_000);
  },
);

describeCorpus("detection on the held-out half of Readability's test pages (../shared)", join(READABILITY_DIR, 'pages'), () => {
  it('agrees with their reviewed readerable flag: balanced accuracy >= 0.95', async () => {
    const pages = readabilityPages().filter((p) => pageHalf('readability', p.slug) === 'held-out');
    const ours: boolean[] = [],
      truth: boolean[] = [];
    for (const p of pages) {
      await yieldToWorker();
      const dom = loadPage(p.file, undefined, { dropStyles: true }); // at the address it declares, as the extract CLI and bench:detect load it
      ours.push(detectArticle(dom.window.document).isArticle);
      truth.push(p.expected.readerable);
      dom.window.close();
    }
    const s = binaryStats(ours, truth);
    console.log(
      `readability held-out n=${s.n}: gist balanced ${s.balanced.toFixed(3)} recall ${s.recall.toFixed(3)} spec ${s.specificity.toFixed(3)}`,
    );
    expect(s.n).toBeGreaterThan(50);
    expect(truth.filter((t) => !t).length).toBeGreaterThan(2); // non-readerable pages are in this half too
    expect(s.balanced).toBeGreaterThanOrEqual(0.95); // measured 0.975 (67 pages)
  }, 300_000);
});
