// A cheap first test for a big anchored, case-insensitive alternation (`^(?:a|b|...)`): the literal
// texts a match can start with, derived from the pattern's own source, compared with startsWith.
// (lib/extract/patterns writes FURNITURE_HEAD's starts out instead, to spare the page this parse; its
// unit test checks them against what this file derives.)
// Every line the full pattern matches passes (a superset), so the full pattern's answer stands; lines
// no alternative can start skip it. Skipped, V8 never compiles it on the page: the biggest of these
// patterns cost ~2-3 ms to compile, then again to tier up to machine code, on every injection.

/** Index just past the group opening at `open` ("(" ... ")"), escapes and classes skipped. */
function groupEnd(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The top-level alternatives of a source ("a|(?:b|c)d" → ["a", "(?:b|c)d"]). */
function splitTop(src: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') {
      const end = groupEnd(src, i);
      if (end < 0) return [src];
      i = end - 1;
    } else if (c === '|') {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}

const META = '\\()[]?*+.{}|^$';

/**
 * Literal prefixes one of which every match of `src` (one alternative, no flags but `i`) starts
 * with, lower-cased; [''] when none can be told (then everything passes).
 */
export function matchPrefixes(src: string): string[] {
  if (src.startsWith('(?:')) {
    const end = groupEnd(src, 0);
    if (end < 0) return [''];
    const inner = splitTop(src.slice(3, end - 1)).flatMap(matchPrefixes);
    const q = src[end];
    // An optional group: a match may start with what follows it instead.
    if (q === '?' || q === '*' || (q === '{' && /^\{0[,}]/.test(src.slice(end))))
      return [...inner, ...matchPrefixes(src.slice(end + 1).replace(/^\d*,?\d*\}/, ''))];
    return inner;
  }
  let n = 0;
  while (n < src.length && !META.includes(src[n])) n++;
  // A quantifier after the run applies to its last character only.
  if (n < src.length && '?*{'.includes(src[n])) n--;
  return n > 0 ? [src.slice(0, n).toLowerCase()] : [''];
}

/** The literal starts (lower-cased) one of which every match of `re` begins with; null when they cannot be told. */
export function patternPrefixes(re: RegExp): string[] | null {
  if (!re.source.startsWith('^') || /[^i]/.test(re.flags)) return null;
  const prefixes = [...new Set(splitTop(re.source.slice(1)).flatMap(matchPrefixes))];
  return prefixes.includes('') ? null : prefixes;
}

/**
 * A test that passes every line `re` (`^` then alternatives, flag `i` at most) could match, and fails
 * most others; always true for a pattern it cannot read. Lower-casing is a safe comparison: a
 * character matching a prefix's letter under `i` (not the unicode flag) lower-cases to that letter.
 */
export function prefixFilter(re: RegExp): (line: string) => boolean {
  const prefixes = patternPrefixes(re);
  if (!prefixes) return () => true;
  const longest = Math.max(...prefixes.map((p) => p.length));
  return (line) => {
    const head = line.slice(0, longest + 1).toLowerCase();
    for (const p of prefixes) if (head.startsWith(p)) return true;
    return false;
  };
}
