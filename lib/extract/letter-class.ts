// "Any letter" without Unicode property escapes: /\p{L}/u is compiled afresh (about half a
// millisecond) on every page a content script is injected into, which the extraction and detection
// scripts pay on each run. This class counts as a letter every character that is not white space,
// an ASCII digit or punctuation, Latin-1 punctuation or symbols, general punctuation or CJK
// punctuation. Close enough for the heuristics that use it (is there a word here? a name?).
export const LETTER = '[^\\s\\d!-/:-@[-`{-~\\u00a0-\\u00bf\\u2000-\\u206f\\u3000-\\u303f]';
export const NOT_LETTER_OR_DIGIT = '[\\s!-/:-@[-`{-~\\u00a0-\\u00bf\\u2000-\\u206f\\u3000-\\u303f]';

export const HAS_LETTER = new RegExp(LETTER);
