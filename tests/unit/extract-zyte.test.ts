// Regression guard on real pages: extraction quality on the Zyte article-extraction corpus. To keep
// `npm test` short it runs on every other page (91 of 181; the full set is `npm run bench:extract`):
// F1 >= 0.960 (bare Readability on all pages: 0.947), precision >= 0.94, at most 3 pages below 0.8.
// Numbers only, no timing.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { extractArticle } from '../../lib/extract/index';
import { loadScorer, SCORER, ZYTE_DIR, zytePages } from '../../scripts/lib/corpora';
import { dropStylesheets, parsePage, readPageFile } from '../../scripts/lib/load-page';
import { describeCorpus } from './corpus';

describeCorpus('extraction on the Zyte corpus (../shared)', [join(ZYTE_DIR, 'ground-truth.json'), SCORER], () => {
  it('keeps F1 >= 0.960, precision >= 0.94 and at most 3 pages below 0.8 (every other page)', async () => {
    const score = await loadScorer();
    const truth: Record<string, { articleBody: string }> = {};
    const pred: Record<string, { articleBody: string }> = {};
    for (const p of zytePages().filter((_, i) => i % 2 === 0)) {
      truth[p.id] = { articleBody: p.truth };
      const dom = parsePage(dropStylesheets(readPageFile(p.file)), p.url);
      const a = extractArticle(dom.window.document, { url: p.url, window: dom.window as unknown as Window });
      pred[p.id] = { articleBody: a?.text ?? '' };
      dom.window.close();
    }
    const s = score(truth, pred);
    console.log(`zyte: F1 ${s.f1.toFixed(3)} P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} pages<0.8 ${s.below08}`);
    expect(s.pages).toBe(91);
    expect(s.f1).toBeGreaterThanOrEqual(0.96);
    expect(s.precision).toBeGreaterThanOrEqual(0.94);
    expect(s.below08).toBeLessThanOrEqual(3);
  }, 300_000);
});
