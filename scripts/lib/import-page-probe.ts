// Probes of the library page while it imports (shared by bench-import-page and its CSV part): frame gaps
// from requestAnimationFrame, painted progress texts, and the wait for the import report.
import type { Page } from 'playwright-core';

/** Starts a frame-gap probe in the page; returns a function that stops it and reports. */
// Page scripts as strings: tsx would wrap named inner functions in a helper the page does not have.
export async function frameProbe(page: Page) {
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

export async function importIn(page: Page, file: string) {
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
  // One page script per look, every 50 ms: the probe runs on the page's main thread it measures (three
  // locator queries every 20 ms took ~5% of a 20,000-row import's main thread).
  const look = `(() => {
    const q = (id) => document.querySelector('[data-testid=' + id + ']');
    return { busy: !!q('import-progress'), summary: q('import-summary')?.textContent ?? null, error: q('import-error')?.textContent ?? null };
  })()`;
  for (;;) {
    if (Date.now() - t0 > 900_000) throw new Error(`${file}: no import report after 15 minutes`);
    const st = (await page.evaluate(look)) as { busy: boolean; summary: string | null; error: string | null };
    if (!st.busy && st.summary !== null && st.summary !== before) break;
    if (st.error !== null) throw new Error(st.error || 'import error');
    await new Promise((r) => setTimeout(r, 50));
  }
  const ms = Date.now() - t0;
  const gaps = await stop();
  const updates = (await page.evaluate('window.__progress.size')) as number;
  return { ms, gaps, updates, summary: await summary.textContent() };
}
