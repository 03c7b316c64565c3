// npm run bench:import-page (builds the e2e extension first) — importing 10,000 items in the REAL library page
// (built e2e extension, headless Chromium, real IndexedDB): time from choosing the file to the report,
// the longest frame gap while it runs (is the page responsive, does the progress bar move), how many
// progress updates were painted, the same file again (everything duplicate), and a Gist JSON export of
// the result. Baseline in the same run: parseImport alone on the same bytes under Node, so the ratio
// shows what writing to IndexedDB (and sanitizing, for content) adds.
// Last line: `import_links_ms=<n> import_content_ms=<n> reimport_ms=<n> export_json_ms=<n> max_frame_gap_ms=<n>`.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../tests/e2e/harness';
import { parseImport } from '../lib/import/parse-import';

const N = Number(process.argv[process.argv.indexOf('--items') + 1] || 10_000) || 10_000;
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

/** Starts a frame-gap probe in the page; returns a function that stops it and reports. */
// Page scripts as strings: tsx would wrap named inner functions in a helper the page does not have.
async function frameProbe(page: Page) {
  await page.evaluate(`(() => {
    window.__gaps = { max: 0, frames: 0, stop: false };
    let last = performance.now();
    const tick = (t) => { window.__gaps.max = Math.max(window.__gaps.max, t - last); window.__gaps.frames++; last = t; if (!window.__gaps.stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  return async () =>
    (await page.evaluate(`(() => { const g = window.__gaps; g.stop = true; return { max: Math.round(g.max), frames: g.frames }; })()`)) as {
      max: number;
      frames: number;
    };
}

async function importIn(page: Page, file: string) {
  const summary = page.getByTestId('import-summary');
  const before = (await summary.count()) ? await summary.textContent() : null;
  // Count painted progress updates.
  await page.evaluate(`(() => {
    window.__progress = new Set();
    new MutationObserver(() => { const p = document.querySelector('[data-testid=import-progress] p'); if (p && p.textContent) window.__progress.add(p.textContent); })
      .observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  const stop = await frameProbe(page);
  const t0 = Date.now();
  await page.getByTestId('import-file').setInputFiles(file);
  for (;;) {
    if ((await page.getByTestId('import-progress').count()) === 0 && (await summary.count()) && (await summary.textContent()) !== before)
      break;
    if (await page.getByTestId('import-error').count())
      throw new Error((await page.getByTestId('import-error').textContent()) ?? 'import error');
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = Date.now() - t0;
  const gaps = await stop();
  const updates = (await page.evaluate('window.__progress.size')) as number;
  return { ms, gaps, updates, summary: await summary.textContent() };
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
  const links = await run(`pocket-${N}.html`, pocketHtml(), tmp);
  const content = process.env.ONLY_LINKS ? links : await run(`wallabag-${N}.json`, wallabagJson(), tmp);
  if (process.env.ONLY_LINKS) {
    /* quick run */
  } else if (existsSync(REAL)) await run('real-pocket-ril_export.html', readFileSync(REAL, 'utf8'), tmp);
  else console.log(`(real Pocket export not found at ${REAL}: skipped)`);
  const gap = Math.max(links.first.gaps.max, content.first.gaps.max, links.exportGap, content.exportGap);
  console.log(
    `import_links_ms=${links.first.ms} import_content_ms=${content.first.ms} reimport_ms=${links.again.ms} export_json_ms=${content.exportMs} max_frame_gap_ms=${gap}`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
