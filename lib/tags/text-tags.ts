// English key phrases from plain text: stopword-delimited 1–3-word phrases scored TF×IDF against a
// general word-frequency table, boosted by the title, early position and proper names, with
// spelling/inflection variants merged (Porter stems) and sub-phrases of better phrases dropped. Other
// languages written with spaces run the same code with their own function words and no IDF (lexicon).
// Pure string code (no DOM), run where the word table is loaded (offscreen document, background page).
// Options live in text-tag-options.ts, tokenizing and candidate collection in candidates.ts.
import { displayTag, stem, tagWords } from './normalize';
import { type Candidate, collectCandidates, ENGLISH_LEXICON, type PhraseLexicon } from './candidates';
import { DEFAULT_TEXT_TAG_OPTIONS, type TextTagOptions } from './text-tag-options';

export { collectCandidates, ENGLISH_LEXICON, type Candidate, type PhraseLexicon } from './candidates';
export { CROWD_KEY_WEIGHTS, DEFAULT_TEXT_TAG_OPTIONS, type LinearWeights, type TextTagOptions } from './text-tag-options';

export interface TextTag {
  tag: string;
  score: number;
  /** Stemmed words joined by spaces (the merge key). */
  key: string;
  count: number;
  /** Mostly capitalised where it occurs mid-sentence: a name by its writing, not only by position. */
  nameMidSentence: boolean;
}

function bestForm(c: Candidate, keepWrittenCase: boolean): string {
  const f = pickForm(c, keepWrittenCase);
  // SHOUTED multi-letter words ("STATE SWIM RESULTS") read better in Title Case; acronyms stay.
  return /\p{L}{5,}/u.test(f) && f === f.toUpperCase() && f !== f.toLowerCase() ? displayTag(f) : f;
}

function pickForm(c: Candidate, keepWrittenCase: boolean): string {
  let best = '';
  let n = -1;
  for (const [form, k] of c.forms) {
    // Prefer the most frequent form; on ties the lowercase one (sentence-initial capitals are noise).
    if (k > n || (k === n && form === form.toLowerCase())) {
      best = form;
      n = k;
    }
  }
  if (!best) {
    // Only in the (often Title Case) title: keep acronyms and names-looking forms, else lowercase.
    const t = c.titleForm ?? '';
    return t.split(/(?=[\s-])/).every((w) => /^[\s-]?\p{Lu}/u.test(w)) && t === t.toUpperCase() ? t : t.toLowerCase();
  }
  if (keepWrittenCase) return best;
  // Names keep their capitals; common words are shown lowercase.
  if (c.midSentence > 0 && c.capitalised / c.midSentence >= 0.5) return best;
  if (c.midSentence === 0 && /^\p{Lu}/u.test(best)) return best;
  // Acronyms and mixed case inside a word ("NASA", "iPhone") stay as written.
  return best
    .split(' ')
    .map((w) => (/\p{Lu}/u.test(w.slice(1)) ? w : w.toLowerCase()))
    .join(' ');
}

function contains(big: string, small: string): boolean {
  return ` ${big} `.includes(` ${small} `);
}

type Scored = { c: Candidate; score: number; name: boolean };

/**
 * News names a person or place in full once, then by one word ("Ilhan Omar" ... "Omar"): a one-word
 * name whose first occurrence in the body ends a name phrase is shown as that phrase, which takes the
 * word's score (when higher) while the word leaves the list. `rare` holds name phrases too rare to
 * rank on their own; one that takes a word's place joins `scored`.
 */
function nameCoref(scored: Scored[], rare: Scored[]): void {
  const phrases = [...scored.filter((s) => s.name && s.c.words > 1 && s.c.count > 0), ...rare];
  if (!phrases.length) return;
  const gone = new Set<Scored>();
  for (const s of scored) {
    if (!s.name || s.c.words !== 1 || !s.c.count) continue;
    let best: Scored | null = null;
    for (const p of phrases) {
      // The word is the phrase's last word, its head ("Omar" of "Ilhan Omar"; not "Apple" of "Apple Watch").
      if (p.c.first + p.c.words - 1 !== s.c.first || !p.c.key.endsWith(` ${s.c.key}`)) continue;
      // The commonest such phrase ("Donald Trump" rather than "President Donald Trump"), then the shortest.
      if (!best || p.c.count > best.c.count || (p.c.count === best.c.count && p.c.words < best.c.words)) best = p;
    }
    if (!best) continue;
    best.score = Math.max(best.score, s.score);
    const r = rare.indexOf(best);
    if (r >= 0) {
      rare.splice(r, 1);
      scored.push(best);
    }
    gone.add(s);
  }
  for (let i = scored.length - 1; i >= 0; i--) if (gone.has(scored[i])) scored.splice(i, 1);
}

/** Ranked key phrases of a text (best first); English unless another lexicon is given. */
export function extractTextTags(
  title: string,
  text: string,
  options: TextTagOptions = {},
  lexicon: PhraseLexicon = ENGLISH_LEXICON,
): TextTag[] {
  const o = { ...DEFAULT_TEXT_TAG_OPTIONS, ...options };
  const { cands, total } = collectCandidates(title, text, o, lexicon);
  if (!total) return [];

  const scored: Scored[] = [];
  const fullNames: Scored[] = [];
  for (const c of cands.values()) {
    const tf = o.sentenceTf ? c.sentences.size : c.count;
    const count = tf + (c.inTitle ? o.titleCount : 0) + o.tfSmooth;
    if (!c.count && !c.inTitle) continue;
    const isName =
      c.midSentence > 0
        ? c.capitalised / c.midSentence >= 0.5
        : c.forms.size > 0 &&
          [...c.forms.keys()].every((f) => /^\p{Lu}/u.test(f) && f.split(/[\s-]/).every((w) => /^[\p{Lu}\p{N}]/u.test(w)));
    if (c.words > 1 && c.count < o.minPhraseCount && !(c.inTitle && c.count >= 1)) {
      // Too rare to rank on its own, but it may be the full form of a name used by one word later
      // (seen once, it is as often two names side by side: "Ruymen SQUAMISH", "L.A. Minnesota").
      if (o.nameCoref && isName && c.count >= 2) fullNames.push({ c, score: 0, name: true });
      continue;
    }
    let linScore = 0;
    if (o.linear) {
      const w = o.linear;
      const first = c.count ? c.first / total : 1;
      const multi = c.words > 1 ? 1 : 0;
      const lin =
        w.tf * Math.log(1 + c.count) +
        (c.inTitle ? w.title : 0) +
        w.idf * Math.min(c.idfSum / c.words, 7) +
        (c.oov ? w.oov : 0) +
        (isName ? (multi ? w.namePhrase : w.nameWord) : 0) +
        multi * w.phrase +
        (c.words === 3 ? w.threeWords : 0) +
        w.first * Math.sqrt(first) +
        w.spread * (c.count > 1 ? (c.last - c.first) / total : 0) +
        w.det * (c.count ? c.afterDet / c.count : 0);
      linScore = 100 * Math.exp(lin) * (multi ? (isName ? o.namePhraseFactor : o.commonPhraseFactor) : 1);
      if (o.linearMix >= 1) {
        scored.push({ c, score: linScore, name: isName });
        continue;
      }
    }
    let score =
      count ** o.tfExponent *
      (c.words === 1
        ? c.idfSum ** o.idfExponent
        : (c.idfSum / c.words) ** o.idfExponent * c.words * o.phraseWeight * (isName ? 1 : o.commonPhraseFactor));
    if (c.inTitle) score *= o.titleBoost;
    const pos = c.count && !(c.inTitle && o.titleIsOpening) ? c.first / total : 0;
    if (pos < o.openingShare) score *= 1 + o.positionBoost * (1 - pos / o.openingShare);
    if (isName) score *= o.nameBoost;
    if (c.count > 1) score *= 1 + o.spreadBoost * ((c.last - c.first) / total);
    if (c.count) score *= 1 + o.detBoost * (c.afterDet / c.count);
    if (!c.count) score *= o.titleOnlyFactor;
    if (c.words === 1 && c.oov) score *= o.oovFactor;
    if (c.words > 1 && c.count && (c.left || c.right)) score *= o.fragmentFactor;
    if (c.words === 1 && c.count && (c.left || c.right)) score *= o.wordFragmentFactor;
    if (o.linear) score = score ** (1 - o.linearMix) * linScore ** o.linearMix;
    scored.push({ c, score, name: isName });
  }
  if (o.nameCoref) nameCoref(scored, fullNames);
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
    const tag = bestForm(c, lexicon.keepWrittenCase) || c.key;
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    const nameMidSentence = c.midSentence > 0 && c.capitalised / c.midSentence >= 0.5;
    out.push({ tag, score, key: c.key, count: c.count, nameMidSentence });
    if (out.length >= o.limit) break;
  }
  return out;
}

/** Words of a tag reduced to stems joined by spaces (same key as TextTag.key). */
export function textKey(tag: string): string {
  return tagWords(tag).map(stem).join(' ');
}
