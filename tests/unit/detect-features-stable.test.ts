// The detector's cost work (fewer DOM passes, split slices) must not move a single feature: the weights
// in lib/detect/index.ts were fitted on these exact values. Every 8th page of the three detection
// corpora, loaded as bench:detect loads them; the features and the detection (badge counts included)
// must equal the recorded ones to the last bit, and the content script's quicker verdict must equal it. A deliberate change of a feature (then refit the
// weights) re-records them with `npx vitest run -u tests/unit/detect-features-stable.test.ts`.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decideArticle, detectArticle, detectFeatures } from '../../lib/detect/index';
import { detectPages, DETECT_DIR, READABILITY_DIR, readabilityPages, zytePages, ZYTE_DIR } from '../../scripts/lib/corpora';
import { dropStylesheets, loadPage, parsePage, readPageFile } from '../../scripts/lib/load-page';
import { describeCorpus } from './corpus';

/** Page parsing in one synchronous loop starves the worker's RPC (Vitest: "Timeout calling onTaskUpdate"). */
const yieldToWorker = () => new Promise((resolve) => setTimeout(resolve, 0));

describeCorpus(
  'detection features of corpus pages (../shared)',
  [join(DETECT_DIR, 'labels.json'), join(ZYTE_DIR, 'ground-truth.json'), join(READABILITY_DIR, 'pages')],
  () => {
    it('are the recorded ones, bit for bit, and so is the detection', async () => {
      const pages = [
        ...detectPages().map((p) => ({
          id: `detection/${p.id}`,
          load: () => parsePage(dropStylesheets(readPageFile(p.file)), p.url ?? undefined),
        })),
        ...zytePages().map((p) => ({
          id: `zyte/${p.id}`,
          load: () => parsePage(dropStylesheets(readPageFile(p.file)), p.url ?? undefined),
        })),
        ...readabilityPages().map((p) => ({ id: `readability/${p.slug}`, load: () => loadPage(p.file, undefined, { dropStyles: true }) })),
      ].filter((_, i) => i % 8 === 0);
      const got: Record<string, unknown> = {};
      for (const p of pages) {
        await yieldToWorker();
        let dom;
        try {
          dom = p.load();
        } catch {
          continue; // jsdom cannot parse a few real pages (bench:detect skips them too)
        }
        const detection = detectArticle(dom.window.document);
        got[p.id] = { features: detectFeatures(dom.window.document), detection };
        // The content script's verdict, which reads the head only where it can change it, is the same.
        expect(decideArticle(dom.window.document).isArticle, p.id).toBe(detection.isArticle);
        dom.window.close();
      }
      expect(Object.keys(got).length).toBeGreaterThan(80);
      await expect(JSON.stringify(got, null, 1)).toMatchFileSnapshot('../fixtures/detect-features.json');
    }, 900_000);
  },
);
