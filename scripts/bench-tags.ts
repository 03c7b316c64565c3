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
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { stemmer } from 'stemmer';
import stopwordsIso from 'stopwords-iso';
import { rankTags, suggestTags, TAGS_SHOWN, type RankOptions } from '../lib/tags/index';
import { DEFAULT_TEXT_TAG_OPTIONS } from '../lib/tags/text-tag-options';
import { collectPublisherTags, rawPublisherTags, TAG_META_KEYS } from '../lib/tags/publisher-tags';
import { JunkJudge, type JunkKind } from './lib/tag-junk';
import { type Doc, loadKpcrowd, SPLITS } from './lib/tag-corpora';
import { scoreTags as score, type Prf } from './lib/tag-score';
import { idf } from '../lib/tags/word-freq';
import { extractArticle } from '../lib/extract/index';

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

// ---- scoring (scripts/lib/tag-score.ts) -------------------------------------------------------
class Acc {
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
    const accs = { shown5: new Acc(), ranked5: new Acc(), ranked10: new Acc(), base5: new Acc(), base10: new Acc() };
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

// Everything collectPublisherTags reads, so the input carries no tag metadata.
const TAG_META = new Set(TAG_META_KEYS);
function stripTagMetadata(doc: Document): void {
  for (const m of [...doc.getElementsByTagName('meta')]) {
    if ([m.getAttribute('property'), m.getAttribute('name')].some((k) => k && TAG_META.has(k.trim().toLowerCase()))) m.remove();
  }
  for (const a of doc.querySelectorAll('a[rel~="tag"]')) a.removeAttribute('rel');
  const strip = (v: unknown, depth: number): void => {
    if (depth > 8 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((x) => strip(x, depth + 1));
      return;
    }
    const o = v as Record<string, unknown>;
    delete o.keywords;
    delete o.about;
    delete o.articleSection;
    Object.values(o).forEach((x) => strip(x, depth + 1));
  };
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const raw = s.textContent ?? '';
    let data: unknown;
    // Same retry as lib/page-meta's jsonLdObjects: raw control characters removed.
    try {
      data = JSON.parse(raw);
    } catch {
      try {
        data = JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' '));
      } catch {
        continue; /* ignored by the reader too */
      }
    }
    strip(data, 0);
    s.textContent = JSON.stringify(data);
  }
}

interface ZytePrepared {
  docs: Doc[];
  withMeta: Doc[];
  header: string[];
}
function zyte(): void {
  const cacheFile = CACHE ? resolve(CACHE) : '';
  let prepared: ZytePrepared | null = null;
  if (cacheFile && existsSync(cacheFile)) {
    const c = JSON.parse(readFileSync(cacheFile, 'utf8')) as ZytePrepared & { text: string };
    if (c.text === TEXT_SOURCE) prepared = c;
  }
  if (!prepared) {
    prepared = prepareZyte();
    if (cacheFile) writeFileSync(cacheFile, JSON.stringify({ ...prepared, text: TEXT_SOURCE }));
  }
  console.log('');
  for (const line of prepared.header) console.log(line);
  evaluate('Zyte', prepared.docs);
  console.log(
    `\nZyte with metadata left in: all ${prepared.withMeta.length} pages as the popup sees them (publisher tags, site name, byline)`,
  );
  junkLines('Zyte+meta', prepared.withMeta.map(showAndJudge));
}

/** Title, text, site name and byline of a page (text: the extraction, or Zyte's ground truth). */
function extractFor(doc: Document, dom: JSDOM, gt: { articleBody: string; url: string }) {
  let title = doc.querySelector('meta[property="og:title"]')?.getAttribute('content')?.trim() || doc.title.trim();
  let text = gt.articleBody;
  let siteName: string | null = null;
  let byline: string | null = null;
  let failed = false;
  try {
    const art = extractArticle(doc, { url: gt.url, window: dom.window as unknown as Window });
    if (art) {
      if (TEXT_SOURCE === 'extract') {
        text = art.text;
        title = art.title || title;
      }
      siteName = art.siteName;
      byline = art.byline;
    } else failed = true;
  } catch {
    failed = true;
  }
  return { title, text, siteName, byline, failed: failed && TEXT_SOURCE === 'extract' };
}

function prepareZyte(): ZytePrepared {
  const truth = JSON.parse(readFileSync(join(ZYTE, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const files = readdirSync(join(ZYTE, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort();
  const docs: Doc[] = [];
  const withMeta: Doc[] = [];
  let withTags = 0;
  let leaked = 0;
  let extractFailed = 0;
  let cssRetries = 0;
  const langs = new Map<string, number>();
  for (const f of files) {
    const id = f.replace(/\.html\.gz$/, '');
    const gt = truth[id];
    if (!gt) continue;
    const html = new TextDecoder('utf-8').decode(gunzipSync(readFileSync(join(ZYTE, 'html', f))));
    let dom: JSDOM;
    try {
      dom = new JSDOM(html, { url: gt.url, virtualConsole: new VirtualConsole() });
    } catch {
      // jsdom's CSS parser throws on some stylesheets; styles do not matter here.
      dom = new JSDOM(html.replace(/<style[\s\S]*?<\/style>/gi, ''), { url: gt.url, virtualConsole: new VirtualConsole() });
      cssRetries++;
    }
    const doc = dom.window.document;
    const gold = collectPublisherTags(doc);
    // As the popup sees the page: raw declared tags, then the same extraction.
    const publisherTags = rawPublisherTags(doc);
    const meta = extractFor(doc, dom, gt);
    withMeta.push({
      id,
      input: {
        title: meta.title,
        text: meta.text,
        lang: doc.documentElement.getAttribute('lang'),
        publisherTags,
        siteName: meta.siteName,
        byline: meta.byline,
        url: gt.url,
      },
      gold,
    });
    const lang = (doc.documentElement.getAttribute('lang') ?? '').slice(0, 2).toLowerCase() || '?';
    if (gold.length) {
      withTags++;
      langs.set(lang, (langs.get(lang) ?? 0) + 1);
    }
    if (!gold.length) {
      dom.window.close();
      continue;
    }
    stripTagMetadata(doc);
    if (collectPublisherTags(doc).length) leaked++;
    const art = extractFor(doc, dom, gt);
    if (art.failed) extractFailed++;
    docs.push({
      id,
      input: {
        title: art.title,
        text: art.text,
        lang: doc.documentElement.getAttribute('lang'),
        publisherTags: [],
        siteName: art.siteName,
        byline: art.byline,
        url: gt.url,
      },
      gold,
    });
    dom.window.close();
  }
  const header = [
    `Zyte: ${files.length} pages; ${withTags} have publisher tags in their metadata (left in), by page lang: ${[...langs]
      .sort((a, b) => b[1] - a[1])
      .map(([l, n]) => `${l} ${n}`)
      .join(', ')}`,
    `Zyte: scoring those ${docs.length} with tag metadata stripped (still found after stripping: ${leaked}; ${cssRetries} pages parsed without <style> after a jsdom CSS error); text = ${TEXT_SOURCE === 'extract' ? `extractArticle(doc).text (lib/extract; fell back to ground-truth articleBody on ${extractFailed})` : 'Zyte ground-truth articleBody'}`,
  ];
  return { docs, withMeta, header };
}

if (ONLY !== 'zyte') kpcrowd();
if (ONLY !== 'kpcrowd') zyte();
