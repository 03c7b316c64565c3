// decideArticle's first stage: the text blocks, URL and links alone settle a page whose score is beyond
// FIRST_STAGE (fitted on the train halves by bench:detect --fit), without reading structured data,
// forms, headlines or the head; where it settles a page, the complete model gives the same verdict.
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { decideArticle } from '../../lib/detect/index';

const para = (i: number, words: number) =>
  `<p>Paragraph ${i}: ${'the council met on Tuesday and agreed to rebuild the old bridge after a long debate '.repeat(words).trim()}.</p>`;
interface PageSpec {
  paras: number;
  words: number;
  teasers: number;
  nav: number;
  og: string;
  ld: string;
  form: boolean;
  url: string;
}
const page = (o: PageSpec) =>
  new JSDOM(
    `<html><head>${o.og ? `<meta property="og:type" content="${o.og}">` : ''}` +
      `${o.ld ? `<script type="application/ld+json">{"@type": "${o.ld}"}</script>` : ''}</head>` +
      `<body><nav>${'<a href="/x">Section</a>'.repeat(o.nav)}</nav>` +
      `${o.form ? '<form><input name="q"><select><option>1</option></select><button>Go</button></form>' : ''}` +
      `<div>${Array.from({ length: o.paras }, (_, i) => para(i, o.words)).join('')}</div>` +
      `${Array.from({ length: o.teasers }, (_, i) => `<h2><a href="/s${i}">Story ${i}</a></h2><p>A teaser for story ${i} in a few words here.</p>`).join('')}</body></html>`,
    { url: o.url, virtualConsole: new VirtualConsole() },
  ).window.document;

/**
 * The rest of the model's signals, one at a time (none, or one for or against an article): the first
 * stage is fitted on real pages, not a bound, and a page where structured data, og:type and forms all
 * contradict its text (none such among the corpora's pages) can get another verdict from it.
 */
const REST: Pick<PageSpec, 'og' | 'ld' | 'form'>[] = [
  { og: '', ld: '', form: false },
  { og: 'article', ld: '', form: false },
  { og: 'website', ld: '', form: false },
  { og: '', ld: 'NewsArticle', form: false },
  { og: '', ld: 'CollectionPage', form: false },
  { og: '', ld: '', form: true },
];
function* specs(): Generator<PageSpec> {
  for (const paras of [1, 3, 8, 20])
    for (const words of [1, 3])
      for (const teasers of [0, 4, 15])
        for (const nav of [5, 60])
          for (const rest of REST)
            for (const url of [
              'https://news.example.com/',
              'https://news.example.com/city/council-agrees-to-rebuild-the-old-bridge',
              'https://news.example.com/2024/05/01/bridge',
              'https://news.example.com/tag/bridges',
            ])
              yield { paras, words, teasers, nav, ...rest, url };
}

describe('decideArticle, first stage', () => {
  it('gives the complete verdict wherever it settles a page, reading no structured data, form, headline or head', () => {
    let settled = 0,
      articles = 0,
      pages = 0;
    for (const o of specs()) {
      if (pages++ % 3) continue; // a third of the grid, spread over it: jsdom pages are slow
      const d = page(o);
      const qsa = vi.spyOn(d, 'querySelectorAll');
      const byTag = vi.spyOn(d, 'getElementsByTagName');
      const q = decideArticle(d);
      const selectors = qsa.mock.calls.map((c) => c[0]);
      const tags = byTag.mock.calls.map((c) => c[0]);
      const full = decideArticle(d, { complete: true });
      expect(q.isArticle, JSON.stringify(o)).toBe(full.isArticle);
      if (q.stage !== 'text') continue;
      settled++;
      if (q.isArticle) articles++;
      expect(
        selectors.filter((s) => /ld\+json|itemtype|password/.test(s)),
        JSON.stringify(o),
      ).toEqual([]);
      expect(
        tags.filter((t) => ['input', 'button', 'select', 'h2', 'h3'].includes(t)),
        JSON.stringify(o),
      ).toEqual([]);
    }
    // Both verdicts come from the first stage on a good share of the pages.
    expect(articles).toBeGreaterThan(20);
    expect(settled - articles).toBeGreaterThan(20);
  }, 300_000);

  it("reads the URL signals from `url` when given (a served copy's original address), else from the document", () => {
    const d = page({ paras: 3, words: 1, teasers: 0, nav: 5, og: '', ld: '', form: false, url: 'http://127.0.0.1:8080/page.html' });
    expect(decideArticle(d).features.urlDate).toBe(0);
    expect(decideArticle(d, { url: 'https://news.example.com/2024/05/01/bridge' }).features.urlDate).toBe(1);
  });
});
