#!/usr/bin/env node
// Sizes of the scripts that load on every page visit or every save, with their budgets:
// the service worker wakes on each page load (detection report), the extraction script runs in the tab.
// Usage: node scripts/bundle-sizes.mjs [built extension dir]   (default .output/chrome-mv3-e2e)
// Exits non-zero when a budget is exceeded or a file is missing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// kB as `wxt build` prints them (1000 bytes), so the numbers match its output.
const KB = 1000;
const dir = resolve(process.argv[2] ?? '.output/chrome-mv3-e2e');
const FILES = [
  // 155: sync's outbox (lib/db/sync-outbox.ts) must record every write wherever it happens, the service
  // worker included (+3.6 kB with the sync alarm; the engine itself loads only in pages). 157: every open
  // tab's badge redrawn when the reading speed changes (lib/save/tab-badge-memo.ts) took it to 155.9 kB.
  // 158: the body's text in its own table (lib/db/contents.ts, the save and fetch paths write both rows)
  // and the outbox's batch rows for imports took it to 157.05 kB. 159: the E2E build's hook that runs the
  // sync alarm's round (Firefox sync test; entrypoints/background/e2e-hooks.ts) took that build to 158.4 kB;
  // the shipped build is 155.8 kB.
  { file: 'background.js', budget: 159 * KB },
  // 110: the rules for pages we were not tuned on (#15: lists and tables recovered beside the body, site-name
  // matching for titles and bylines, boilerplate blocks) took it from 92 to 105 kB; it loads on Save/popup only.
  // 111: bylines without leading dates and reading-time notes, caption marks that survive Readability's
  // rebuilt paragraphs (lib/extract/byline-clean.ts, preprocess.ts: 109.97 kB), then detection's CJK
  // weighting, which it carries with detectArticle (lib/detect/text-blocks.ts), took it to 110.5 kB.
  // 99: an unlisted script now (entrypoints/extract.ts), without WXT's content-script wrapper and the
  // webextension polyfill it pulled in (12.7 kB that ran on every injection): 98.3 kB. 100.5: bylines
  // without a role after the names (byline-clean.ts ROLE_TAIL, several languages), a role-only element's
  // name, "read also" lines, link-recognised paywall and author boxes, recipe subheadings, the caption-lead
  // and empty-output fallback rules (#15, pages not tuned on) took it to 99.6 kB.
  // 101.8: bylines on unseen page kinds (#15: byline text read with spaces between elements and without
  // <time>, a glued role, trailing dates and reading times in ten languages, reviews' names not the author
  // in ours and Readability's search), hover cards in sentences, the raw fallback's repeated headline: 101.6 kB.
  { file: 'extract.js', budget: 101.8 * KB },
  // Loads on every page: detection only; the extraction it runs on articles loads on those alone (Chrome).
  // 25 -> 26 kB: the word counter without Unicode property escapes (lib/detect/count-text.ts, 1.9 kB)
  // saves their cold compile, about 3 ms per article page. 26.5: Chinese, Japanese and Korean text weighed
  // like the Latin text it equals (lib/detect/text-blocks.ts cjkFactor) took it to 26.4 kB.
  // 26.6: lib/reading-time's patterns (its fallback count) built on first use, not parsed on every page: 26.53 kB.
  { file: 'content-scripts/detect.js', budget: 26.6 * KB },
  // The same extraction, imported by the detect script on article pages (Chrome): 102 with extract.js's 101.8.
  { file: 'reading-counts.js', budget: 102 * KB },
];

if (!existsSync(join(dir, 'manifest.json'))) {
  console.error(`bundle-sizes: no built extension at ${dir} (run npx wxt build --mode e2e first)`);
  process.exit(2);
}

function total(d) {
  let n = 0;
  for (const e of readdirSync(d, { withFileTypes: true })) n += e.isDirectory() ? total(join(d, e.name)) : statSync(join(d, e.name)).size;
  return n;
}

const fmt = (n) => `${(n / KB).toFixed(1)} kB`;
let over = 0;
console.log(`bundle sizes (${relative(process.cwd(), dir) || dir}):`);
for (const { file, budget } of FILES) {
  const p = join(dir, file);
  if (!existsSync(p)) {
    console.log(`  ${file.padEnd(28)} MISSING`);
    over++;
    continue;
  }
  const size = statSync(p).size;
  const bad = budget !== undefined && size > budget;
  if (bad) over++;
  console.log(
    `  ${file.padEnd(28)} ${fmt(size).padStart(9)}${budget !== undefined ? `  (budget ${fmt(budget)}${bad ? ', OVER' : ''})` : ''}`,
  );
}
console.log(`  ${'total'.padEnd(28)} ${fmt(total(dir)).padStart(9)}`);
process.exit(over ? 1 : 0);
