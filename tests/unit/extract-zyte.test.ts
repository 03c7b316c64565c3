// Regression guard on real pages: extraction quality on the HELD-OUT half of the Zyte article-extraction
// corpus (92 of 181 pages, scripts/lib/splits.ts; rules are tuned on the other half; the full set is
// `npm run bench:extract`, which prints both halves). Reached when written: F1 0.971, P 0.957, 3 pages
// below 0.8 (bare Readability on this half: F1 0.940). Floors: F1 >= 0.965, P >= 0.95, at most 3 below
// 0.8. Numbers only, no timing.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { extractArticle } from '../../lib/extract/index';
import { loadScorer, SCORER, ZYTE_DIR, zytePages } from '../../scripts/lib/corpora';
import { dropStylesheets, parsePage, readPageFile } from '../../scripts/lib/load-page';
import { pageHalf } from '../../scripts/lib/splits';
import { describeCorpus } from './corpus';

describeCorpus('extraction on the Zyte corpus (../shared)', [join(ZYTE_DIR, 'ground-truth.json'), SCORER], () => {
  it('keeps F1 >= 0.965, precision >= 0.95 and at most 3 pages below 0.8 (held-out half)', async () => {
    const score = await loadScorer();
    const truth: Record<string, { articleBody: string }> = {};
    const pred: Record<string, { articleBody: string }> = {};
    for (const p of zytePages().filter((p) => pageHalf('zyte', p.id) === 'held-out')) {
      truth[p.id] = { articleBody: p.truth };
      const dom = parsePage(dropStylesheets(readPageFile(p.file)), p.url);
      const a = extractArticle(dom.window.document, { url: p.url, window: dom.window as unknown as Window });
      pred[p.id] = { articleBody: a?.text ?? '' };
      dom.window.close();
    }
    const s = score(truth, pred);
    console.log(`zyte: F1 ${s.f1.toFixed(3)} P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} pages<0.8 ${s.below08}`);
    expect(s.pages).toBe(92);
    expect(s.f1).toBeGreaterThanOrEqual(0.965);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.below08).toBeLessThanOrEqual(3);
  }, 300_000);
});
