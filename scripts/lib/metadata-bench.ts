// The metadata section of `npm run bench:extract`: title / byline / excerpt on Mozilla Readability's
// test pages, ours vs bare Readability in the same run, for each fixed half and all pages.
import { readabilityPages } from './corpora';
import {
  bareMeta,
  COLUMNS,
  compareMeta,
  FIELDS,
  normMeta,
  ourMeta,
  rates,
  cutTitlePart,
  namesSite,
  type Field,
  type PageResult,
} from './metadata-score';
import { HALVES, pageHalf } from './splits';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(7);

export function benchReadabilityPages(opts: { misses?: boolean } = {}): void {
  const pages = readabilityPages();
  const ours = compareMeta(pages, ourMeta);
  const bare = compareMeta(pages, (doc) => bareMeta(doc));
  console.log('== metadata (Readability test pages, jsdom, http://fakehost/test/page.html) ==');
  console.log('equality after NFC, whitespace runs to one space, trim; missing = empty; byline also without a leading');
  console.log('"By"/"Par"/"Von"/"Written by" label (byline= : without that step). Targets: title >= 97 %, byline >= 95 %, excerpt >= 95 %');
  console.log(`${''.padEnd(26)}${COLUMNS.map((f) => f.padStart(9)).join('')}`);
  const row = (name: string, rs: PageResult[]) => {
    const r = rates(rs);
    console.log(`${name.padEnd(26)}${COLUMNS.map((f) => pct(r[f]).padStart(9)).join('')}`);
  };
  for (const half of [...HALVES, 'all'] as const) {
    const pick = (rs: PageResult[]) => (half === 'all' ? rs : rs.filter((r) => pageHalf('readability', r.slug) === half));
    const n = pick(ours).length;
    row(`readability ${half} (${n})`, pick(bare));
    row(`gist ${half} (${n})`, pick(ours));
  }
  // Counts only, both halves: what kind of title misses remain (no page of the held-out half is shown).
  for (const half of HALVES) {
    const misses = ours.filter((r) => pageHalf('readability', r.slug) === half && !r.ok.title);
    const cut = misses.flatMap((r) => {
      const part = cutTitlePart(r);
      return part === null ? [] : [{ r, part }];
    });
    const page = (slug: string) => pages.find((p) => p.slug === slug)!;
    const site = cut.filter(({ r, part }) => namesSite(page(r.slug), part)).length;
    console.log(
      `gist ${half} title misses: ${misses.length}; ${cut.length} are the expected title less a part after/before a separator ` +
        `("Story" for "Story | Site"), ${site} of them a part the page's metadata or home link names as the site; ${misses.length - cut.length} other`,
    );
  }
  if (!opts.misses) return;
  // Mismatches of the train half only: rules are tuned on it, the held-out half stays unseen.
  console.log('train-half mismatches (field, slug, expected | gist | bare readability):');
  const short = (v: string | null, f: Field) => JSON.stringify(normMeta(v, f).slice(0, 120));
  for (const [i, r] of ours.entries()) {
    if (pageHalf('readability', r.slug) !== 'train') continue;
    for (const f of FIELDS) {
      if (!r.ok[f])
        console.log(`  ${f.padEnd(7)} ${r.slug}: ${short(r.expected[f], f)} | ${short(r.got[f], f)} | ${short(bare[i].got[f], f)}`);
    }
  }
}
