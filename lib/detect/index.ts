// Article detection for the always-on content script: a small linear model over cheap page signals
// (structured data, URL shape, paragraph layout, teaser links). See features.ts; the weights were fitted
// by scripts/bench-detect.ts --fit (logistic regression, class-balanced, L2) on the train halves
// (scripts/lib/splits.ts) of the article-detection corpus, the Zyte pages and Readability's test pages.
// A page also needs some article text (hasArticleText), whatever it scores.
import { countWordsAndCjk, headFeatures, scanBody, type ScoredFeatures } from './features';
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

/** The verdict alone (the content script's first idle slice): the scored features, the main text not yet counted. */
export interface Decision {
  isArticle: boolean;
  /** The model's score; without the head's signals when `complete` is false. */
  score: number;
  /** The scored features; og:type and the published date left at 0 when `complete` is false. */
  features: ScoredFeatures;
  /** False when the verdict was settled without reading the head's signals (they could not change it). */
  complete: boolean;
  /** The dominant container's text blocks, counted for the badge only when needed (detectionOf). */
  mainText: string;
}

/** The least and most the head's signals (og:type -1..1, published 0..1) can add to a score. */
const HEAD_MIN = Math.min(-WEIGHTS.ogType, WEIGHTS.ogType, 0) + Math.min(WEIGHTS.published, 0);
const HEAD_MAX = Math.max(-WEIGHTS.ogType, WEIGHTS.ogType, 0) + Math.max(WEIGHTS.published, 0);
/** Rounding room: a score summed in another order may differ in its last bits. */
const EPS = 1e-9;

/**
 * The verdict, exactly as the full model gives it: the body's signals first; the head's (a walk over
 * every <meta>) only when their bounds (HEAD_MIN, HEAD_MAX) leave the verdict open or `complete` is asked for.
 * The model is linear, so without article text, or with a score beyond what og:type and a published
 * date can move, they are not read (most pages).
 */
export function decideArticle(doc: Document, o: { complete?: boolean } = {}): Decision {
  const { features, mainText } = scanBody(doc);
  const text = hasArticleText(features);
  const partial = scoreFeatures(features);
  if (!o.complete) {
    if (!text || partial + HEAD_MAX < -EPS) return { isArticle: false, score: partial, features, complete: false, mainText };
    if (partial + HEAD_MIN > EPS) return { isArticle: true, score: partial, features, complete: false, mainText };
  }
  Object.assign(features, headFeatures(doc));
  const score = scoreFeatures(features);
  return { isArticle: score > 0 && text, score, features, complete: true, mainText };
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
