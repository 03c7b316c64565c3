// Body audit: where our article text (lib/extract's extractArticle) loses the body, holds too much, or
// starts late, measured against a reference on the same parsed page. The reference is bare
// @mozilla/readability 0.6 (the class file, as lib/extract loads it) on the article-labelled detection
// pages and Readability's test pages, and the ground-truth articleBody on the Zyte pages.
// A page is listed when our text is
//   empty   while the reference has text (the fallback should never give up then),
//   short   below 60 % of the reference's length,
//   long    above 170 % of it,
//   late    not holding the reference's first paragraph (the first one of ≥ 60 characters outside captions;
//           Zyte: the ground truth's first line of ≥ 60 characters), or holding it more than 300 letters
//           further in than the reference does: a lead photo's caption dropped with the lead, or a teaser
//           block before the body.
// Each listed page is to be judged by looking at its HTML: a flag says the two differ, not who is right.
// Tune on the train half (the default); run the held-out half only to report.
// usage: npx tsx scripts/audit-body.ts [--half train|held-out] [--corpus zyte,detect,readability] [--quiet] [--only ID,ID]
import Readability from '@mozilla/readability/Readability.js';
import { extractArticle } from '../lib/extract/index';
import { CAPTION_RE } from '../lib/extract/patterns';
import { auditPages, letterKey, norm } from './lib/audit-pages';
import { parsePage, readPageFile } from './lib/load-page';
import type { Half } from './lib/splits';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const half = opt('--half', 'train') as Half;
const corpora = opt('--corpus', 'zyte,detect,readability').split(',');
const quiet = args.includes('--quiet');
const only = args.includes('--only') ? new Set(opt('--only', '').split(',')) : null;

const pages = auditPages(corpora, half);

const key = letterKey;
const FIRST_PARA = 60;
/** Characters (letters and digits) our text may hold before the first paragraph beyond what the reference holds. */
const LATE_SLACK = 300;

/** A paragraph in a figure or a caption-named block: our text leaves captions out, so does the check. */
function inCaption(p: Element, root: Element): boolean {
  for (let el: Element | null = p; el && el !== root; el = el.parentElement)
    if (el.tagName === 'FIGURE' || el.tagName === 'FIGCAPTION' || CAPTION_RE.test(`${el.id} ${el.getAttribute('class') ?? ''}`))
      return true;
  return false;
}

/** A paragraph's text without the captions inside it (a photo credit in a span opening the paragraph). */
function textBesideCaptions(p: Element): string {
  const copy = p.cloneNode(true) as Element;
  for (const el of Array.from(copy.querySelectorAll('*')))
    if (el.tagName === 'FIGCAPTION' || CAPTION_RE.test(`${el.id} ${el.getAttribute('class') ?? ''}`)) el.remove();
  return copy.textContent ?? '';
}

/** The reference's first paragraph: Readability's first <p> not a caption (or the truth's first line) of ≥ 60 characters. */
function firstParagraph(root: Element | null, truth: string | null): string | null {
  const ps = root ? Array.from(root.querySelectorAll('p')).filter((p) => !inCaption(p, root)) : [];
  const candidates = truth !== null ? truth.split(/\n+/) : ps.map(textBesideCaptions);
  return candidates.map(norm).find((t) => t.length >= FIRST_PARA) ?? null;
}

type Flag = 'empty' | 'short' | 'long' | 'late';
const counts = { pages: 0, errors: 0, refEmpty: 0, empty: 0, short: 0, long: 0, late: 0 };
for (const p of pages) {
  if (only && !only.has(p.id)) continue;
  let dom;
  try {
    dom = parsePage(readPageFile(p.file), p.url);
  } catch {
    counts.errors++;
    continue;
  }
  const doc = dom.window.document;
  let ours, ref: string, first: string | null;
  try {
    const bare =
      p.truth === null
        ? new Readability<Element>(doc.cloneNode(true) as Document, { keepClasses: true, serializer: (el) => el as Element }).parse()
        : null;
    ref = p.truth ?? bare?.textContent ?? '';
    first = firstParagraph(bare?.content ?? null, p.truth);
    ours = extractArticle(doc, { url: p.url, window: dom.window as unknown as Window });
  } catch (e) {
    counts.errors++;
    console.log(`  ERR ${p.corpus} ${p.id}: ${String(e).slice(0, 100)}`);
    continue;
  } finally {
    dom.window.close();
  }
  counts.pages++;
  const ot = norm(ours?.text);
  const rt = norm(ref);
  if (!rt) {
    counts.refEmpty++;
    continue;
  }
  const ratio = ot.length / rt.length;
  const flags: Flag[] = [];
  if (!ot) flags.push('empty');
  else if (ratio < 0.6) flags.push('short');
  else if (ratio > 1.7) flags.push('long');
  if (ot && first) {
    // Late: the first paragraph (matched by its end: a caption may open it) missing, or further into
    // our text than into the reference's, beyond the slack.
    const k = key(first).slice(-50);
    const at = key(ot).indexOf(k);
    if (at < 0 || at > Math.max(0, key(rt).indexOf(k)) + LATE_SLACK) flags.push('late');
  }
  for (const f of flags) counts[f]++;
  if (flags.length && !quiet) {
    console.log(
      `${p.corpus} ${p.id} ${flags.map((f) => (f === 'empty' ? 'EMPTY' : f)).join(',')} ours ${ot.length} / ref ${rt.length} (${ratio.toFixed(2)}) ${p.url}`,
    );
    if (flags.includes('late'))
      console.log(`  ref first: ${JSON.stringify(first?.slice(0, 90))}\n  ours:      ${JSON.stringify(ot.slice(0, 90))}`);
  }
}
console.log(`${half}:`, JSON.stringify(counts));
