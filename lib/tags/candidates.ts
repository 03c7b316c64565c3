// Candidate collection for the key-phrase extractor (text-tags.ts): every stopword-delimited 1–3-word
// phrase of the title and body with the statistics the scoring uses (tokenizing: phrase-tokens.ts).
// English by default; another language brings its own function words and has no word-frequency IDF.
import { decodeHTMLStrict } from 'entities';
import { STOPWORDS } from './stopwords';
import { zipf } from './word-freq';
import { tokenize, type Token } from './phrase-tokens';
import { DEFAULT_TEXT_TAG_OPTIONS, type TextTagOptions } from './text-tag-options';

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

/** A language's words for splitting phrases, and whether the English frequency table gives IDF. */
export interface PhraseLexicon {
  stopwords: ReadonlySet<string>;
  /** English word frequencies as IDF; false: every word weighs the same (other languages). */
  englishIdf: boolean;
  /**
   * Show a phrase as most often written. English shows common words lowercase (its capitals are mostly
   * sentence starts); German capitalises every noun, so elsewhere the writing is kept.
   */
  keepWrittenCase: boolean;
}
export const ENGLISH_LEXICON: PhraseLexicon = { stopwords: STOPWORDS, englishIdf: true, keepWrittenCase: false };

const DETERMINERS = new Set('the a an this that these those his her its their our my your every each another'.split(' '));

function wordIdf(lower: string, oov: number): number {
  const z = zipf(lower.replace(/\.$/, ''));
  return z === null ? oov : 9 - z;
}

function addCandidates(
  chunks: Token[][],
  cands: Map<string, Candidate>,
  opts: { isTitle: boolean; maxWords: number; oovIdf: number; idfCap: number; englishIdf: boolean },
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
          if (toks[0].joiner || toks[n - 1].joiner) continue; // "of America", "Bank of"

          const key = toks.map((t) => t.stem).join(' ');
          let c = cands.get(key);
          if (!c) {
            c = {
              key,
              words: n,
              count: 0,
              first: offset.pos + i,
              last: offset.pos + i,
              afterDet: 0,
              capitalised: 0,
              midSentence: 0,
              inTitle: false,
              forms: new Map(),
              sentences: new Set(),
              left: '',
              right: '',
              idfSum: opts.englishIdf
                ? toks.reduce((s, t) => s + Math.min(opts.idfCap, wordIdf(t.lower, opts.oovIdf)), 0)
                : n * Math.min(opts.idfCap, opts.oovIdf),
              oov: opts.englishIdf && n === 1 && zipf(toks[0].lower.replace(/\.$/, '')) === null,
            };
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
            if (toks.every((t) => t.capital || t.joiner)) c.capitalised++;
          }
        }
      }
      offset.pos += run.length;
      run = [];
    };
    prev = null;
    for (const t of chunk) {
      if (t.content) run.push(t);
      else {
        emit();
        prev = t;
        offset.pos++;
      }
    }
    emit();
  }
}

/** Text copied from feeds often keeps HTML entities ("Bones&#039; star"). Strict: "AT&T", "R&notes" stay. */
function decodeEntities(s: string): string {
  return s.includes('&') ? decodeHTMLStrict(s) : s;
}

/** Every 1–3-word candidate of a text with its statistics (exported for the benchmark's analysis). */
export function collectCandidates(
  title: string,
  text: string,
  options: TextTagOptions = {},
  lexicon: PhraseLexicon = ENGLISH_LEXICON,
): { cands: Map<string, Candidate>; total: number } {
  const o = { ...DEFAULT_TEXT_TAG_OPTIONS, ...options };
  title = decodeEntities(title);
  const body = tokenize(decodeEntities(text), false, lexicon.stopwords);
  const total = body.reduce((s, c) => s + c.length, 0);
  const cands = new Map<string, Candidate>();
  const maxWords = Math.max(1, Math.min(3, Math.floor(o.maxWords)));
  const opts = { maxWords, oovIdf: o.oovIdf, idfCap: o.idfCap, englishIdf: lexicon.englishIdf };
  addCandidates(tokenize(title, true, lexicon.stopwords), cands, { ...opts, isTitle: true }, { pos: 0 });
  addCandidates(body, cands, { ...opts, isTitle: false }, { pos: 0 });
  return { cands, total };
}
