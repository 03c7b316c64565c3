// Highlight anchoring benchmark: `npm run bench:anchor [-- --pages=N] [--per-page=N] [--half train|held-out]`.
//
// Highlights of mixed kinds (a few words, 8–20 words, a sentence, two sentences, a span across a
// paragraph break, a 2–3 word phrase that recurs in the text) are chosen with a seeded PRNG in the
// ground-truth article bodies of the Zyte pages, described with lib/highlights/selectors, then
// re-anchored with lib/highlights/anchor in a perturbed copy of the text (scripts/lib/anchor-perturb:
// unchanged, a paragraph from another page inserted before, 5,000 characters of other pages at the
// top, 1–3 light edits inside the quote, another paragraph removed, the quote's own paragraph removed).
// A placement is right when it overlaps where the words now are by ≥ 80 % of both spans; placing a
// highlight whose paragraph was removed counts as misplaced. Thresholds are tuned on the train half.
// Last line: `placed_right=<pct> misplaced=<pct> unplaced=<pct> highlights=<n>` over every anchored
// case (highlight × perturbation), percentages with two decimals.
import { performance } from 'node:perf_hooks';
import { anchorTarget } from '../lib/highlights/anchor';
import { haveZyte, quantile, zytePages, ZYTE_DIR } from './lib/corpora';
import { HALVES, pageHalf, type Half } from './lib/splits';
import {
  chooseHighlights,
  judge,
  perturbations,
  PERTURBATIONS,
  rng,
  seedOf,
  type Outcome,
  type PageText,
  type Perturbation,
} from './lib/anchor-perturb';

/** `--name=value` or `--name value`. */
const arg = (name: string): string | undefined => {
  const argv = process.argv;
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const PER_PAGE = Number(arg('per-page') ?? 8);
const MAX_PAGES = Number(arg('pages') ?? Infinity);
const ONLY_HALF = arg('half') as Half | undefined;
if (ONLY_HALF !== undefined && !HALVES.includes(ONLY_HALF)) {
  console.error(`bench:anchor: --half must be one of ${HALVES.join(', ')} (got ${JSON.stringify(ONLY_HALF)})`);
  process.exit(2);
}
const SHOW_MISPLACED = process.argv.includes('--show-misplaced');
const SHOW_UNPLACED = process.argv.includes('--show-unplaced');

if (!haveZyte()) {
  const inCi = !!process.env.CI && !/^(0|false)$/i.test(process.env.CI);
  console.error(`bench:anchor: Zyte corpus missing at ${ZYTE_DIR} (ground-truth.json); put the shared corpora there or set GIST_SHARED.`);
  process.exit(inCi ? 1 : 2);
}

type Tally = Record<Outcome, number>;
const zero = (): Tally => ({ right: 0, misplaced: 0, unplaced: 0 });
const byPerturbation = new Map<string, Tally>();
const byHalf = new Map<string, Tally>();
const byHow = new Map<string, number>();
const overall = zero();
const times: number[] = [];
let highlights = 0;

const pages: PageText[] = zytePages()
  .map((p) => ({ id: p.id, text: p.truth }))
  .slice(0, MAX_PAGES);
const seen = ONLY_HALF ? pages.filter((p) => pageHalf('zyte', p.id) === ONLY_HALF) : pages;
for (const page of seen) {
  const r = rng(seedOf(page.id));
  const others = pages.filter((o) => o.id !== page.id);
  // Other pages in a page-specific order, so inserted text differs between pages.
  const start = r.int(others.length);
  const donors = [...others.slice(start), ...others.slice(0, start)];
  for (const h of chooseHighlights(page, PER_PAGE, r)) {
    highlights++;
    for (const c of perturbations(page, h, donors, r)) {
      const t0 = performance.now();
      const result = anchorTarget(c.text, c.target);
      times.push(performance.now() - t0);
      const outcome = judge(result, c.truth);
      const half = pageHalf('zyte', page.id);
      for (const [map, key] of [
        [byPerturbation, `${half}\t${c.perturbation}`],
        [byPerturbation, `all\t${c.perturbation}`],
        [byHalf, half],
      ] as const) {
        const t = map.get(key) ?? zero();
        t[outcome]++;
        map.set(key, t);
      }
      overall[outcome]++;
      byHow.set(result.how, (byHow.get(result.how) ?? 0) + 1);
      if (SHOW_MISPLACED && outcome === 'misplaced') {
        console.log(`MISPLACED ${page.id} ${c.perturbation} ${h.kind} ${JSON.stringify(c.target.quote.exact)}`);
        console.log(`  truth ${JSON.stringify(c.truth && c.text.slice(c.truth.start, c.truth.end))}`);
        if (result.start !== null)
          console.log(`  placed ${result.how} ${result.score.toFixed(3)} ${JSON.stringify(c.text.slice(result.start, result.end))}`);
      }
      if (SHOW_UNPLACED && outcome === 'unplaced' && c.truth && result.start === null) {
        console.log(`UNPLACED ${c.perturbation} ${h.kind} ${JSON.stringify(c.target.quote.exact.slice(0, 80))}: ${result.reason}`);
      }
    }
  }
}

const total = (t: Tally) => t.right + t.misplaced + t.unplaced;
const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(2) : '0.00');
const row = (label: string, t: Tally) =>
  `${label.padEnd(28)} ${String(total(t)).padStart(6)} ${`${t.right} (${pct(t.right, total(t))}%)`.padStart(16)} ${`${t.misplaced} (${pct(t.misplaced, total(t))}%)`.padStart(14)} ${`${t.unplaced} (${pct(t.unplaced, total(t))}%)`.padStart(15)}`;
const header = `${'perturbation'.padEnd(28)} ${'cases'.padStart(6)} ${'placed right'.padStart(16)} ${'misplaced'.padStart(14)} ${'unplaced'.padStart(15)}`;
const EXPECT: Record<Perturbation, string> = {
  unchanged: 'right',
  'paragraph-inserted-before': 'right',
  '5000-chars-at-top': 'right',
  'light-edit-in-quote': 'right (edited span)',
  'paragraph-removed': 'right',
  'quote-paragraph-removed': 'unplaced',
};

console.log(`bench:anchor — ${seen.length} Zyte pages, ${highlights} highlights, ${total(overall)} anchored cases`);
for (const half of ['all', ...(ONLY_HALF ? [] : HALVES)]) {
  console.log(`\n[${half === 'all' && ONLY_HALF ? ONLY_HALF : half}]`);
  console.log(header);
  for (const p of PERTURBATIONS) {
    const t = byPerturbation.get(`${half}\t${p}`);
    if (t) console.log(`${row(p, t)}   expected: ${EXPECT[p]}`);
  }
  const t = half === 'all' ? overall : byHalf.get(half);
  if (t) console.log(row('total', t));
}
console.log(`\nhow placed: ${[...byHow].map(([k, v]) => `${k} ${v}`).join(', ')}`);
const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
console.log(
  `time per anchor: mean ${mean.toFixed(2)} ms, p95 ${quantile(times, 0.95).toFixed(2)} ms, max ${Math.max(...times).toFixed(1)} ms`,
);
const n = total(overall);
console.log(
  `placed_right=${pct(overall.right, n)} misplaced=${pct(overall.misplaced, n)} unplaced=${pct(overall.unplaced, n)} highlights=${n}`,
);
