// npm run bench:import-page (builds the e2e extension first) — importing 10,000 items in the REAL library page
// (built e2e extension, headless Chromium, real IndexedDB): time from choosing the file to the report,
// the longest frame gap while it runs (is the page responsive, does the progress bar move), how many
// progress updates were painted, the same file again (everything duplicate), and a Gist JSON export of
// the result. Baseline in the same run: parseImport alone on the same bytes under Node, so the ratio
// shows what writing to IndexedDB (and sanitizing, for content) adds.
// Then Pocket CSVs of `--rows` rows (default 100,000) and a 10,000-row baseline, imported one after the
// other in ONE browser run (fresh library): import and re-import seconds, the longest frame gap and the
// longest task (PerformanceObserver 'longtask'), articles added by the re-import (must be 0), and how long
// the page stays busy after the report (list reload, search index catching up). `--only-csv`: just these.
// Last line: `import_links_ms=<n> import_content_ms=<n> reimport_ms=<n> export_json_ms=<n> max_frame_gap_ms=<n>`
// followed by `csv_rows=<n> csv_import_s=<n> csv_max_frame_ms=<n> csv_max_task_ms=<n> csv_reimport_s=<n>
// csv_reimport_added=<n> csv_settle_s=<n> csv_settle_max_task_ms=<n>` (the largest size).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension } from '../tests/e2e/harness';
import { parseImport } from '../lib/import/parse-import';
import { csvBench, csvLine } from './lib/import-csv-bench';
import { frameProbe, importIn } from './lib/import-page-probe';

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) || fallback : fallback;
const N = arg('--items', 10_000);
const ROWS = arg('--rows', 100_000);
const BASELINE = arg('--baseline', 10_000);
const ONLY_CSV = process.argv.includes('--only-csv');
const ROOT = resolve(import.meta.dirname, '..');
const REAL = join(ROOT, '../shared/corpora/import-samples/pocket/hammer-mt/ril_export.html');

function pocketHtml(): string {
  const li = (i: number) =>
    `<li><a href="https://site${i % 97}.example/post/${i}?utm_source=x" time_added="${1_600_000_000 + i}" tags="t${i % 9},common">Title ${i} &amp; more</a></li>`;
  return `<!DOCTYPE html><html><head><title>Pocket Export</title></head><body><h1>Unread</h1><ul>\n${Array.from({ length: N }, (_, i) => li(i)).join('\n')}\n</ul><h1>Read Archive</h1><ul></ul></body></html>`;
}

function wallabagJson(): string {
  const body = (i: number) =>
    `<h2>Part ${i}</h2>${Array.from({ length: 6 }, (_, k) => `<p>Paragraph ${k} of entry ${i}, with <a href="/rel/${k}">a link</a> and <b>bold</b> words to sanitize.</p>`).join('')}<img src="https://img.example/${i}.jpg"><script>alert(1)</script>`;
  return JSON.stringify(
    Array.from({ length: N }, (_, i) => ({
      id: i,
      title: `Entry ${i}`,
      url: `https://w${i % 50}.example/${i}`,
      is_archived: i % 2,
      is_starred: 0,
      created_at: '2016-09-08T11:55:58+0200',
      tags: ['x', `t${i % 4}`],
      content: body(i),
    })),
  );
}

async function run(name: string, text: string, tmp: string) {
  const file = join(tmp, name);
  writeFileSync(file, text);
  const bytes = new TextEncoder().encode(text);
  const p0 = performance.now();
  const parsed = await parseImport(name, bytes);
  const parseMs = performance.now() - p0;
  const s = await launchWithExtension();
  try {
    const page = await s.context.newPage();
    await page.goto(s.extUrl('library.html'));
    await page.waitForSelector('[data-testid=list-area]');
    await page.getByTestId('import-export').click();
    const first = await importIn(page, file);
    const again = await importIn(page, file);
    console.log(`${name}: ${parsed.items.length} items, ${(bytes.length / 1e6).toFixed(1)} MB`);
    console.log(
      `  import   ${first.ms} ms (node parse-only baseline ${Math.round(parseMs)} ms, ratio ${(first.ms / parseMs).toFixed(1)}x); longest frame gap ${first.gaps.max} ms over ${first.gaps.frames} frames; ${first.updates} progress texts painted`,
    );
    console.log(`           ${first.summary}`);
    console.log(`  again    ${again.ms} ms; longest frame gap ${again.gaps.max} ms; ${again.summary}`);
    const stop = await frameProbe(page);
    const t0 = Date.now();
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByTestId('export-gist-json').click()]);
    const exportMs = Date.now() - t0;
    const gaps = await stop();
    const out = join(tmp, `${name}.export.json`);
    await dl.saveAs(out);
    console.log(
      `  export   Gist JSON ${exportMs} ms, ${(readFileSync(out).length / 1e6).toFixed(1)} MB; longest frame gap ${gaps.max} ms over ${gaps.frames} frames`,
    );
    return { first, again, exportMs, exportGap: gaps.max };
  } finally {
    await s.close();
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'gist-bench-import-'));
try {
  if (ONLY_CSV) console.log(csvLine(await csvBench([BASELINE, ROWS], tmp)));
  else await all();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

async function all() {
  const links = await run(`pocket-${N}.html`, pocketHtml(), tmp);
  const content = process.env.ONLY_LINKS ? links : await run(`wallabag-${N}.json`, wallabagJson(), tmp);
  if (process.env.ONLY_LINKS) {
    /* quick run */
  } else if (existsSync(REAL)) await run('real-pocket-ril_export.html', readFileSync(REAL, 'utf8'), tmp);
  else console.log(`(real Pocket export not found at ${REAL}: skipped)`);
  const csv = await csvBench([BASELINE, ROWS], tmp);
  const gap = Math.max(links.first.gaps.max, content.first.gaps.max, links.exportGap, content.exportGap);
  console.log(
    `import_links_ms=${links.first.ms} import_content_ms=${content.first.ms} reimport_ms=${links.again.ms} export_json_ms=${content.exportMs} max_frame_gap_ms=${gap} ${csvLine(csv)}`,
  );
}
