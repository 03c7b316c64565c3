// Regression guard on real pages: article detection on the labelled article-detection corpus plus Zyte
// pages (all articles). To keep `npm test` short it runs on a fixed sample (every 3rd detection page,
// every 4th Zyte page); the full numbers are `npm run bench:detect`. Must beat isProbablyReaderable
// and keep balanced accuracy >= 0.95.
import { isProbablyReaderable } from '@mozilla/readability';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { detectArticle } from '../../lib/detect/index';
import { detectPages, DETECT_DIR, zytePages, ZYTE_DIR } from '../../scripts/lib/corpora';
import { dropStylesheets, parsePage, readPageFile } from '../../scripts/lib/load-page';
import { binaryStats } from '../../scripts/lib/logistic';
import { describeCorpus } from './corpus';

describeCorpus(
  'detection on the article-detection + Zyte corpora (../shared)',
  [join(DETECT_DIR, 'labels.json'), join(ZYTE_DIR, 'ground-truth.json')],
  () => {
    it('keeps balanced accuracy >= 0.95 and beats isProbablyReaderable', () => {
      const pages = [
        ...detectPages().filter((_, i) => i % 3 === 0),
        ...zytePages()
          .filter((_, i) => i % 4 === 0)
          .map((p) => ({ file: p.file, url: p.url, article: true })),
      ];
      const ours: boolean[] = [],
        bare: boolean[] = [],
        truth: boolean[] = [];
      for (const p of pages) {
        let dom;
        try {
          dom = parsePage(dropStylesheets(readPageFile(p.file)), p.url ?? undefined);
        } catch {
          continue;
        } // jsdom cannot parse a few real pages
        ours.push(detectArticle(dom.window.document).isArticle);
        bare.push(isProbablyReaderable(dom.window.document));
        truth.push(p.article);
        dom.window.close();
      }
      const s = binaryStats(ours, truth),
        b = binaryStats(bare, truth);
      console.log(
        `detect sample n=${s.n}: gist balanced ${s.balanced.toFixed(3)} acc ${s.accuracy.toFixed(3)}; isProbablyReaderable balanced ${b.balanced.toFixed(3)} acc ${b.accuracy.toFixed(3)}`,
      );
      expect(s.n).toBeGreaterThan(200);
      expect(s.balanced).toBeGreaterThanOrEqual(0.95);
      expect(s.balanced).toBeGreaterThan(b.balanced);
    }, 240_000);
  },
);
