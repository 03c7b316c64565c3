// The perturbation set of `npm run bench:anchor`: highlights chosen deterministically in article
// texts, each described on the original text and paired with a changed text and the place the
// highlighted words now occupy there (null when they are gone). Pure: the bench and its unit test
// feed it texts.
import { describeRange, type HighlightTarget } from '../../lib/highlights/selectors';
import type { AnchorResult } from '../../lib/highlights/anchor';
import type { Rng } from './prng';

export interface PageText {
  id: string;
  text: string;
}
export type HighlightKind = 'words' | 'fragment' | 'sentence' | 'two-sentences' | 'across-paragraphs' | 'common-phrase';
export const PERTURBATIONS = [
  'unchanged',
  'paragraph-inserted-before',
  '5000-chars-at-top',
  'light-edit-in-quote',
  'paragraph-removed',
  'quote-paragraph-removed',
] as const;
export type Perturbation = (typeof PERTURBATIONS)[number];

export interface Span {
  start: number;
  end: number;
}
export interface BenchHighlight extends Span {
  page: string;
  kind: HighlightKind;
}
export interface BenchCase {
  highlight: BenchHighlight;
  perturbation: Perturbation;
  target: HighlightTarget;
  text: string;
  /** Where the highlighted words are in `text`; null when they were removed. */
  truth: Span | null;
}

// Re-exported: bench-anchor and its test take the PRNG from here.
export { rng, type Rng } from './prng';

export const seedOf = (s: string): number => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

const spans = (text: string, re: RegExp, offset = 0): Span[] =>
  [...text.matchAll(re)].map((m) => ({ start: m.index + offset, end: m.index + offset + m[0].length }));

/** Paragraphs: the text's non-empty lines, without surrounding spaces. */
export const paragraphs = (text: string): Span[] => spans(text, /[^\n\s][^\n]*[^\n\s]|[^\n\s]/g);

/** Sentences of a paragraph: split after . ! ? (and closing quotes) before a capital or digit. */
function sentences(text: string, p: Span): Span[] {
  const body = text.slice(p.start, p.end);
  return spans(body, /\S(?:.*?)(?:[.!?]["'”’)\]]*(?=\s+["“‘'(]?[A-Z0-9])|$)/g, p.start);
}
const words = (text: string, p: Span): Span[] => spans(text.slice(p.start, p.end), /\S+/g, p.start);

/** Up to `perPage` highlights of mixed kinds in one page's text (fewer when a kind does not fit). */
export function chooseHighlights(page: PageText, perPage: number, r: Rng): BenchHighlight[] {
  const paras = paragraphs(page.text).filter((p) => p.end - p.start >= 40);
  if (!paras.length) return [];
  const kinds: HighlightKind[] = ['words', 'sentence', 'fragment', 'two-sentences', 'across-paragraphs', 'common-phrase'];
  const out: BenchHighlight[] = [];
  for (let i = 0; out.length < perPage && i < perPage * 3; i++) {
    const kind = kinds[i % kinds.length];
    const span = pickSpan(page.text, paras, kind, r);
    if (span && !out.some((h) => h.start < span.end && span.start < h.end)) out.push({ page: page.id, kind, ...span });
  }
  return out.sort((a, b) => a.start - b.start);
}

function runOfWords(ws: Span[], min: number, max: number, r: Rng): Span | null {
  if (ws.length < min) return null;
  const n = Math.min(ws.length, min + r.int(max - min + 1));
  const at = r.int(ws.length - n + 1);
  return { start: ws[at].start, end: ws[at + n - 1].end };
}

function pickSpan(text: string, paras: Span[], kind: HighlightKind, r: Rng): Span | null {
  const p = r.pick(paras);
  switch (kind) {
    case 'words':
      return runOfWords(words(text, p), 3, 6, r);
    case 'fragment':
      return runOfWords(words(text, p), 8, 20, r);
    case 'sentence':
    case 'two-sentences': {
      const ss = sentences(text, p).filter((s) => s.end - s.start >= 20);
      const n = kind === 'sentence' ? 1 : 2;
      if (ss.length < n) return null;
      const at = r.int(ss.length - n + 1);
      return { start: ss[at].start, end: ss[at + n - 1].end };
    }
    case 'across-paragraphs': {
      const all = paragraphs(text);
      const i = all.findIndex((q) => q.start === p.start);
      if (i < 0 || i + 1 >= all.length) return null;
      const a = words(text, all[i]);
      const b = words(text, all[i + 1]);
      if (a.length < 3 || b.length < 3) return null;
      return { start: a[a.length - 3 - r.int(Math.min(6, a.length - 2))].start, end: b[2 + r.int(Math.min(6, b.length - 2))].end };
    }
    case 'common-phrase': {
      // A 2–3 word phrase that occurs more than once in the whole text.
      const ws = words(text, p);
      for (let tries = 0; tries < 20 && ws.length >= 3; tries++) {
        const n = 2 + r.int(2);
        const at = r.int(ws.length - n + 1);
        const span = { start: ws[at].start, end: ws[at + n - 1].end };
        const phrase = text.slice(span.start, span.end);
        if (phrase.length >= 5 && text.indexOf(phrase) !== text.lastIndexOf(phrase)) return span;
      }
      return null;
    }
  }
}

const shift = (s: Span, at: number, by: number): Span => (s.start >= at ? { start: s.start + by, end: s.end + by } : s);
const paraOf = (paras: Span[], offset: number): number => paras.findIndex((p) => offset >= p.start && offset < p.end);

/** Text and span after removing paragraph `i` together with the line breaks that follow it. */
function removeParagraph(text: string, paras: Span[], i: number, h: Span): { text: string; truth: Span } {
  const from = i > 0 && i === paras.length - 1 ? paras[i - 1].end : paras[i].start;
  const to = i === paras.length - 1 ? paras[i].end : paras[i + 1].start;
  return { text: text.slice(0, from) + text.slice(to), truth: shift(h, from, -(to - from)) };
}

/** One small edit in the word at `start` (`letters` letters long): [offset, characters removed, inserted]. */
function oneEdit(text: string, start: number, letters: number, end: number, r: Rng, vocabulary: string[]): [number, number, string] {
  const op = r.int(3);
  if (op === 0) {
    // Typo: swap two letters, drop one or double one.
    const i = start + 1 + r.int(letters - 2);
    const kind = r.int(3);
    if (kind === 0) return [i, 2, text[i + 1] + text[i]];
    return kind === 1 ? [i, 1, ''] : [i, 0, text[i]];
  }
  if (op === 1) {
    const word = text.slice(start, start + letters).toLowerCase();
    const other = vocabulary.filter((v) => v !== word);
    return [start, letters, r.pick(other.length ? other : ['thing'])];
  }
  // Punctuation: drop a mark after the word, or add a comma.
  const after = start + letters;
  return /[,.;:!?]/.test(text[after] ?? '') && after < end ? [after, 1, ''] : [after, 0, ','];
}

/** 1–3 small edits (typo, changed word, punctuation) inside the span; returns the edited text and span. */
export function lightEdit(text: string, h: Span, r: Rng, vocabulary: string[]): { text: string; truth: Span } {
  const count = 1 + r.int(Math.min(3, 1 + Math.floor((h.end - h.start) / 40)));
  let end = h.end;
  for (let k = 0; k < count; k++) {
    const ws = words(text, { start: h.start, end }).filter((w) => /^\p{L}{3,}/u.test(text.slice(w.start, w.end)));
    if (!ws.length) break;
    const w = r.pick(ws);
    const letters = /^\p{L}+/u.exec(text.slice(w.start, w.end))![0].length;
    const [at, del, ins] = oneEdit(text, w.start, letters, end, r, vocabulary);
    text = text.slice(0, at) + ins + text.slice(at + del);
    end += ins.length - del;
  }
  return { text, truth: { start: h.start, end } };
}

/** Every perturbation of one highlight; `others` are other pages, the source of inserted text. */
export function perturbations(page: PageText, h: BenchHighlight, others: PageText[], r: Rng): BenchCase[] {
  const text = page.text;
  const target = describeRange(text, h.start, h.end);
  const paras = paragraphs(text);
  const first = paraOf(paras, h.start);
  const last = paraOf(paras, h.end - 1);
  const out: BenchCase[] = [{ highlight: h, perturbation: 'unchanged', target, text, truth: { start: h.start, end: h.end } }];
  const add = (perturbation: Perturbation, t: string, truth: Span | null) =>
    out.push({ highlight: h, perturbation, target, text: t, truth });

  const donorParas = (o: PageText) => paragraphs(o.text).filter((p) => p.end - p.start >= 80);
  const donor = others.find((o) => donorParas(o).length) ?? null;
  if (donor) {
    const dp = r.pick(donorParas(donor));
    const inserted = donor.text.slice(dp.start, dp.end) + '\n\n';
    const at = paras[first].start;
    add('paragraph-inserted-before', text.slice(0, at) + inserted + text.slice(at), shift(h, at, inserted.length));
  }
  let top = '';
  for (const o of others) if (top.length < 5000) top += o.text + '\n\n';
  if (top.length >= 5000) {
    top = top.slice(0, 5000) + '\n\n';
    add('5000-chars-at-top', top + text, shift(h, 0, top.length));
  }
  const vocabulary = [...new Set((others[0]?.text ?? text).toLowerCase().match(/\p{L}{3,}/gu) ?? [])].slice(0, 500);
  const edited = lightEdit(text, h, r, vocabulary);
  add('light-edit-in-quote', edited.text, edited.truth);

  // Another paragraph removed: half the time the neighbour (its context changes), else any.
  const outside = paras.map((_, i) => i).filter((i) => i < first || i > last);
  if (outside.length) {
    const neighbour = outside.filter((i) => i === first - 1 || i === last + 1);
    const i = neighbour.length && r.next() < 0.5 ? r.pick(neighbour) : r.pick(outside);
    const removed = removeParagraph(text, paras, i, h);
    add('paragraph-removed', removed.text, removed.truth);
  }
  // The quote's own paragraphs removed: the right answer is unplaced. Skipped when a copy of the
  // quote with its whole stored context remains (repeated passages): no anchoring could know.
  let gone = text;
  for (let i = last; i >= first; i--) gone = removeParagraph(gone, paragraphs(gone), i, h).text;
  const { prefix, exact, suffix } = target.quote;
  if (!gone.includes(prefix + exact + suffix)) add('quote-paragraph-removed', gone, null);
  return out;
}

export type Outcome = 'right' | 'misplaced' | 'unplaced';

/** Right when the placement overlaps the true span by at least `minOverlap` of both. */
export function judge(result: AnchorResult, truth: Span | null, minOverlap = 0.8): Outcome {
  if (result.start === null) return 'unplaced';
  if (!truth) return 'misplaced';
  const overlap = Math.min(result.end, truth.end) - Math.max(result.start, truth.start);
  return overlap >= minOverlap * (truth.end - truth.start) && overlap >= minOverlap * (result.end - result.start) ? 'right' : 'misplaced';
}
