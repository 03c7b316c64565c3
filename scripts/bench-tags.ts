// Tag benchmark: `npm run bench:tags [-- --text=extract|ground-truth] [--only=kpcrowd|zyte] [--cache=FILE]
// [--options=JSON]`.
// --cache=FILE keeps the prepared Zyte inputs (parsing + extraction take most of the run) in FILE:
// written when missing, read when present; delete it after changing lib/extract.
// --options='{"minTextShare":0.2}' passes RankOptions (text-tag options included) to rankTags and
// suggestTags, to measure a setting without editing the defaults.
//
// Scoring protocol (scripts/lib/tag-score.ts; that of the reference numbers in
// 500N-KPCrowd-v1.1/PROVENANCE.md, plus punctuation inside words folded on both sides: accents,
// curly apostrophes, "U.S." = "US", "Jean-Paul" = "JeanPaul", as KPCrowd's keys are written): lowercase;
// tokens [a-z0-9]+('[a-z]+)?; strip a trailing 's; Porter-stem each token; exact match on the whole
// phrase; predictions and gold deduplicated after normalisation; per document P@k = matches /
// min(k, |pred|), R@k = matches / |gold|, F = harmonic mean; macro average over documents.
// Lenient F: a prediction matches when its stemmed words are a contiguous part of a gold phrase or
// contain one (so "Stadia" ~ "Google Stadia").
//
// Corpora (read-only, ../shared): KPCrowd full-text-450 (line 1 = title) and the Zyte article pages
// with the publisher tags as gold and every tag source stripped from the input; and all Zyte pages
// with their metadata left in, as the popup sees them (no gold: junk rate and counts only).
// Junk rate: the share of shown tags that are single words other than nouns and names, glued words
// not in the text, or the page's own site name/byline, judged by scripts/lib/tag-junk.ts (wink-nlp's
// tagger, independent from the extension's lexicon).
// Documents are split by their position in the sorted id list: even = dev (used for tuning),
// odd = held-out. Both are printed.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemmer } from 'stemmer';
import stopwordsIso from 'stopwords-iso';
import { rankTags, suggestTags, TAGS_SHOWN, type RankOptions } from '../lib/tags/index';
import { DEFAULT_TEXT_TAG_OPTIONS } from '../lib/tags/text-tag-options';
import { JunkJudge, type JunkKind } from './lib/tag-junk';
import { type Doc, loadKpcrowd, SPLITS } from './lib/tag-corpora';
import { PrfMean, scoreTags as score } from './lib/tag-score';
import { loadZyteInputs, type TextSource } from './lib/zyte-tag-inputs';
import { idf } from '../lib/tags/word-freq';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = join(root, '../shared/corpora');
const KP = join(SHARED, '500N-KPCrowd-v1.1');
const ZYTE = join(SHARED, 'zyte-article-extraction');

const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const TEXT_SOURCE = arg('text', 'extract');
const ONLY = arg('only', 'both');
const CACHE = arg('cache', '');
if (!['extract', 'ground-truth'].includes(TEXT_SOURCE)) {
  console.error('--text must be "extract" or "ground-truth"');
  process.exit(2);
}
const OPTIONS = parseOptions(arg('options', '{}'));
if (!existsSync(SHARED)) {
  console.error(`Shared corpora not found at ${SHARED}; nothing to benchmark.`);
  process.exit(1);
}

/** --options: a JSON object whose keys are RankOptions; anything else stops the run with a message. */
function parseOptions(raw: string): RankOptions {
  const known = new Set([...Object.keys(DEFAULT_TEXT_TAG_OPTIONS), 'enoughPublisherTags', 'hideSuperPhrases', 'minTextShare']);
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    console.error(`--options is not JSON (${(e as Error).message}): ${raw}`);
    process.exit(2);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    console.error(`--options must be a JSON object, got: ${raw}`);
    process.exit(2);
  }
  const unknown = Object.keys(v).filter((k) => !known.has(k));
  if (unknown.length) {
    console.error(`--options: unknown option(s) ${unknown.join(', ')}; known: ${[...known].sort().join(', ')}`);
    process.exit(2);
  }
  if (Object.keys(v).length) console.log(`Options: ${JSON.stringify(v)}`);
  return v as RankOptions;
}

// ---- baseline: plain TF×IDF unigrams (stopwords-iso en, IDF from the same word table) ----------
const ISO_EN = new Set((stopwordsIso as Record<string, string[]>).en);
function tfidfUnigrams(title: string, text: string, k: number): string[] {
  const counts = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const t of `${title}\n${text}`.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []) {
    const w = t.replace(/'s$/, '');
    if (ISO_EN.has(w) || /^\d+$/.test(w) || w.length < 2) continue;
    const s = stemmer(w);
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (!surface.has(s)) surface.set(s, w);
  }
  return [...counts]
    .map(([s, n]) => ({ w: surface.get(s)!, v: n * idf(surface.get(s)!) }))
    .sort((a, b) => b.v - a.v || (a.w < b.w ? -1 : 1))
    .slice(0, k)
    .map((x) => x.w);
}

// ---- systems -------------------------------------------------------------------------------
interface Shown {
  tags: string[];
  junk: (JunkKind | null)[];
}
function showAndJudge(d: Doc): Shown {
  const tags = suggestTags(d.input, TAGS_SHOWN, OPTIONS);
  const judge = new JunkJudge({
    title: d.input.title,
    text: d.input.text,
    siteName: d.input.siteName,
    byline: d.input.byline,
    url: d.input.url,
  });
  return { tags, junk: tags.map((t) => judge.judge(t)) };
}

/** Junk rate, tags shown per page and pages over 5, per split; with a few junk examples. */
function junkLines(label: string, shown: Shown[]): void {
  for (const [split, pick] of SPLITS) {
    const sel = shown.filter((_, i) => pick(i));
    const total = sel.reduce((n, s) => n + s.tags.length, 0);
    const kinds = new Map<string, number>();
    for (const s of sel) for (const j of s.junk) if (j) kinds.set(j, (kinds.get(j) ?? 0) + 1);
    const junk = [...kinds.values()].reduce((a, b) => a + b, 0);
    const by = [...kinds].map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
    console.log(
      `  ${`${label} [${split}]`.padEnd(34)} junk ${((100 * junk) / Math.max(1, total)).toFixed(1).padStart(4)}% (${junk}/${total}: ${by})  shown/page ${(total / Math.max(1, sel.length)).toFixed(2)}  pages >5: ${sel.filter((s) => s.tags.length > 5).length}  pages <5: ${sel.filter((s) => s.tags.length < 5).length}  pages 0: ${sel.filter((s) => !s.tags.length).length}  (n=${sel.length})`,
    );
  }
  const examples = shown.flatMap((s) => s.tags.filter((_, i) => s.junk[i])).slice(0, 40);
  console.log(`  junk examples: ${examples.join(' | ')}`);
}

function evaluate(label: string, docs: Doc[]): void {
  const results = docs.map((d) => {
    const shown = showAndJudge(d);
    const ranked = rankTags(d.input, OPTIONS).map((t) => t.tag);
    const base = tfidfUnigrams(d.input.title, d.input.text, 10);
    return {
      shown,
      shown5: score(shown.tags, d.gold, 5),
      ranked5: score(ranked, d.gold, 5),
      ranked10: score(ranked, d.gold, 10),
      base5: score(base, d.gold, 5),
      base10: score(base, d.gold, 10),
    };
  });
  for (const [split, pick] of SPLITS) {
    const accs = { shown5: new PrfMean(), ranked5: new PrfMean(), ranked10: new PrfMean(), base5: new PrfMean(), base10: new PrfMean() };
    results.forEach((r, i) => {
      if (!pick(i)) return;
      for (const k of Object.keys(accs) as (keyof typeof accs)[]) accs[k].add(r[k]);
    });
    console.log(`${label} [${split}]`);
    console.log('  ' + accs.shown5.line('suggestTags (shown) @5'));
    console.log('  ' + accs.ranked5.line('rankTags @5'));
    console.log('  ' + accs.ranked10.line('rankTags @10'));
    console.log('  ' + accs.base5.line('baseline TF×IDF unigrams @5'));
    console.log('  ' + accs.base10.line('baseline TF×IDF unigrams @10'));
  }
  console.log(`${label}: shown tags`);
  junkLines(
    label,
    results.map((r) => r.shown),
  );
}

function kpcrowd(): void {
  const docs = loadKpcrowd(KP);
  console.log(`\nKPCrowd full-text-450: ${docs.length} docs (title = line 1, text = rest, crowd keys as gold)`);
  evaluate('KPCrowd', docs);
}

function zyte(): void {
  const prepared = loadZyteInputs(ZYTE, TEXT_SOURCE as TextSource, CACHE);
  console.log('');
  for (const line of prepared.header) console.log(line);
  evaluate('Zyte', prepared.docs);
  console.log(
    `\nZyte with metadata left in: all ${prepared.withMeta.length} pages as the popup sees them (publisher tags, site name, byline)`,
  );
  junkLines('Zyte+meta', prepared.withMeta.map(showAndJudge));
}

if (ONLY !== 'zyte') kpcrowd();
if (ONLY !== 'kpcrowd') zyte();
