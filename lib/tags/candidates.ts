// Tokenizing and candidate collection for the key-phrase extractor (text-tags.ts): every
// stopword-delimited 1–3-word phrase of the title and body with the statistics the scoring uses.
// English by default; another language brings its own function words and has no word-frequency IDF.
import { decodeHTMLStrict } from 'entities';
import { STOPWORDS } from './stopwords';
import { zipf } from './word-freq';
import { stem } from './normalize';
import { CALENDAR, DOT_ABBREVIATIONS, SHORT_WEEKDAY, HYPHEN_PREFIXES, NAME_PARTS, TITLES_BEFORE_NAMES } from './candidate-words';
import { DEFAULT_TEXT_TAG_OPTIONS, type TextTagOptions } from './text-tag-options';

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
  /** "of" between two capitalised words ("Bank of America"): inside a name, never at its edges. */
  joiner?: boolean;
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

// Trim punctuation around a word but keep inner dots, hyphens, apostrophes and ampersands.
const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu;

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

function tokenize(text: string, isTitle: boolean, stopwords: ReadonlySet<string>): Token[][] {
  const chunks: Token[][] = [];
  let sentenceStart = true;
  let sent = 0;
  // Split by whitespace first to know where sentences end, then by chunk breaks.
  // Dashes, ellipses and slashes between words ("play…and", "pics...but", "word—word") break like spaces + comma.
  const pieces = text
    .replace(/[’`´]/g, "'")
    .replace(/([\p{L}\p{N}])([…—–/]+|\.{2,})(?=[\p{L}\p{N}])/gu, '$1$2 ')
    .split(/(\n+|\s+)/);
  let cur: Token[] = [];
  const flush = () => {
    joinNames(cur);
    if (cur.length) chunks.push(cur);
    cur = [];
  };
  for (const piece of pieces) {
    if (!piece) continue;
    if (/^\s+$/.test(piece)) {
      if (piece.includes('\n')) {
        flush();
        sentenceStart = true;
        sent++;
      }
      continue;
    }
    const endsSentence =
      /[.!?]["')\]]*$/.test(piece) && !/^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Co|Corp|Ltd|vs|U\.S|No)\.$/.test(piece);
    const breaksAfter = endsSentence || /[,;:)\]}"”»…–—|]$/.test(piece);
    const breaksBefore = /^[("“„«[{]/.test(piece);
    if (breaksBefore) flush();
    let word = piece.replace(EDGE, '');
    // Dotted state, weekday and rank abbreviations ("Tenn.", "Sat.", "Brig.") and undotted short weekdays.
    const skippedAbbreviation =
      (/^\p{Lu}/u.test(word) && word.endsWith('.') && DOT_ABBREVIATIONS.has(word.slice(0, -1).toLowerCase())) || SHORT_WEEKDAY.test(word);
    // A trailing dot belongs to the word only in abbreviations like "U.S.".
    if (word.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(word)) word = word.replace(/\.+$/, '').replace(EDGE, '');
    word = word.replace(/'s$/i, '');
    // Addresses are not words: a URL or e-mail breaks the phrase like punctuation.
    if (/:\/\/|^www\.|@\p{L}/u.test(word)) {
      flush();
      if (endsSentence) {
        sentenceStart = true;
        sent++;
      }
      continue;
    }
    if (word && /\p{L}|\p{N}/u.test(word)) {
      // Hyphenated compounds are separate words glued by '-' ("newly-hired", "COVID-19").
      const parts = word.split(/-+/).filter(Boolean);
      parts.forEach((part, j) => {
        const lower = part.toLowerCase();
        const capital = /^\p{Lu}/u.test(part);
        const hasLetter = /\p{L}/u.test(part);
        let content =
          !skippedAbbreviation && hasLetter && !stopwords.has(lower) && lower.replace(/[.']/g, '').length > 1 && !/^\p{N}/u.test(part);
        // A prefix before a hyphen is never a tag on its own ("anti-drug", "ex-wife").
        if (content && j < parts.length - 1 && HYPHEN_PREFIXES.has(lower)) content = false;
        // Stopwords capitalised mid-sentence in body text may be part of a name ("New York").
        let namePart = false;
        if (!content && capital && !isTitle && (!sentenceStart || /^(?:st|mt|ft)$/.test(lower)) && NAME_PARTS.has(lower))
          content = namePart = true;
        // ...and so may a capitalised day or month right after a capitalised word ("Black Friday").
        if (
          !content &&
          capital &&
          !isTitle &&
          !sentenceStart &&
          CALENDAR.test(lower) &&
          cur.length &&
          cur[cur.length - 1].content &&
          cur[cur.length - 1].capital
        )
          content = true;
        // A number glued to a word is part of it ("COVID-19", "G-20"); alone it is not a tag.
        if (!content && j > 0 && /^\p{N}+$/u.test(part) && cur.length && cur[cur.length - 1].content) content = true;
        cur.push({
          surface: part,
          glue: j ? '-' : ' ',
          lower,
          stem: stem(lower.replace(/[.']/g, '')),
          content,
          capital,
          sentenceStart,
          sent,
          namePart,
        });
        sentenceStart = false;
      });
    } else if (word === '' && /[-–—&]/.test(piece)) {
      // A lone dash or ampersand between words breaks the phrase.
      flush();
    }
    if (breaksAfter) flush();
    if (endsSentence) {
      sentenceStart = true;
      sent++;
    }
  }
  flush();
  return chunks;
}

/**
 * Words that join two capitalised words into one name, never at its edges: a middle initial
 * ("George W. Bush"), and "of" ("Bank of America", "Gulf of Mexico") when the word before it is a name
 * of one word ("Joe Mount of Metronomy" is a man and his band) not capitalised only because it starts
 * a sentence ("Shares of Bank of America").
 */
function joinNames(chunk: Token[]): void {
  // A job title before a capitalised word leaves the name ("President Donald Trump" -> "Donald Trump").
  for (let i = chunk.length - 2; i >= 0; i--) {
    const [t, b] = [chunk[i], chunk[i + 1]];
    if (!t.content || !t.capital || !TITLES_BEFORE_NAMES.has(t.lower) || t.glue === '-') continue;
    if (b.content && b.capital && !b.sentenceStart && b.glue !== '-') t.content = false;
  }
  for (let i = 1; i + 1 < chunk.length; i++) {
    const [a, t, b] = [chunk[i - 1], chunk[i], chunk[i + 1]];
    if (!a.content || !a.capital || a.namePart || !b.content || !b.capital || t.glue === '-' || b.glue === '-') continue;
    if (/^\p{Lu}\.$/u.test(t.surface)) t.content = t.joiner = true;
    else if (t.lower === 'of' && !a.sentenceStart && !(chunk[i - 2]?.content && chunk[i - 2].capital)) t.content = t.joiner = true;
  }
}

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
