// The library benchmarks' keystroke timer, run in the library page: each keydown in the search box
// starts a clock that stops once the list area shows that query and the next frame has painted
// (latencies in window.__lat). A string, not a function: tsx would wrap named inner functions in a
// helper the page lacks.
import type { Page } from 'playwright-core';

export const KEYSTROKE_PROBE = `(() => {
  const w = window; w.__lat = []; w.__t0 = null;
  const box = document.querySelector('[data-testid=search]');
  box.addEventListener('keydown', (e) => { w.__t0 = e.timeStamp; }, true);
  const check = () => {
    const area = document.querySelector('[data-testid=list-area]');
    if (w.__t0 === null || !area || area.getAttribute('data-query') !== box.value) return;
    const start = w.__t0; w.__t0 = null;
    requestAnimationFrame(() => setTimeout(() => w.__lat.push(performance.now() - start), 0));
  };
  new MutationObserver(check).observe(document.body, { attributes: true, childList: true, subtree: true, attributeFilter: ['data-query'] });
})()`;

type Lat = { __lat: number[] };

/**
 * Types `query` key by key into the emptied search box (KEYSTROKE_PROBE installed) and returns each
 * keystroke's latency, waiting for each before the next key.
 */
export async function typeQuery(page: Page, query: string): Promise<number[]> {
  const box = page.getByTestId('search');
  await box.fill('');
  await page.waitForFunction(() => document.querySelector('[data-testid=list-area]')?.getAttribute('data-query') === '');
  await page.evaluate(() => {
    (window as unknown as Lat).__lat = [];
  });
  await box.focus();
  let times: number[] = [];
  for (const ch of query) {
    await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    await page.waitForFunction((k) => (window as unknown as Lat).__lat.length >= k, times.length + 1, { timeout: 10_000 });
    times = await page.evaluate(() => (window as unknown as Lat).__lat);
  }
  return times;
}
