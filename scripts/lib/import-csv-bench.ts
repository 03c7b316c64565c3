// The Pocket CSV part of bench-import-page: files of several sizes imported one after the other into
// one fresh library in ONE browser run (the smallest is the baseline), each imported twice. Measures
// seconds, the longest frame gap and long task while importing, articles added (0 expected the second
// time), and how long the page stays busy after the report (the list reloading, the search index
// catching up with the change log): the time until no long task for 3 s, and the longest task meanwhile.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { extensionDir, launchWithExtension } from '../../tests/e2e/harness';
import { explainTasks, startProfile } from './cpu-profile';
import { frameProbe, importIn } from './import-page-probe';
import { pocketCsv } from './pocket-csv';

export interface CsvPass {
  s: number;
  frameMs: number;
  taskMs: number;
  added: number;
  updates: number;
  settleS: number;
  settleTaskMs: number;
  summary: string | null;
  /** Page times of the pass's start and of its report. */
  window: [number, number];
}

export interface CsvSize {
  rows: number;
  first: CsvPass;
  again: CsvPass;
}

// Page scripts as strings (see import-page-probe).
const START_LONG_TASKS = `(() => {
  window.__lt = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([e.startTime, e.duration]); }).observe({ type: 'longtask' });
})()`;
/** The longest task since page time `t` and the Gist timeline marks in the 3 s before it ends. */
const longestWithMarks = (t: number) => `(() => {
  const [s, d] = window.__lt.filter(([s]) => s >= ${t}).reduce((m, e) => (e[1] > m[1] ? e : m), [0, 0]);
  const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('gist:') && m.startTime >= s - 3000 && m.startTime <= s + d)
    .map((m) => m.name.slice(5) + '@' + Math.round(m.startTime - s));
  return d ? Math.round(d) + ' ms task, marks relative to its start: ' + (marks.join(' ') || 'none') : 'none';
})()`;
const longestSince = (t: number) => `Math.round(Math.max(0, ...window.__lt.filter(([s]) => s >= ${t}).map(([, d]) => d)))`;
const ARTICLES = `new Promise((ok, no) => { const r = indexedDB.open('gist'); r.onerror = () => no(r.error);
  r.onsuccess = () => { const db = r.result; const q = db.transaction('articles').objectStore('articles').count();
    q.onsuccess = () => { ok(q.result); db.close(); }; q.onerror = () => no(q.error); }; })`;

/**
 * From page time `t0` (the report is up) until the library's "All" count shows `articles` and no long
 * task has run for 3 s: the list reload and search-index catch-up the import left behind.
 */
async function settle(page: Page, t0: number, articles: number): Promise<{ settleS: number; settleTaskMs: number }> {
  const state = `(() => {
    const last = window.__lt.filter(([s]) => s >= ${t0}).reduce((m, [s, d]) => Math.max(m, s + d), ${t0});
    const shown = Number((document.querySelector('[data-testid=view-all] .count')?.textContent ?? '').replace(/\\D/g, '') || -1);
    return { last, quiet: performance.now() - last, shown, now: performance.now() };
  })()`;
  const deadline = Date.now() + 120_000;
  let shownAt = 0;
  for (;;) {
    const st = (await page.evaluate(state)) as { last: number; quiet: number; shown: number; now: number };
    if (st.shown === articles && !shownAt) shownAt = st.now;
    // The count is the sign the list has reloaded; a page that never shows it still settles when idle.
    if (st.quiet >= (shownAt ? 3000 : 6000) || Date.now() > deadline)
      return {
        settleS: Math.round((Math.max(st.last, shownAt || st.now) - t0) / 100) / 10,
        settleTaskMs: (await page.evaluate(longestSince(t0))) as number,
      };
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function pass(page: Page, file: string): Promise<CsvPass> {
  const before = (await page.evaluate(ARTICLES)) as number;
  const t = (await page.evaluate('performance.now()')) as number;
  const stop = await frameProbe(page);
  const r = await importIn(page, file);
  const tEnd = (await page.evaluate('performance.now()')) as number;
  const gaps = await stop();
  const taskMs = (await page.evaluate(
    `Math.round(Math.max(0, ...window.__lt.filter(([s]) => s >= ${t} && s < ${tEnd}).map(([, d]) => d)))`,
  )) as number;
  const after = (await page.evaluate(ARTICLES)) as number;
  const settled = await settle(page, tEnd, after);
  if (process.env.BENCH_MARKS) console.log(`    longest: ${String(await page.evaluate(longestWithMarks(t)))}`);
  return {
    s: r.ms / 1000,
    frameMs: gaps.max,
    taskMs,
    added: after - before,
    updates: r.updates,
    summary: r.summary,
    window: [t, tEnd],
    ...settled,
  };
}

const fmt = (p: CsvPass) =>
  `${p.s.toFixed(1)} s; longest frame ${p.frameMs} ms, longest task ${p.taskMs} ms; ${p.updates} progress texts; +${p.added} articles; until the list shows them and the page is idle ${p.settleS} s (longest task ${p.settleTaskMs} ms)`;

export async function csvBench(sizes: number[], tmp: string): Promise<CsvSize[]> {
  const s = await launchWithExtension();
  const out: CsvSize[] = [];
  try {
    const page = await s.context.newPage();
    await page.goto(s.extUrl('library.html'));
    await page.waitForSelector('[data-testid=list-area]');
    await page.evaluate(START_LONG_TASKS);
    const profiling = process.env.BENCH_PROFILE ? await startProfile(page) : null;
    await page.getByTestId('import-export').click();
    for (const [k, rows] of sizes.entries()) {
      const file = join(tmp, `pocket-${rows}.csv`);
      const text = pocketCsv(rows, { seed: k + 1, prefix: `s${k}-` });
      writeFileSync(file, text);
      const first = await pass(page, file);
      const again = await pass(page, file);
      console.log(`pocket CSV ${rows.toLocaleString()} rows (${(text.length / 1e6).toFixed(1)} MB)${k === 0 ? ' [baseline]' : ''}`);
      console.log(`  import   ${fmt(first)}\n           ${first.summary}`);
      console.log(`  again    ${fmt(again)}\n           ${again.summary}`);
      out.push({ rows, first, again });
    }
    if (profiling) {
      const tasks = (await page.evaluate('window.__lt')) as [number, number][];
      const run = await profiling();
      console.log('  CPU profile of the long tasks (BENCH_PROFILE):');
      for (const line of explainTasks(run, tasks, extensionDir())) console.log(line);
      const { first, again } = out[out.length - 1];
      console.log('  CPU profile of the largest import, then of its re-import, start to report (all tasks):');
      for (const p of [first, again])
        for (const line of explainTasks(run, [[p.window[0], p.window[1] - p.window[0]]], extensionDir())) console.log(line);
    }
    if (out.length > 1) {
      const [b, l] = [out[0], out[out.length - 1]];
      console.log(
        `  ratio ${l.rows / b.rows}x rows: import ${(l.first.s / b.first.s).toFixed(1)}x, re-import ${(l.again.s / b.again.s).toFixed(1)}x time`,
      );
    }
  } finally {
    await s.close();
  }
  return out;
}

/** The last-line fields for the largest size. */
export function csvLine(sizes: CsvSize[]): string {
  const l = sizes[sizes.length - 1];
  return [
    `csv_rows=${l.rows}`,
    `csv_import_s=${l.first.s.toFixed(1)}`,
    `csv_max_frame_ms=${Math.max(l.first.frameMs, l.again.frameMs)}`,
    `csv_max_task_ms=${Math.max(l.first.taskMs, l.again.taskMs)}`,
    `csv_reimport_s=${l.again.s.toFixed(1)}`,
    `csv_reimport_added=${l.again.added}`,
    `csv_settle_s=${Math.max(l.first.settleS, l.again.settleS)}`,
    `csv_settle_max_task_ms=${Math.max(l.first.settleTaskMs, l.again.settleTaskMs)}`,
  ].join(' ');
}
