// Article detection for the always-on content script: a small linear model over cheap page signals
// (structured data, URL shape, paragraph layout, teaser links). See features.ts; the weights were fitted
// by scripts/bench-detect.ts --fit (logistic regression, class-balanced, L2) on the article-detection
// corpus + Zyte pages; held-out halves score balanced accuracy 0.95-0.96 (see the bench output).
import { detectFeatures, type DetectFeatures } from './features';
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

type Weights = Record<Exclude<keyof DetectFeatures, 'words' | 'cjkChars'>, number> & { bias: number };

export const WEIGHTS: Weights = {
  bias: -1.45,
  ldArticle: 0.71,
  ldOther: -0.24,
  ogType: 1.33,
  published: 0.81,
  urlDate: 0.96,
  urlSlug: 1.26,
  urlShallow: -1.4,
  urlListing: -0.64,
  password: -0.45,
  longParas: 0.1,
  paraText: 0.15,
  dominant: 0.9,
  headlineLinks: -0.14,
  articleEls: 0.1,
  linksPerPara: -0.24,
  urlProduct: -0.52,
  selects: -0.74,
  fields: -0.15,
  readerScore: 0.2,
};

export function scoreFeatures(f: DetectFeatures, w: Weights = WEIGHTS): number {
  let s = w.bias;
  for (const k of Object.keys(w) as (keyof Weights)[]) if (k !== 'bias') s += w[k] * f[k];
  return s;
}

export function detectArticle(doc: Document): Detection {
  const f = detectFeatures(doc);
  const score = scoreFeatures(f);
  if (score <= 0) return { isArticle: false, wordCount: f.words, cjkChars: f.cjkChars, images: 0, score };
  // An article gets a badge: count its text the way the extraction will (reading-estimate.ts).
  const e = estimateReading(doc);
  return e.words || e.cjkChars
    ? { isArticle: true, wordCount: e.words, cjkChars: e.cjkChars, images: e.images, score }
    : { isArticle: true, wordCount: f.words, cjkChars: f.cjkChars, images: 0, score };
}
