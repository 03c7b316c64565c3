// Article detection for the always-on content script: a small linear model over cheap page signals
// (structured data, URL shape, paragraph layout, teaser links). See features.ts; the weights were fitted
// on labelled pages by scripts/bench-detect.ts --fit and are rounded here.
import { detectFeatures, type DetectFeatures } from './features';

export type { DetectFeatures } from './features';
export { detectFeatures } from './features';

export interface Detection {
  isArticle: boolean;
  /** Estimated words in the main text, for the badge's reading time. */
  wordCount: number;
  /** Model score; > 0 means article. */
  score: number;
}

type Weights = Record<Exclude<keyof DetectFeatures, 'words'>, number> & { bias: number };

export const WEIGHTS: Weights = {
  bias: 0, ldArticle: 2, ldOther: -2, ogType: 1, published: 1.5, urlDate: 1, urlSlug: 1, urlShallow: -2, urlListing: -1,
  password: -2, longParas: 1, paraText: 0.5, dominant: 2, headlineLinks: -0.8, articleEls: -0.5, linksPerPara: -0.5,
};

export function scoreFeatures(f: DetectFeatures, w: Weights = WEIGHTS): number {
  let s = w.bias;
  for (const k of Object.keys(w) as (keyof Weights)[]) if (k !== 'bias') s += w[k] * f[k];
  return s;
}

export function detectArticle(doc: Document): Detection {
  const f = detectFeatures(doc);
  const score = scoreFeatures(f);
  return { isArticle: score > 0, wordCount: f.words, score };
}
