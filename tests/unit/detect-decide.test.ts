// decideArticle settles the verdict without the head's signals (og:type, a published date: a walk over
// every <meta>) when they cannot change it, and then gives the verdict the complete model gives (its
// first stage, the text signals alone, is tested in detect-first-stage.test.ts).
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { decideArticle } from '../../lib/detect/index';

const para = (i: number) =>
  `<p>Paragraph ${i}: the council met on Tuesday and agreed, after a long debate about costs and timing, to rebuild the old bridge.</p>`;
const page = (o: { og: string; published: boolean; paras: number; teasers: number; url: string }) =>
  new JSDOM(
    `<html><head>${o.og ? `<meta property="og:type" content="${o.og}">` : ''}${o.published ? '<meta property="article:published_time" content="2024-05-01">' : ''}</head>` +
      `<body><nav>${'<a href="/x">Section</a>'.repeat(12)}</nav><div>${Array.from({ length: o.paras }, (_, i) => para(i)).join('')}</div>` +
      `${Array.from({ length: o.teasers }, (_, i) => `<h2><a href="/s${i}">Story ${i}</a></h2>`).join('')}</body></html>`,
    { url: o.url, virtualConsole: new VirtualConsole() },
  ).window.document;

const NO_FIRST_STAGE = { article: Infinity, other: -Infinity };

describe('decideArticle', () => {
  it('gives the complete verdict on every page, reading the head only where it could change it', () => {
    const OGS = ['', 'article', 'website'];
    const full = new Map<string, boolean>();
    const quick = new Map<string, boolean>();
    for (const og of OGS)
      for (const published of [false, true])
        for (const paras of [0, 2, 3, 5])
          for (const teasers of [0, 6])
            for (const url of [
              'https://news.example.com/',
              'https://news.example.com/city/council-agrees-to-rebuild-the-bridge',
              'https://news.example.com/p/1234',
            ]) {
              const o = { og, published, paras, teasers, url };
              const d = page(o);
              const walk = vi.spyOn(d.head, 'querySelectorAll');
              // The first stage off: this is the body and head stages' exactness (detect-first-stage.test.ts has the first's).
              const q = decideArticle(d, { firstStage: NO_FIRST_STAGE });
              expect(walk.mock.calls.length > 0, JSON.stringify(o)).toBe(q.stage === 'head');
              const f = decideArticle(d, { complete: true });
              expect(q.isArticle, JSON.stringify(o)).toBe(f.isArticle);
              full.set(JSON.stringify(o), f.isArticle);
              quick.set(JSON.stringify(o), q.stage === 'head');
            }
    // Where the head decides (the same body under other head signals gets another verdict), it was read.
    let headDecides = 0;
    for (const [key, verdict] of full) {
      const o = JSON.parse(key) as { og: string; published: boolean };
      const others = OGS.flatMap((og) => [false, true].map((published) => full.get(JSON.stringify({ ...o, og, published }))));
      if (others.some((v) => v !== verdict)) {
        headDecides++;
        expect(quick.get(key), key).toBe(true);
      }
    }
    // Both paths taken: most pages settled without the head, some needing it.
    expect([...quick.values()].filter((c) => !c).length).toBeGreaterThan(60);
    expect(headDecides).toBeGreaterThan(5);
  }, 120_000);
});
