// English key phrases from plain text: stopword-delimited 1–3-word phrases scored TF×IDF against a
// general word-frequency table, boosted by the title, early position and proper names, with
// spelling/inflection variants merged (Porter stems) and sub-phrases of better phrases dropped.
// Pure string code (no DOM), run where the word table is loaded (offscreen document, background page).
import { decodeHTMLStrict } from 'entities';
import { STOPWORDS } from './stopwords';
import { OOV_IDF, zipf } from './word-freq';
import { displayTag, stem, tagWords } from './normalize';

export interface TextTagOptions {
  /** Multiplier for phrases that also occur in the title. */
  titleBoost?: number;
  /** Occurrences a title appearance counts for. */
  titleCount?: number;
  /** Extra weight for phrases first seen in the opening part of the text (decays linearly). */
  positionBoost?: number;
  /** Share of the text counted as "opening" for positionBoost. */
  openingShare?: number;
  /** Multiplier for phrases mostly written capitalised mid-sentence (names). */
  nameBoost?: number;
  /** Weight of 2–3-word phrases relative to single words. */
  phraseWeight?: number;
  /** Weight of multi-word phrases that are not names (lowercase, e.g. "buddy film") relative to phraseWeight. */
  commonPhraseFactor?: number;
  /** Minimum occurrences for multi-word phrases not in the title. */
  minPhraseCount?: number;
  /** TF is raised to this power (below 1 damps repetition). */
  tfExponent?: number;
  /** IDF is raised to this power (above 1 favours rare words). */
  idfExponent?: number;
  /** Upper bound of a word's IDF: past it, rarer does not mean more topical. */
  idfCap?: number;
  /** IDF of words missing from the frequency table (names, jargon). */
  oovIdf?: number;
  /** Longest phrase in words (1–3). */
  maxWords?: number;
  /** Weight of multi-word phrases that always sit inside the same longer phrase ("Stadia Red Dead"). */
  fragmentFactor?: number;
  /**
   * Weight of single words that, in the body, always sit next to the same content word ("Dick" of a
   * lone "Dick Armey", "Salt" of "Salt Lake"; a word seen once counts when it is inside a longer run).
   */
  wordFragmentFactor?: number;
  /** Count sentences containing a phrase rather than its occurrences (damps bursts). */
  sentenceTf?: boolean;
  /** Merge sub-phrases into longer phrases that contain most of their occurrences. */
  merge?: boolean;
  /** Let lowercase phrases take over their words too ("electric van" for "van"), not only names. */
  mergeCommon?: boolean;
  /** Keep merged sub-phrases in the ranked list (just below their phrase). */
  keepSubPhrases?: boolean;
  /** Added to TF before scaling (damps the gap between 1 and 2 occurrences). */
  tfSmooth?: number;
  /** Extra weight for phrases spread over the text: 1 + spreadBoost × (last − first) / length. */
  spreadBoost?: number;
  /** Extra weight by the share of occurrences right after a determiner (nouns): 1 + detBoost × share. */
  detBoost?: number;
  /** Multiplier for single words missing from the frequency table (names, typos, jargon). */
  oovFactor?: number;
  /** Log-linear scoring weights (e.g. CROWD_KEY_WEIGHTS); null = the multiplicative TF×IDF score. */
  linear?: LinearWeights | null;
  /** Linear scoring: multiplier for name phrases (2+ capitalised words). */
  namePhraseFactor?: number;
  /** Share of the linear score in a geometric mix with the TF×IDF score (1 = linear only). */
  linearMix?: number;
  /** Title phrases count as seen at the very start for positionBoost. */
  titleIsOpening?: boolean;
  /** How many candidates to return. */
  limit?: number;
}

export interface LinearWeights {
  tf: number; title: number; idf: number; oov: number; nameWord: number; namePhrase: number;
  phrase: number; threeWords: number; first: number; spread: number; det: number;
}

// Defaults chosen on the even-numbered half of KPCrowd and of the Zyte pages (npm run bench:tags
// prints the odd half as held-out). What the benchmarks showed: lowercase multi-word phrases are
// rarely tags (KPCrowd 33%, Zyte 9% precision in the top 5, vs ~60% / 15% for single words), so they
// only appear by taking over a word that (almost) only occurs inside them; capitalised name phrases
// are the best candidates on publisher tags (40%) but cost on crowd keys (34%), hence weight 0.65 and
// at least 3 occurrences. Crowd keys follow raw counts (smoothed) and how far through the text a
// word keeps coming back (spread), more than sentence counts or the title; a harder IDF, an OOV
// penalty, the determiner cue and the stopwords-iso list helped crowd keys but cost publisher tags;
// the commonest form's IDF for a stem changed nothing. A single word that in the body always sits
// next to the same content word (or is seen once, inside a longer run: "Dick" of "Dick Armey",
// "Salt" of "Salt Lake", "denim" of "denim vest") is a piece of a phrase, not a topic: weight 0.35
// (dev: KPCrowd shown F@5 12.1 -> 12.7, Zyte 14.5 -> 14.9; 0.3–0.45 all about the same; applying it
// only to words seen 2+ times, or by the share of occurrences inside a run, gained much less).
// `linear` (CROWD_KEY_WEIGHTS, a logistic fit on KPCrowd dev) is the crowd-key optimum: KPCrowd
// shown F@5 12.7 / ranked F@10 20.4, but Zyte shown F@5 falls to ~12; mixing it in (linearMix)
// trades the two along the same line, so it stays off. Once single words other than nouns were
// filtered out (lib/tags/tag-checks.ts), the determiner cue helped both (detBoost 0.3, dev: KPCrowd
// +0.1, Zyte +0.2).
export const DEFAULT_TEXT_TAG_OPTIONS: Required<TextTagOptions> = {
  titleBoost: 1.35,
  titleCount: 1,
  positionBoost: 0.5,
  openingShare: 1,
  nameBoost: 1.2,
  phraseWeight: 0.65,
  minPhraseCount: 3,
  commonPhraseFactor: 0,
  maxWords: 3,
  oovIdf: OOV_IDF,
  idfCap: 99,
  tfExponent: 1,
  idfExponent: 1,
  merge: true,
  sentenceTf: false,
  fragmentFactor: 1,
  wordFragmentFactor: 0.35,
  keepSubPhrases: false,
  mergeCommon: true,
  tfSmooth: 0.5,
  spreadBoost: 0.6,
  detBoost: 0.3,
  oovFactor: 1,
  linear: null,
  namePhraseFactor: 1,
  linearMix: 1,
  titleIsOpening: false,
  limit: 30,
};

/**
 * Log-linear weights fitted (logistic regression, per candidate) on the KPCrowd dev half:
 * log(1+count), in title, mean IDF, unknown word, name word, name phrase, multi-word, 3 words,
 * sqrt(first position), spread, share after a determiner.
 */
export const CROWD_KEY_WEIGHTS: LinearWeights = {
  tf: 0.62, title: 0.846, idf: 0.297, oov: -0.5, nameWord: -0.477, namePhrase: 0.463,
  phrase: -1.392, threeWords: -0.746, first: -0.414, spread: 0.536, det: 0.393,
};

export interface TextTag {
  tag: string;
  score: number;
  /** Stemmed words joined by spaces (the merge key). */
  key: string;
  count: number;
}

interface Token {
  surface: string;
  /** What joins this token to the previous one in display forms: ' ' or '-'. */
  glue: string;
  lower: string;
  stem: string;
  /** Candidate-capable: not a stopword, has a letter. */
  content: boolean;
  capital: boolean;
  sentenceStart: boolean;
  /** A stopword kept only as the start of a name ("New" in "New York"): never a tag on its own. */
  namePart?: boolean;
  /** Sentence number (for counting in how many sentences a phrase occurs). */
  sent: number;
}

export interface Candidate {
  key: string;
  words: number;
  count: number;
  first: number;
  /** Token position of the last occurrence in the body. */
  last: number;
  /** Occurrences right after a determiner ("the", "a", "his"): a sign of a noun phrase. */
  afterDet: number;
  capitalised: number;
  midSentence: number;
  inTitle: boolean;
  forms: Map<string, number>;
  sentences: Set<number>;
  /** The content word always right before / after it, or '' when that varies or is absent. */
  left: string;
  right: string;
  /** How the phrase is written in the title (fallback display form). */
  titleForm?: string;
  idfSum: number;
  /** A word missing from the frequency table (single words only). */
  oov: boolean;
}

const NAME_PARTS = new Set(['new', 'old', 'united', 'first', 'grand', 'great', 'north', 'south', 'east', 'west', 'upper', 'lower', 'little', 'st', 'mt', 'ft']);

const HYPHEN_PREFIXES = new Set(['anti', 'ex', 'non', 'pre', 'post', 'pro', 'co', 're', 'semi', 'multi', 'mid', 'sub', 'inter', 'over', 'under', 'mega', 'ultra', 'mini', 'quasi', 'pseudo', 'neo', 'vice']);

const CALENDAR = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/;

// Trim punctuation around a word but keep inner dots, hyphens, apostrophes and ampersands.
const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu;

function tokenize(text: string, isTitle: boolean): Token[][] {
  const chunks: Token[][] = [];
  let sentenceStart = true;
  let sent = 0;
  // Split by whitespace first to know where sentences end, then by chunk breaks.
  // Dashes, ellipses and slashes between words ("play…and", "word—word") break like spaces + comma.
  const pieces = text.replace(/[’`´]/g, "'").replace(/([\p{L}\p{N}])([…—–/]+)(?=[\p{L}\p{N}])/gu, '$1$2 ').split(/(\n+|\s+)/);
  let cur: Token[] = [];
  const flush = () => { if (cur.length) chunks.push(cur); cur = []; };
  for (const piece of pieces) {
    if (!piece) continue;
    if (/^\s+$/.test(piece)) { if (piece.includes('\n')) { flush(); sentenceStart = true; sent++; } continue; }
    const endsSentence = /[.!?]["')\]]*$/.test(piece) && !/^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Co|Corp|Ltd|vs|U\.S|No)\.$/.test(piece);
    const breaksAfter = endsSentence || /[,;:)\]}"”»…–—|]$/.test(piece);
    const breaksBefore = /^[("“„«[{]/.test(piece);
    if (breaksBefore) flush();
    let word = piece.replace(EDGE, '');
    // A trailing dot belongs to the word only in abbreviations like "U.S.".
    if (word.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(word)) word = word.replace(/\.+$/, '').replace(EDGE, '');
    word = word.replace(/'s$/i, '');
    // Addresses are not words: a URL or e-mail breaks the phrase like punctuation.
    if (/:\/\/|^www\.|@\p{L}/u.test(word)) { flush(); if (endsSentence) { sentenceStart = true; sent++; } continue; }
    if (word && /\p{L}|\p{N}/u.test(word)) {
      // Hyphenated compounds are separate words glued by '-' ("newly-hired", "COVID-19").
      const parts = word.split(/-+/).filter(Boolean);
      parts.forEach((part, j) => {
        const lower = part.toLowerCase();
        const capital = /^\p{Lu}/u.test(part);
        const hasLetter = /\p{L}/u.test(part);
        let content = hasLetter && !STOPWORDS.has(lower) && lower.replace(/[.']/g, '').length > 1 && !/^\p{N}/u.test(part);
        // A prefix before a hyphen is never a tag on its own ("anti-drug", "ex-wife").
        if (content && j < parts.length - 1 && HYPHEN_PREFIXES.has(lower)) content = false;
        // Stopwords capitalised mid-sentence in body text may be part of a name ("New York").
        let namePart = false;
        if (!content && capital && !isTitle && (!sentenceStart || /^(?:st|mt|ft)$/.test(lower)) && NAME_PARTS.has(lower)) content = namePart = true;
        // ...and so may a capitalised day or month right after a capitalised word ("Black Friday").
        if (!content && capital && !isTitle && !sentenceStart && CALENDAR.test(lower) && cur.length && cur[cur.length - 1].content && cur[cur.length - 1].capital) content = true;
        // A number glued to a word is part of it ("COVID-19", "G-20"); alone it is not a tag.
        if (!content && j > 0 && /^\p{N}+$/u.test(part) && cur.length && cur[cur.length - 1].content) content = true;
        cur.push({ surface: part, glue: j ? '-' : ' ', lower, stem: stem(lower.replace(/[.']/g, '')), content, capital, sentenceStart, sent, namePart });
        sentenceStart = false;
      });
    } else if (word === '' && /[-–—&]/.test(piece)) {
      // A lone dash or ampersand between words breaks the phrase.
      flush();
    }
    if (breaksAfter) flush();
    if (endsSentence) { sentenceStart = true; sent++; }
  }
  flush();
  return chunks;
}

const DETERMINERS = new Set('the a an this that these those his her its their our my your every each another'.split(' '));

function wordIdf(lower: string, oov: number): number {
  const z = zipf(lower.replace(/\.$/, ''));
  return z === null ? oov : 9 - z;
}

function addCandidates(
  chunks: Token[][],
  cands: Map<string, Candidate>,
  opts: { isTitle: boolean; maxWords: number; oovIdf: number; idfCap: number },
  offset: { pos: number },
): void {
  let prev: Token | null = null;
  for (const chunk of chunks) {
    let run: Token[] = [];
    const emit = () => {
      for (let i = 0; i < run.length; i++) {
        for (let n = 1; n <= opts.maxWords && i + n <= run.length; n++) {
          const toks = run.slice(i, i + n);
          if (/^\p{N}+$/u.test(toks[0].lower)) break; // numbers only inside names ("COVID-19")
          if (toks[n - 1].namePart) continue; // "New", "St" alone or at the end

          const key = toks.map((t) => t.stem).join(' ');
          let c = cands.get(key);
          if (!c) {
            c = { key, words: n, count: 0, first: offset.pos + i, last: offset.pos + i, afterDet: 0, capitalised: 0, midSentence: 0, inTitle: false, forms: new Map(), sentences: new Set(), left: '', right: '', idfSum: toks.reduce((s, t) => s + Math.min(opts.idfCap, wordIdf(t.lower, opts.oovIdf)), 0), oov: n === 1 && zipf(toks[0].lower.replace(/\.$/, '')) === null };
            cands.set(key, c);
          }
          if (opts.isTitle) {
            c.inTitle = true;
            c.titleForm ??= toks.map((t, j) => (j ? t.glue : '') + t.surface).join('');
            continue;
          }
          c.count++;
          if (c.count === 1) c.first = offset.pos + i;
          c.last = offset.pos + i;
          if (i === 0 && prev && DETERMINERS.has(prev.lower)) c.afterDet++;
          c.sentences.add(toks[0].sent);
          // Neighbours inside the run: a phrase always extended the same way is a fragment.
          const left = i > 0 ? run[i - 1].stem : '';
          const right = i + n < run.length ? run[i + n].stem : '';
          c.left = c.count === 1 ? left : c.left === left ? left : '';
          c.right = c.count === 1 ? right : c.right === right ? right : '';
          const form = toks.map((t, j) => (j ? t.glue : '') + t.surface).join('');
          c.forms.set(form, (c.forms.get(form) ?? 0) + 1);
          if (!toks[0].sentenceStart) {
            c.midSentence++;
            if (toks.every((t) => t.capital)) c.capitalised++;
          }
        }
      }
      offset.pos += run.length;
      run = [];
    };
    prev = null;
    for (const t of chunk) {
      if (t.content) run.push(t);
      else { emit(); prev = t; offset.pos++; }
    }
    emit();
  }
}

function bestForm(c: Candidate): string {
  const f = pickForm(c);
  // SHOUTED multi-letter words ("STATE SWIM RESULTS") read better in Title Case; acronyms stay.
  return /\p{L}{5,}/u.test(f) && f === f.toUpperCase() && f !== f.toLowerCase() ? displayTag(f) : f;
}

function pickForm(c: Candidate): string {
  let best = '';
  let n = -1;
  for (const [form, k] of c.forms) {
    // Prefer the most frequent form; on ties the lowercase one (sentence-initial capitals are noise).
    if (k > n || (k === n && form === form.toLowerCase())) { best = form; n = k; }
  }
  if (!best) {
    // Only in the (often Title Case) title: keep acronyms and names-looking forms, else lowercase.
    const t = c.titleForm ?? '';
    return t.split(/(?=[\s-])/).every((w) => /^[\s-]?\p{Lu}/u.test(w)) && t === t.toUpperCase() ? t : t.toLowerCase();
  }
  // Names keep their capitals; common words are shown lowercase.
  if (c.midSentence > 0 && c.capitalised / c.midSentence >= 0.5) return best;
  if (c.midSentence === 0 && /^\p{Lu}/u.test(best)) return best;
  // Acronyms and mixed case inside a word ("NASA", "iPhone") stay as written.
  return best.split(' ').map((w) => (/\p{Lu}/u.test(w.slice(1)) ? w : w.toLowerCase())).join(' ');
}

function contains(big: string, small: string): boolean {
  return ` ${big} `.includes(` ${small} `);
}

/** Text copied from feeds often keeps HTML entities ("Bones&#039; star"). Strict: "AT&T", "R&notes" stay. */
function decodeEntities(s: string): string {
  return s.includes('&') ? decodeHTMLStrict(s) : s;
}

/** Every 1–3-word candidate of a text with its statistics (exported for the benchmark's analysis). */
export function collectCandidates(title: string, text: string, options: TextTagOptions = {}): { cands: Map<string, Candidate>; total: number } {
  const o = { ...DEFAULT_TEXT_TAG_OPTIONS, ...options };
  title = decodeEntities(title);
  const body = tokenize(decodeEntities(text), false);
  const total = body.reduce((s, c) => s + c.length, 0);
  const cands = new Map<string, Candidate>();
  const maxWords = Math.max(1, Math.min(3, Math.floor(o.maxWords)));
  addCandidates(tokenize(title, true), cands, { isTitle: true, maxWords, oovIdf: o.oovIdf, idfCap: o.idfCap }, { pos: 0 });
  addCandidates(body, cands, { isTitle: false, maxWords, oovIdf: o.oovIdf, idfCap: o.idfCap }, { pos: 0 });
  return { cands, total };
}

/** Ranked English key phrases of a text (best first). */
export function extractTextTags(title: string, text: string, options: TextTagOptions = {}): TextTag[] {
  const o = { ...DEFAULT_TEXT_TAG_OPTIONS, ...options };
  const { cands, total } = collectCandidates(title, text, o);
  if (!total) return [];

  const scored: { c: Candidate; score: number; name: boolean }[] = [];
  for (const c of cands.values()) {
    const tf = o.sentenceTf ? c.sentences.size : c.count;
    const count = tf + (c.inTitle ? o.titleCount : 0) + o.tfSmooth;
    if (!c.count && !c.inTitle) continue;
    if (c.words > 1 && c.count < o.minPhraseCount && !(c.inTitle && c.count >= 1)) continue;
    const isName = c.midSentence > 0 ? c.capitalised / c.midSentence >= 0.5 : c.forms.size > 0 && [...c.forms.keys()].every((f) => /^\p{Lu}/u.test(f) && f.split(/[\s-]/).every((w) => /^[\p{Lu}\p{N}]/u.test(w)));
    let linScore = 0;
    if (o.linear) {
      const w = o.linear;
      const first = c.count ? c.first / total : 1;
      const multi = c.words > 1 ? 1 : 0;
      const lin = w.tf * Math.log(1 + c.count) + (c.inTitle ? w.title : 0) + w.idf * Math.min(c.idfSum / c.words, 7) + (c.oov ? w.oov : 0)
        + (isName ? (multi ? w.namePhrase : w.nameWord) : 0) + multi * w.phrase + (c.words === 3 ? w.threeWords : 0)
        + w.first * Math.sqrt(first) + w.spread * (c.count > 1 ? (c.last - c.first) / total : 0) + w.det * (c.count ? c.afterDet / c.count : 0);
      linScore = 100 * Math.exp(lin) * (multi ? (isName ? o.namePhraseFactor : o.commonPhraseFactor) : 1);
      if (o.linearMix >= 1) { scored.push({ c, score: linScore, name: isName }); continue; }
    }
    let score = count ** o.tfExponent * (c.words === 1 ? c.idfSum ** o.idfExponent : (c.idfSum / c.words) ** o.idfExponent * c.words * o.phraseWeight * (isName ? 1 : o.commonPhraseFactor));
    if (c.inTitle) score *= o.titleBoost;
    const pos = c.count && !(c.inTitle && o.titleIsOpening) ? c.first / total : 0;
    if (pos < o.openingShare) score *= 1 + o.positionBoost * (1 - pos / o.openingShare);
    if (isName) score *= o.nameBoost;
    if (c.count > 1) score *= 1 + o.spreadBoost * ((c.last - c.first) / total);
    if (c.count) score *= 1 + o.detBoost * (c.afterDet / c.count);
    if (c.words === 1 && c.oov) score *= o.oovFactor;
    if (c.words > 1 && c.count && (c.left || c.right)) score *= o.fragmentFactor;
    if (c.words === 1 && c.count && (c.left || c.right)) score *= o.wordFragmentFactor;
    if (o.linear) score = score ** (1 - o.linearMix) * linScore ** o.linearMix;
    scored.push({ c, score, name: isName });
  }
  scored.sort((a, b) => b.score - a.score || a.c.first - b.c.first || (a.c.key < b.c.key ? -1 : 1));

  // Merge: a longer phrase that holds most occurrences of a better-ranked sub-phrase takes its rank
  // ("Google Stadia" over "Stadia"). The sub-phrase stays in the ranked list just below (useful for
  // search) unless keepSubPhrases is off; suggestTags never shows it next to its phrase.
  const kept: { c: Candidate; score: number; name: boolean }[] = [];
  for (const s of scored) {
    let placed = false;
    for (let i = 0; o.merge && i < kept.length; i++) {
      const k = kept[i];
      if (k.c.words > s.c.words && contains(k.c.key, s.c.key)) {
        if (s.c.count - k.c.count < Math.max(1, 0.34 * s.c.count)) {
          if (!o.keepSubPhrases) placed = true;
          break;
        }
      } else if (s.c.words > k.c.words && contains(s.c.key, k.c.key) && (s.name || o.mergeCommon)) {
        if (k.c.count - s.c.count < Math.max(1, 0.34 * k.c.count)) {
          kept[i] = { c: s.c, score: k.score, name: s.name };
          if (o.keepSubPhrases) kept.splice(i + 1, 0, { c: k.c, score: k.score, name: k.name });
          placed = true;
          break;
        }
      }
    }
    if (!placed) kept.push(s);
    if (kept.length >= o.limit * 2) break;
  }
  const out: TextTag[] = [];
  const seen = new Set<string>();
  for (const { c, score } of kept) {
    const tag = bestForm(c) || c.key;
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    out.push({ tag, score, key: c.key, count: c.count });
    if (out.length >= o.limit) break;
  }
  return out;
}

/** Words of a tag reduced to stems joined by spaces (same key as TextTag.key). */
export function textKey(tag: string): string {
  return tagWords(tag).map(stem).join(' ');
}
