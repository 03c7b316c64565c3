// Tokenizing for the key-phrase extractor (candidates.ts): text split into chunks at punctuation, line
// breaks and addresses, each word with its stem, case and sentence, and marked content or not (stopwords,
// numbers, abbreviations); names ("New York", "Bank of America", "George W. Bush") joined inside a chunk.
import { stem } from './normalize';
import { CALENDAR, DOT_ABBREVIATIONS, SHORT_WEEKDAY, HYPHEN_PREFIXES, NAME_PARTS, TITLES_BEFORE_NAMES } from './candidate-words';

export interface Token {
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

// Trim punctuation around a word but keep inner dots, hyphens, apostrophes and ampersands.
const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu;

export function tokenize(text: string, isTitle: boolean, stopwords: ReadonlySet<string>): Token[][] {
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
