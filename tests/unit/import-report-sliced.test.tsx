// @vitest-environment happy-dom
// A 100,000-item import's report on the page: the counts paint first and the rows are built a slice per
// task (one ~1 s task before), and the link-only list puts only the rows in view in the page, and none
// while folded (300 rows went in with the report before).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImportSection } from '../../components/library/import-section';
import { ImportLinks } from '../../components/library/import-links';
import { buildReport, buildReportSliced, reportCounts, reportCsv, reportCsvSliced } from '../../components/library/import-report';
import type { ImportRun, TransferBackend } from '../../components/library/library-connector';

function bigRun(n: number): ImportRun {
  return {
    file: 'pocket.csv',
    format: 'pocket-csv',
    ms: 1000,
    outcomes: Array.from({ length: n }, (_, i) => ({
      index: i,
      where: `pocket.csv:${i + 2}`,
      url: `https://s${i % 300}.example/p/${i}`,
      outcome: i % 10 === 3 ? ('duplicate' as const) : ('imported' as const),
      reason: i % 10 === 3 ? 'already in the library; nothing new' : 'imported as a link',
      articleId: i + 1,
      needsFetch: i % 10 !== 3,
    })),
    duplicates: [{ where: 'pocket.csv:40', keptWhere: 'pocket.csv:2', url: 'https://s0.example/p/0' }],
    errors: [
      { where: 'pocket.csv:7', reason: 'unreadable date' },
      { where: 'pocket.csv', reason: 'no tags column' },
    ],
    strayHighlights: [],
  };
}

let root: HTMLElement;
const $ = (id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
const tick = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('a 100,000-item import report', () => {
  it('is built a slice at a time (20,000 items here), pausing between slices, into the same report as built at once', async () => {
    const run = bigRun(20_000);
    const pause = vi.fn(() => Promise.resolve());
    // sliceMs 0: a pause at every step, however fast the machine.
    const sliced = await buildReportSliced(run, pause, 0);
    expect(pause.mock.calls.length).toBeGreaterThanOrEqual(20_000 / 2048);
    const whole = buildReport(run);
    expect(sliced).toEqual(whole);
    expect(reportCounts(run)).toEqual({ counts: whole.counts, toFetch: whole.toFetch });
    expect(whole.counts).toEqual({ imported: 18_000, merged: 0, duplicate: 2_001, failed: 0, problem: 2 });
    expect(whole.notable).toHaveLength(2_003);
    expect(whole.notable[0].where).toBe('pocket.csv'); // the whole-file remark first, then by line
    expect(whole.links).toHaveLength(18_000);
    expect(whole.links[0]).toEqual({ id: 1, url: 'https://s0.example/p/0', where: 'pocket.csv:2' });
  });

  it('saves as CSV a slice at a time: the same text as built at once, a line per row', async () => {
    const run = bigRun(20_000);
    const report = buildReport(run);
    const pause = vi.fn(() => Promise.resolve());
    const parts = await reportCsvSliced(report, pause, 0);
    expect(pause.mock.calls.length).toBeGreaterThanOrEqual(20_000 / 2048);
    const csv = parts.join('');
    expect(csv).toBe(reportCsv(run, report));
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(1 + report.rows.length + 1); // header, rows, the final line break
    expect(lines[0]).toBe('where,url,outcome,reason');
    expect(lines[1]).toBe('pocket.csv,,problem,no tags column');
  });

  it('shows the counts as soon as the import ends, and the rows only a few tasks later', async () => {
    const run = bigRun(100_000);
    const transfer = { importFile: vi.fn(async () => run) } as unknown as TransferBackend;
    await act(() => render(<ImportSection transfer={transfer} fetchOne={async () => ({ fetched: true })} />, root));
    const input = $('import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'pocket.csv')], configurable: true });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await Promise.resolve();
    });
    // The report's first paint: the counts, and no row list yet.
    const result = $('import-result')!;
    expect(result.dataset).toMatchObject({ imported: '90000', duplicate: '10001', problem: '2' });
    expect($('import-summary')!.textContent).toContain('90,000 imported');
    expect($('import-report-preparing')).not.toBeNull();
    expect($('import-report-rows')).toBeNull();
    for (let i = 0; i < 400 && !$('import-report-rows'); i++) await tick();
    expect($('import-report-rows')!.dataset.count).toBe('10003');
    expect($('import-report-preparing')).toBeNull();
  });
});

describe('the link-only list', () => {
  const items = Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, url: `https://a.example/${i}`, where: `f.csv:${i + 2}` }));
  const toggle = (d: HTMLDetailsElement) => {
    d.open = !d.open;
    // Preact listens to 'toggle' where elements have an ontoggle property (browsers), else to 'Toggle' (happy-dom).
    d.dispatchEvent(new Event('ontoggle' in d ? 'toggle' : 'Toggle'));
  };

  it('puts no row in the page while folded, and only the rows in view once opened', async () => {
    await act(() => render(<ImportLinks items={items} fetchOne={async () => ({ fetched: true })} />, root));
    const details = root.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(root.querySelectorAll('li')).toHaveLength(0);
    expect(details.querySelector('summary')!.textContent).toContain('5,000');
    await act(() => toggle(details));
    const rows = root.querySelectorAll('[data-testid=import-links] li');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(40);
    expect($('import-links')!.dataset.count).toBe('5000');
    expect((rows[0] as HTMLElement).dataset.url).toBe('https://a.example/0');
    await act(() => toggle(details));
    expect(root.querySelectorAll('li')).toHaveLength(0);
  });
});
