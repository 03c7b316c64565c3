// @vitest-environment node
// Every payload of the shared XSS corpus through the article sanitizer (jsdom), then structural proof
// that nothing in the output can run once re-parsed the way the reader inserts it (mutation XSS).
// jsdom builds a document per sanitize call (~10 ms), so the save → store → render chain (three more
// passes) runs on every 4th payload by default; GIST_XSS_FULL=1 runs it on all of them.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from '../../lib/sanitize/sanitize-html';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { auditArticleDom } from '../../lib/sanitize/dom-audit';

const VECTORS = resolve(import.meta.dirname, '../../../shared/corpora/xss-vectors/vectors.jsonl');
const HAVE = existsSync(VECTORS);
const FULL = process.env.GIST_XSS_FULL === '1';
if (!HAVE) console.warn(`sanitize-vectors: skipped, ${VECTORS} is absent (the shared corpora live at ../shared)`);

describe.skipIf(!HAVE)('XSS corpus through sanitizeArticleHtml', () => {
  it('leaves no executable or active markup for any payload', () => {
    const lines = readFileSync(VECTORS, 'utf8').split('\n').filter(Boolean);
    const vectors = lines.map((l) => JSON.parse(l) as { id: string; payload: string });
    expect(vectors.length).toBe(7893);
    const { window } = new JSDOM('<!doctype html><body></body>', { url: 'https://reader.example/' });
    const win = window as unknown as Window;
    const render = (html: string) => {
      const box = window.document.createElement('div');
      box.innerHTML = html; // how the reader inserts it
      return box;
    };
    const failures: string[] = [];
    let checked = 0;
    let chained = 0;
    for (const v of vectors) {
      // Inside an article body, as the extractor hands it over.
      const html = `<article><p>before</p>${v.payload}<p>after</p></article>`;
      const once = sanitizeArticleHtml(html, win);
      const stages: [string, string][] = [['sanitize', once]];
      if (FULL || checked % 4 === 0) {
        const twice = sanitizeArticleHtml(once, win);
        const stored = prepareStoredHtml(html, win, 'https://news.example/a/story.html').html;
        stages.push(['resanitize', twice], ['stored', stored], ['render', sanitizeArticleHtml(stored, win)]);
        // Sanitizing is idempotent: a second pass finds nothing left to remove.
        if (twice !== once) failures.push(`${v.id}: not idempotent`);
        chained++;
      }
      for (const [stage, out] of stages) {
        const problems = auditArticleDom(render(out));
        if (problems.length) failures.push(`${v.id} [${stage}]: ${problems.join('; ')}`);
      }
      checked++;
    }
    console.log(`sanitize-vectors: ${checked} payloads sanitized, ${chained} also through save → store → render; ${failures.length} unsafe outputs`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(checked).toBe(7893);
  }, 900_000);
});
