// A large import in the real library page (Chromium + the built extension): a 4,000-row Pocket CSV
// moves the progress bar through several values while it is written, the report gives its counts, and
// its list of 4,000 duplicates (the same file again) is windowed: a few dozen rows in the DOM, and
// scrolling its box brings the last ones in.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from './harness';
import { pocketCsv } from '../../scripts/lib/pocket-csv';

const ROWS = 4000;
let s: ExtensionSession;
let page: Page;
let tmp: string;
let file: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gist-import-large-'));
  file = join(tmp, 'pocket.csv');
  writeFileSync(file, pocketCsv(ROWS));
  s = await launchWithExtension({ extDir: process.env.GIST_E2E_EXT || undefined });
  page = await s.context.newPage();
  await page.goto(s.extUrl('library.html'));
  await page.waitForSelector('[data-testid=list-area]');
  await page.getByTestId('import-export').click();
});

afterAll(async () => {
  await s?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Imports the file, sampling the progress bar's value every frame; returns the distinct values seen. */
async function importSampling(): Promise<number[]> {
  await page.evaluate(`(() => {
    window.__values = new Set();
    const tick = () => {
      const p = document.querySelector('[data-testid=import-progress] progress');
      if (p && p.hasAttribute('value')) window.__values.add(p.value);
      if (!window.__stop) requestAnimationFrame(tick);
    };
    window.__stop = false;
    requestAnimationFrame(tick);
  })()`);
  const n = await page.getByTestId('import-result').count();
  const before = n ? await page.getByTestId('import-summary').textContent() : null;
  await page.getByTestId('import-file').setInputFiles(file);
  await expect
    .poll(
      async () =>
        (await page.getByTestId('import-progress').count()) === 0 && (await page.getByTestId('import-summary').textContent()) !== before,
      {
        timeout: 120_000,
      },
    )
    .toBe(true);
  return (await page.evaluate('window.__stop = true, [...window.__values]')) as number[];
}

describe('a 4,000-row Pocket CSV', () => {
  it('imports with the progress bar moving, and the report counts every row', async () => {
    const values = await importSampling();
    // Several distinct positions between 0 and the end, not a jump from nothing to done.
    expect(values.filter((v) => v > 0 && v < ROWS - 2).length).toBeGreaterThanOrEqual(3);
    const result = page.getByTestId('import-result');
    // The generator's line 7 is an ftp: link and line 5 has an unreadable date: both reported as problems.
    expect(await result.getAttribute('data-imported')).toBe(String(ROWS - 1));
    expect(await result.getAttribute('data-problem')).toBe('2');
    expect(await page.getByTestId('import-summary').textContent()).toContain(`${(ROWS - 1).toLocaleString('en-US')} imported`);
  });

  it('lists every link-only article in a windowed list, folded at first: a few dozen rows in the page at most', async () => {
    const links = page.getByTestId('import-links');
    expect(await links.count()).toBe(0); // folded: no row rendered
    await page.locator('[data-testid=import-result] details summary').filter({ hasText: 'Imported as links only' }).click();
    expect(await links.getAttribute('data-count')).toBe(String(ROWS - 1)); // every imported row: none had content
    const first = await links.locator('li').first().getAttribute('data-url');
    expect(await links.locator('li').count()).toBeGreaterThan(3);
    expect(await links.locator('li').count()).toBeLessThan(40);
    expect(await links.locator('li button').first().textContent()).toBe('Fetch now');
    await links.evaluate((ul) => ul.parentElement!.scrollTo({ top: ul.parentElement!.scrollHeight }));
    await expect.poll(() => links.locator('li').first().getAttribute('data-url')).not.toBe(first);
    expect(await links.locator('li').count()).toBeLessThan(40);
  });

  it('the same file again adds nothing, and its 4,000-row report is a windowed list', async () => {
    await importSampling();
    const result = page.getByTestId('import-result');
    expect(await result.getAttribute('data-imported')).toBe('0');
    expect(await result.getAttribute('data-duplicate')).toBe(String(ROWS - 1));
    const rows = page.getByTestId('import-report-rows');
    await page.locator('[data-testid=import-result] details summary').filter({ hasText: 'Merged, duplicates' }).click();
    expect(await rows.getAttribute('data-count')).toBe(String(ROWS + 1));
    const rendered = await rows.locator('li').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(await rows.locator('li').first().textContent()).toMatch(/^duplicate pocket\.csv:2\b/);
    // Scrolling the list's box to the end renders the file's last line, still without the rest.
    await rows.evaluate((ul) => ul.parentElement!.scrollTo({ top: ul.parentElement!.scrollHeight }));
    await expect.poll(() => rows.locator('li').last().textContent()).toMatch(new RegExp(`^duplicate pocket\\.csv:${ROWS + 1}\\b`));
    expect(await rows.locator('li').count()).toBeLessThan(60);
  });
});
