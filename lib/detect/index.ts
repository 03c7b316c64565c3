// Article detection for the always-on content script: a small linear model over cheap page signals
// (structured data, URL shape, paragraph layout, teaser links). See features.ts; the weights were fitted
// by scripts/bench-detect.ts --fit (logistic regression, class-balanced, L2) on the train halves
// (scripts/lib/splits.ts) of the article-detection corpus, the Zyte pages and Readability's test pages.
// A page also needs some article text (hasArticleText), whatever it scores.
import { countWordsAndCjk, headFeatures, pageSignals, scanText, type ScoredFeatures } from './features';
import { estimateReading } from './reading-estimate';

export type { DetectFeatures } from './features';
export { detectFeatures } from './features';

export interface Detection {
  isArticle: boolean;
  /** Estimated words in the main text, for the badge's reading time. */
  wordCount: number;
  /** Chinese/Japanese characters of the main text (not in wordCount). */
  cjkChars: number;
  /** Images of the main text (they add seconds to the reading time). */
  images?: number;
  /** Model score; > 0 means article. */
  score: number;
}

type Weights = Record<keyof ScoredFeatures, number> & { bias: number };

export const WEIGHTS: Weights = {
  bias: -1.171,
  schemaArticle: 0.898,
  schemaOther: -0.383,
  ogType: 0.994,
  published: 0.789,
  urlDate: 0.845,
  urlSlug: 0.976,
  urlShallow: -1.675,
  urlListing: -0.854,
  urlProduct: -0.405,
  password: -0.525,
  longParas: -0.162,
  paraText: -0.656,
  dominant: 0.35,
  headlineLinks: 0.174,
  articleEls: 0.157,
  linksPerPara: -0.378,
  selects: -0.625,
  fields: -0.179,
  readerScore: 0.508,
  mainText: 0.827,
};

/**
 * The least text an article has: 300 characters in text blocks (a brief of three short paragraphs), or
 * one long block as isProbablyReaderable counts them (its bar: a score of 20). Below it a page is a
 * stub, a form or a media page whatever its metadata says.
 */
export const hasArticleText = (f: ScoredFeatures): boolean => f.paraText >= Math.log1p(3) || f.readerScore > Math.log1p(20);

export function scoreFeatures(f: ScoredFeatures, w: Weights = WEIGHTS): number {
  let s = w.bias;
  for (const k of Object.keys(w) as (keyof Weights)[]) if (k !== 'bias') s += w[k] * f[k];
  return s;
}

/**
 * How far a verdict read: the text blocks, URL and links only ('text', the first stage); all the body's
 * signals ('body'); the head's too ('head': the complete model).
 */
export type DecideStage = 'text' | 'body' | 'head';

/** The verdict alone (the content script's first idle slice): the scored features, the main text not yet counted. */
export interface Decision {
  isArticle: boolean;
  /** The model's score over the signals read (`stage`); the others count 0. */
  score: number;
  /** The scored features; those not read at `stage` left at 0. */
  features: ScoredFeatures;
  /** How far it read: at 'body', the head could not change the verdict; at 'text', see FIRST_STAGE. */
  stage: DecideStage;
  /** The dominant container's text blocks, counted for the badge only when needed (detectionOf). */
  mainText: string;
}

/**
 * The first stage's thresholds on the score of the text, URL and link signals alone (scanText, the
 * others 0): above `article`, an article; below `other`, not one; between them the rest is read. Set by
 * bench:detect --fit for these weights on the train halves: `article` 0.25 above the first-stage score
 * of every train page the complete model calls no article, `other` 0.25 below that of every one it
 * calls an article. Fitted, not a bound: a page whose structured data, og:type and forms all contradict
 * its text can get another verdict here than from the complete model (none of the corpora's pages does).
 */
export const FIRST_STAGE = { article: 1.93, other: -1.37 };

/** The least and most the head's signals (og:type -1..1, published 0..1) can add to a score. */
const HEAD_MIN = Math.min(-WEIGHTS.ogType, WEIGHTS.ogType, 0) + Math.min(WEIGHTS.published, 0);
const HEAD_MAX = Math.max(-WEIGHTS.ogType, WEIGHTS.ogType, 0) + Math.max(WEIGHTS.published, 0);
/** Rounding room: a score summed in another order may differ in its last bits. */
const EPS = 1e-9;

/**
 * The verdict, in up to three steps, each read only when the ones before leave it open: the text
 * blocks, URL and links (what isProbablyReaderable-like reading costs; a page without article text,
 * or scoring beyond FIRST_STAGE, is settled there); then the body's other signals (structured data,
 * forms, headline links); then the head's (a walk over every <meta>), only when their bounds
 * (HEAD_MIN, HEAD_MAX) leave the verdict open. `complete` reads everything: the full model's verdict.
 * `url`: the page's address (doc.URL by default; benchmarks give a served copy its original one).
 */
export function decideArticle(doc: Document, o: { complete?: boolean; firstStage?: typeof FIRST_STAGE; url?: string } = {}): Decision {
  const { features, mainText } = scanText(doc, o.url);
  const text = hasArticleText(features);
  if (!o.complete) {
    const first = scoreFeatures(features);
    const t = o.firstStage ?? FIRST_STAGE;
    if (!text || first < t.other) return { isArticle: false, score: first, features, stage: 'text', mainText };
    if (first > t.article) return { isArticle: true, score: first, features, stage: 'text', mainText };
  }
  Object.assign(features, pageSignals(doc));
  const partial = scoreFeatures(features);
  if (!o.complete) {
    if (partial + HEAD_MAX < -EPS) return { isArticle: false, score: partial, features, stage: 'body', mainText };
    if (partial + HEAD_MIN > EPS) return { isArticle: true, score: partial, features, stage: 'body', mainText };
  }
  Object.assign(features, headFeatures(doc));
  const score = scoreFeatures(features);
  return { isArticle: score > 0 && text, score, features, stage: 'head', mainText };
}

/**
 * The badge's counts for a decision: for an article, its text counted the way the extraction will
 * (reading-estimate.ts); otherwise, or when that finds no text, the words of the dominant container.
 */
export function detectionOf(doc: Document, d: Decision): Detection {
  const { isArticle, score } = d;
  const e = isArticle ? estimateReading(doc) : null;
  if (e && (e.words || e.cjkChars)) return { isArticle, wordCount: e.words, cjkChars: e.cjkChars, images: e.images, score };
  const [words, cjkChars] = countWordsAndCjk(d.mainText);
  return { isArticle, wordCount: words, cjkChars, images: 0, score };
}

/** Decision and counts in one call (the extraction, tests and benchmarks); the content script splits them (slices.ts). */
export const detectArticle = (doc: Document): Detection => detectionOf(doc, decideArticle(doc, { complete: true }));
