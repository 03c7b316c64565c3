// Where our title / byline / body lead differ from bare Readability's: runs lib/extract (what the content
// script runs) and bare @mozilla/readability 0.6 on the same parsed pages of one half of the
// article-labelled detection pages, the Zyte pages and Readability's test pages, counts and (with
// --list) lists the pages that differ, to be judged by looking at the page.
// Body lead: the first 60 characters of the reference body (Zyte: the ground-truth articleBody; other
// corpora: Readability's text) appear in the first 300 characters of the text.
// usage: npx tsx scripts/compare-meta.ts [--half train|held-out] [--list] [--corpus zyte,detect,readability]
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../lib/extract/index';
import { auditPages, letterKey, norm } from './lib/audit-pages';
import { parsePage, readPageFile } from './lib/load-page';
import type { Half } from './lib/splits';

const args = process.argv.slice(2);
const half = (args.includes('--half') ? args[args.indexOf('--half') + 1] : 'train') as Half;
const list = args.includes('--list');
const corpora = (args.includes('--corpus') ? args[args.indexOf('--corpus') + 1] : 'zyte,detect,readability').split(',');

const pages = auditPages(corpora, half);

const leadKey = letterKey;
/** The reference body's start found near the start of `text`. */
const leadOk = (text: string, ref: string) => {
  const k = leadKey(ref).slice(0, 50);
  return k.length > 0 && leadKey(text.slice(0, 400)).includes(k);
};
const byl = (s: string | null | undefined) => norm(s).replace(/^(?:(?:written|posted) by|by)(?:[:\s]+|$)/i, '');

const counts = { pages: 0, bylineEmptied: 0, bylineDiffers: 0, titleDiffers: 0, leadOursMiss: 0, leadBareMiss: 0, leadVsBare: 0 };
for (const p of pages) {
  let dom;
  try {
    dom = parsePage(readPageFile(p.file), p.url);
  } catch {
    continue;
  }
  const doc = dom.window.document;
  let ours, bare;
  try {
    bare = new Readability(doc.cloneNode(true) as Document).parse();
    ours = extractArticle(doc, { url: p.url, window: dom.window as unknown as Window });
  } catch (e) {
    console.log(`  ERR ${p.corpus} ${p.id}: ${String(e).slice(0, 100)}`);
    continue;
  } finally {
    dom.window.close();
  }
  counts.pages++;
  const out: string[] = [];
  const ob = byl(ours?.byline),
    bb = byl(bare?.byline);
  if (!ob && bb) {
    counts.bylineEmptied++;
    out.push(`byline emptied: bare ${JSON.stringify(bb.slice(0, 80))}`);
  } else if (ob !== bb) {
    counts.bylineDiffers++;
    out.push(`byline: ours ${JSON.stringify(ob.slice(0, 80))} | bare ${JSON.stringify(bb.slice(0, 80))}`);
  }
  if (norm(ours?.title) !== norm(bare?.title)) {
    counts.titleDiffers++;
    out.push(`title: ours ${JSON.stringify(norm(ours?.title).slice(0, 90))} | bare ${JSON.stringify(norm(bare?.title).slice(0, 90))}`);
  }
  const ot = norm(ours?.text),
    bt = norm(bare?.textContent);
  if (p.truth) {
    const o = leadOk(ot, p.truth),
      b = leadOk(bt, p.truth);
    if (!o) counts.leadOursMiss++;
    if (!b) counts.leadBareMiss++;
    if (!o)
      out.push(
        `lead ${b ? 'WORSE' : 'both miss'}: gold ${JSON.stringify(norm(p.truth).slice(0, 70))} | ours ${JSON.stringify(ot.slice(0, 70))}`,
      );
  } else if (!leadOk(ot, bt) && !leadOk(bt, ot)) {
    counts.leadVsBare++;
    out.push(`lead: ours ${JSON.stringify(ot.slice(0, 70))} | bare ${JSON.stringify(bt.slice(0, 70))}`);
  }
  if (list && out.length) console.log(`${p.corpus} ${p.id} ${p.url}\n  ${out.join('\n  ')}`);
}
console.log(`${half}:`, JSON.stringify(counts));
