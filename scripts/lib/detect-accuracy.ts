// bench:detect's accuracy side: the page rows, one report line per corpus and half, and --fit (a
// logistic refit on the train halves plus the first stage's thresholds for the shipped weights).
import { hasArticleText, scoreFeatures, WEIGHTS, type DecideStage, type DetectFeatures } from '../../lib/detect/index';
import { binaryStats, fitLogistic, type BinaryStats } from './logistic';
import type { Corpus } from './page-twins';
import { HALVES, type Half } from './splits';

export type { Corpus };
export interface Row {
  id: string;
  file: string;
  url: string | null;
  article: boolean;
  corpus: Corpus;
  kind: string;
  half: Half;
  f?: DetectFeatures;
  /** The content script's verdict (decideArticle: each stage read only where the ones before leave it open), and how far it read. */
  quick?: { isArticle: boolean; stage: DecideStage };
  /** The first stage's score (scanText's signals alone, the shipped weights). */
  first?: number;
  readerable?: boolean;
  error?: string;
}

/** The signals scanText leaves at 0 for the first stage (pageSignals and the head's). */
const NOT_FIRST_STAGE: (keyof DetectFeatures)[] = [
  'schemaArticle',
  'schemaOther',
  'ogType',
  'published',
  'password',
  'headlineLinks',
  'selects',
  'fields',
];
const KEYS = Object.keys(WEIGHTS).filter((k) => k !== 'bias') as (keyof DetectFeatures)[];
const vec = (f: DetectFeatures) => KEYS.map((k) => f[k]);

const fmt = (name: string, s: BinaryStats) =>
  `${name.padEnd(34)} n ${String(s.n).padStart(3)}  acc ${s.accuracy.toFixed(3)}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  spec ${Number.isNaN(s.specificity) ? '  -  ' : s.specificity.toFixed(3)}  balanced ${Number.isNaN(s.balanced) ? '  -  ' : s.balanced.toFixed(3)}`;
const CORPORA: Corpus[] = ['detection', 'zyte', 'readability'];
/** One line per corpus and half (train, held-out, both). */
export function reportAccuracy(subset: Row[], title: string, predict: (r: Row) => boolean) {
  for (const c of CORPORA) {
    for (const h of [...HALVES, 'all'] as const) {
      const sel = subset.filter((r) => r.corpus === c && (h === 'all' || r.half === h));
      if (sel.length)
        console.log(
          fmt(
            `${title} ${c} ${h}`,
            binaryStats(
              sel.map(predict),
              sel.map((r) => r.article),
            ),
          ),
        );
    }
  }
}

// Fitted on the train halves of all three corpora (5-fold cross-validation inside them chose this over
// detection + Zyte alone); held-out halves are only scored.
const FIT_ON: Corpus[] = ['detection', 'zyte', 'readability'];
/** Room between the first stage's thresholds and the train pages' extremes (score units). */
const FIRST_MARGIN = 0.25;

/** --fit: the weights refitted on the train halves, scored on every half, printed ready to paste. */
export function printRefit(ok: Row[]) {
  const train = ok.filter((r) => r.half === 'train' && FIT_ON.includes(r.corpus));
  const m = fitLogistic(
    train.map((r) => vec(r.f!)),
    train.map((r) => (r.article ? 1 : 0)),
    { l2: 0.01, iters: 3000, lr: 0.2 },
  );
  const pr = (r: Row) => m.b + m.w.reduce((s, w, j) => s + w * vec(r.f!)[j], 0) > 0 && hasArticleText(r.f!);
  console.log(`-- fitted on the train halves (${train.length} pages):`);
  reportAccuracy(ok, '  refit', pr);
  // Three decimals: rounded to two, the weights move borderline pages (features reach ~5).
  console.log(`  bias: ${m.b.toFixed(3)}, ${KEYS.map((k, j) => `${k}: ${m.w[j].toFixed(3)}`).join(', ')},`);
  // The first stage's thresholds (lib/detect/index.ts FIRST_STAGE), for the shipped weights and for the
  // refitted ones: of the train pages with article text, `article` lies above the first-stage score of
  // every one the complete model calls no article, `other` below that of every one it calls an article,
  // each by FIRST_MARGIN. The first-stage score is the model's over scanText's signals, the others 0.
  const withText = train.filter((r) => hasArticleText(r.f!));
  const firstStage = (name: string, full: (f: DetectFeatures) => number, first: (r: Row) => number) => {
    const hi = Math.max(...withText.filter((r) => full(r.f!) <= 0).map(first));
    const lo = Math.min(...withText.filter((r) => full(r.f!) > 0).map(first));
    console.log(
      `  first stage (${name}): article > ${(hi + FIRST_MARGIN).toFixed(2)}, other < ${(lo - FIRST_MARGIN).toFixed(2)} (train extremes ${hi.toFixed(3)} / ${lo.toFixed(3)}, margin ${FIRST_MARGIN})`,
    );
  };
  const textOnly = (f: DetectFeatures) => ({ ...f, ...Object.fromEntries(NOT_FIRST_STAGE.map((k) => [k, 0])) });
  firstStage(
    'shipped weights',
    (f) => scoreFeatures(f),
    (r) => r.first!,
  );
  const refit = {
    bias: Number(m.b.toFixed(3)),
    ...Object.fromEntries(KEYS.map((k, j) => [k, Number(m.w[j].toFixed(3))])),
  } as typeof WEIGHTS;
  firstStage(
    'refitted weights, as printed',
    (f) => scoreFeatures(f, refit),
    (r) => scoreFeatures(textOnly(r.f!), refit),
  );
}
