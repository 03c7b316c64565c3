// Regression guard on real pages: title / byline / excerpt on the HELD-OUT half of Mozilla Readability's
// test pages (scripts/lib/splits.ts; rules are tuned on the other half), compared with the metadata its
// maintainers reviewed, with the normalisation of scripts/lib/metadata-score.ts. The floors are the
// rates reached (pages matching of 67): one page lost fails. Skipped when
// ../shared is absent, except under CI, where a missing corpus is a failure.
import { describe, expect } from 'vitest';
import { join } from 'node:path';
import { itCorpus } from './corpus';
import { READABILITY_DIR, readabilityPages } from '../../scripts/lib/corpora';
import { compareMeta, cutTitlePart, ourMeta, rates } from '../../scripts/lib/metadata-score';
import { pageHalf } from '../../scripts/lib/splits';

// Reached when written, and again after the byline recovery rules (lib/extract/byline-clean.ts): title
// 89.4 %, byline 95.5 %, excerpt 100 % (59, 63, 66 of 66 pages). Title misses are site names taken off
// og:title ("Story | Site" → "Story"), which Readability keeps. Issue #15's site-name rules (a site's
// section such as "Spiceworks" for "Spiceworks Inc", a title cut where the page's <h1> shows the headline)
// take off more of what Readability keeps: title 86.4 % (57 of 66), byline and excerpt unchanged; 87.9 %
// (58) since. Every title miss must be of that kind: the expected title less a part we cut at a separator.
// Since each page has one half whatever its name (page-twins.ts), lifehacker-working joins its first save
// in this half: 67 pages, title 88.1 %, byline 95.5 %, excerpt 100 % (59, 64, 67).
const TITLE = 59 / 67,
  BYLINE = 64 / 67,
  EXCERPT = 67 / 67;

describe("metadata on the held-out half of Readability's test pages (../shared)", () => {
  itCorpus(
    'keeps title, byline and excerpt agreement at the reached rates',
    join(READABILITY_DIR, 'pages'),
    async () => {
      const pages = readabilityPages().filter((p) => pageHalf('readability', p.slug) === 'held-out');
      const results = [];
      for (const p of pages) {
        results.push(...compareMeta([p], ourMeta));
        await new Promise((resolve) => setTimeout(resolve, 0)); // let the worker report progress between pages
      }
      const r = rates(results);
      console.log(
        `readability held-out n=${pages.length}: title ${(r.title * 100).toFixed(1)} % byline ${(r.byline * 100).toFixed(1)} % excerpt ${(r.excerpt * 100).toFixed(1)} %`,
      );
      expect(pages.length).toBe(67);
      expect(r.title).toBeGreaterThanOrEqual(TITLE);
      const otherTitleMisses = results.filter((x) => !x.ok.title && cutTitlePart(x) === null);
      expect(otherTitleMisses.map((x) => x.slug)).toEqual([]);
      expect(r.byline).toBeGreaterThanOrEqual(BYLINE);
      expect(r.excerpt).toBeGreaterThanOrEqual(EXCERPT);
    },
    600_000,
  );
});
