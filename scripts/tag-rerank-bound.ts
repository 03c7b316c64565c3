// How far a reranking of the text tags could go, on the dev halves only (the held-out halves stay
// unseen): `tsx scripts/tag-rerank-bound.ts --cache=FILE`, FILE being the prepared Zyte inputs that
// `npm run bench:tags -- --cache=FILE` writes. A logistic model over the ranked top 30 text tags of each
// dev page (log score share of the best, rank, count, title, capital, several words, first position,
// share after a determiner, letters of a lowercase word and of a name) is fitted in-sample on KPCrowd
// dev, Zyte dev or both (Zyte rows weighted ×1–16), and the five it ranks first scored (bench:tags'
// strict F@5, five shown, no confidence floor). In-sample, so each line is optimistic for its corpus:
// the lines trace what one ranking of these cues can reach on both gold sets at once.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rankTags } from '../lib/tags/index';
import { collectCandidates } from '../lib/tags/candidates';
import { textKey } from '../lib/tags/text-tags';
import { type Doc, loadKpcrowd } from './lib/tag-corpora';
import { normTag, scoreTags } from './lib/tag-score';
import { fitLogistic } from './lib/logistic';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = process.argv.find((a) => a.startsWith('--cache='))?.slice(8) ?? '';
if (!cache || !existsSync(cache)) {
  console.error(`--cache=FILE must name the file written by \`npm run bench:tags -- --cache=FILE\` (got: ${cache || 'nothing'})`);
  process.exit(2);
}
const dev = (docs: Doc[]) => docs.filter((_, i) => i % 2 === 0);
const corpora = {
  KPCrowd: dev(loadKpcrowd(join(root, '../shared/corpora/500N-KPCrowd-v1.1'))),
  Zyte: dev((JSON.parse(readFileSync(cache, 'utf8')) as { docs: Doc[] }).docs),
};
type Corpus = keyof typeof corpora;
interface Row {
  corpus: Corpus;
  doc: number;
  tag: string;
  x: number[];
  y: number;
}

function features(d: Doc): { tag: string; x: number[] }[] {
  const { cands, total } = collectCandidates(d.input.title, d.input.text);
  const ranked = rankTags(d.input)
    .filter((t) => t.source === 'text')
    .slice(0, 30);
  const best = ranked[0]?.score ?? 1;
  return ranked.map((t, rank) => {
    const c = cands.get(textKey(t.tag));
    const count = c?.count ?? 0;
    const words = t.tag.split(/\s+/).length;
    const cap = /^\p{Lu}/u.test(t.tag) ? 1 : 0;
    const letters = Math.min(12, t.tag.length) / 12;
    const x = [
      Math.log(t.score / best),
      rank / 30,
      Math.log(1 + count),
      c?.inTitle ? 1 : 0,
      cap,
      words > 1 ? 1 : 0,
      c && count ? Math.sqrt(c.first / Math.max(1, total)) : 1,
      c && count ? c.afterDet / count : 0,
      words === 1 && !cap ? letters : 0,
      words === 1 && cap ? letters : 0,
    ];
    return { tag: t.tag, x };
  });
}

const rows: Row[] = [];
for (const corpus of Object.keys(corpora) as Corpus[]) {
  corpora[corpus].forEach((d, doc) => {
    const gold = new Set(d.gold.map(normTag));
    for (const { tag, x } of features(d)) rows.push({ corpus, doc, tag, x, y: gold.has(normTag(tag)) ? 1 : 0 });
  });
}

function f5(corpus: Corpus, w: number[], b: number): string {
  let f = 0;
  corpora[corpus].forEach((d, doc) => {
    const top = rows
      .filter((r) => r.corpus === corpus && r.doc === doc)
      .map((r) => ({ tag: r.tag, z: b + r.x.reduce((s, v, j) => s + v * w[j], 0) }))
      .sort((a, c) => c.z - a.z)
      .slice(0, 5);
    f += scoreTags(
      top.map((t) => t.tag),
      d.gold,
      5,
    ).f;
  });
  return ((100 * f) / corpora[corpus].length).toFixed(2);
}

const perZyteRow = rows.filter((r) => r.corpus === 'KPCrowd').length / rows.filter((r) => r.corpus === 'Zyte').length;
const fits: [string, number, number][] = [
  ['KPCrowd dev only', 1, 0],
  ['Zyte dev only', 0, 1],
  ...[0.5, 1, 2, 4].map((m): [string, number, number] => [`both, Zyte rows ×${Math.round(m * perZyteRow)}`, 1, Math.round(m * perZyteRow)]),
];
for (const [label, kpWeight, zyteWeight] of fits) {
  const X: number[][] = [];
  const y: number[] = [];
  for (const r of rows) {
    for (let k = 0; k < (r.corpus === 'Zyte' ? zyteWeight : kpWeight); k++) {
      X.push(r.x);
      y.push(r.y);
    }
  }
  const { w, b } = fitLogistic(X, y, { l2: 0.001, iters: 2000, lr: 0.3, balance: false });
  console.log(`fitted on ${label.padEnd(22)} F@5 (five shown) KPCrowd dev ${f5('KPCrowd', w, b)}  Zyte dev ${f5('Zyte', w, b)}`);
}
