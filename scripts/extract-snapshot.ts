// Full extraction results of every corpus page (Zyte + Readability test pages) under Node/jsdom, as
// JSON Lines, to check that a performance change leaves the output identical: run it on the old code
// and on the new, then compare. Each line is one page's whole result (content HTML as the tab returns
// it, before sanitizing, and every field), or its error message.
// usage: tsx scripts/extract-snapshot.ts OUT.jsonl [--compare OLD.jsonl]
import { readFileSync, writeFileSync } from 'node:fs';
import { extractUnsanitized } from '../lib/extract/core';
import { haveReadabilityPages, haveZyte, READABILITY_PAGE_URL, readabilityPages, zytePages } from './lib/corpora';
import { parsePage, readPageFile } from './lib/load-page';

const args = process.argv.slice(2);
const at = args.indexOf('--compare');
const against = at >= 0 ? args[at + 1] : null;
const out = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
if (!out || (at >= 0 && !against)) {
  console.error('usage: tsx scripts/extract-snapshot.ts OUT.jsonl [--compare OLD.jsonl]');
  process.exit(2);
}
if (!haveZyte() || !haveReadabilityPages()) {
  console.error('extract-snapshot needs both corpora under ../shared/corpora (zyte-article-extraction, readability-test-pages)');
  process.exit(2);
}

const pages = [
  ...zytePages().map((p) => ({ id: `zyte/${p.id}`, file: p.file, url: p.url })),
  ...readabilityPages().map((p) => ({ id: `readability/${p.slug}`, file: p.file, url: READABILITY_PAGE_URL })),
];
const lines: string[] = [];
for (const p of pages) {
  let result: unknown;
  try {
    const dom = parsePage(readPageFile(p.file), p.url);
    result = extractUnsanitized(dom.window.document, { url: p.url });
    dom.window.close();
  } catch (e) {
    result = { error: e instanceof Error ? e.message : String(e) };
  }
  lines.push(JSON.stringify({ id: p.id, result }));
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} pages written to ${out}`);

if (against) {
  const old = new Map<string, string>();
  for (const l of readFileSync(against, 'utf8').split('\n').filter(Boolean)) old.set((JSON.parse(l) as { id: string }).id, l);
  let same = 0;
  const diff: string[] = [];
  for (const l of lines) {
    const id = (JSON.parse(l) as { id: string }).id;
    if (old.get(id) === l) same++;
    else diff.push(id);
  }
  const missing = [...old.keys()].filter((id) => !pages.some((p) => p.id === id));
  console.log(`same=${same} diff=${diff.length}${missing.length ? ` missing=${missing.length}` : ''}`);
  for (const id of diff.slice(0, 20)) console.log(`  differs: ${id}`);
  if (diff.length || missing.length) process.exit(1);
}
