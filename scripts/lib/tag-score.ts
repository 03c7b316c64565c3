// Scoring of bench:tags (scripts/bench-tags.ts): the protocol of the reference numbers in
// 500N-KPCrowd-v1.1/PROVENANCE.md (lowercase; tokens [a-z0-9]+('[a-z]+)?; a trailing 's stripped;
// Porter stems; exact match on the whole phrase; both lists deduplicated after normalisation), with
// punctuation inside words folded first, the same way on both sides: KPCrowd's keys were written
// with it deleted ("US" for "U.S.", "JeanPaul Gaultier", "Grammywinning", "Juarez" for "Juárez"), so
// without the fold the text's own spelling of a gold key could never match it.
import { stemmer } from 'stemmer';

/** Accents, curly apostrophes, dotted acronyms ("U.S.") and in-word hyphens folded; see above. */
export function foldPunctuation(phrase: string): string {
  return phrase
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/(?<![\p{L}\p{N}.])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])/gu, (m) => m.replace(/\./g, ''))
    .replace(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, '');
}

/** The normalised form compared: stemmed tokens joined by spaces ('' when there are none). */
export function normTag(phrase: string): string {
  const toks =
    foldPunctuation(phrase)
      .toLowerCase()
      .match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
  return toks.map((t) => stemmer(t.replace(/'s$/, ''))).join(' ');
}

function uniqNorm(list: string[]): string[] {
  const out: string[] = [];
  for (const p of list) {
    const n = normTag(p);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}
const inside = (big: string, small: string) => ` ${big} `.includes(` ${small} `);

export interface Prf {
  p: number;
  r: number;
  f: number;
  lf: number;
}

/**
 * P/R/F of the first k predictions against gold: P = matches / min(k, |pred|) (fewer than k
 * predictions are not padded with misses), R = matches / |gold|. Lenient F counts a prediction that
 * is a contiguous part of a gold phrase or contains one ("Stadia" ~ "Google Stadia").
 */
export function scoreTags(pred: string[], gold: string[], k: number): Prf {
  const g = uniqNorm(gold);
  const top = uniqNorm(pred).slice(0, k);
  if (!g.length || !top.length) return { p: 0, r: 0, f: 0, lf: 0 };
  const gs = new Set(g);
  const m = top.filter((x) => gs.has(x)).length;
  const p = m / Math.min(k, top.length);
  const r = m / g.length;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  const lp = top.filter((x) => g.some((y) => inside(y, x) || inside(x, y))).length / Math.min(k, top.length);
  const lr = g.filter((y) => top.some((x) => inside(y, x) || inside(x, y))).length / g.length;
  const lf = lp + lr ? (2 * lp * lr) / (lp + lr) : 0;
  return { p, r, f, lf };
}

/** Macro average of per-document scores, printed as one bench:tags line. */
export class PrfMean {
  n = 0;
  p = 0;
  r = 0;
  f = 0;
  lf = 0;
  add(s: Prf) {
    this.n++;
    this.p += s.p;
    this.r += s.r;
    this.f += s.f;
    this.lf += s.lf;
  }
  line(label: string): string {
    const pc = (v: number) => ((100 * v) / Math.max(1, this.n)).toFixed(1).padStart(5);
    return `${label.padEnd(44)} P ${pc(this.p)}  R ${pc(this.r)}  F ${pc(this.f)}  lenientF ${pc(this.lf)}  (n=${this.n})`;
  }
}
