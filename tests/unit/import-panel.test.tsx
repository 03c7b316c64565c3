// @vitest-environment happy-dom
// The Import / Export panel with a mock connector: import progress and report (every outcome, saved
// as CSV), unknown formats, dropped files (fetch queue controls and export: import-panel-queue-export).
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { buildReport, reportCsv } from '../../components/library/import-report';
import type { ImportRun, TransferBackend } from '../../components/library/library-connector';
import { UnknownFormatError } from '../../lib/import/types';
import { file, $, flush, chooseFile, queueMock, mount, mountRootEachTest } from '../helpers/import-panel-harness';

mountRootEachTest();
const RUN: ImportRun = {
  file: 'ril_export.html',
  format: 'pocket-html',
  ms: 420,
  outcomes: [
    {
      index: 0,
      where: 'ril_export.html:5',
      url: 'https://a.example/1',
      outcome: 'imported',
      reason: 'imported; the page is fetched later',
      articleId: 1,
      needsFetch: true,
    },
    {
      index: 1,
      where: 'ril_export.html:6',
      url: 'https://a.example/2',
      outcome: 'imported',
      reason: 'imported with its content',
      articleId: 2,
      needsFetch: false,
    },
    {
      index: 2,
      where: 'ril_export.html:7',
      url: 'https://a.example/3',
      outcome: 'merged',
      reason: 'already in the library; merged: 1 tag added',
      articleId: 3,
    },
    { index: 3, where: 'ril_export.html:8', url: 'javascript:alert(1)', outcome: 'failed', reason: 'not a web page (javascript: URL)' },
    {
      index: 4,
      where: 'ril_export.html:11',
      url: 'https://a.example/4',
      outcome: 'duplicate',
      reason: 'already in the library; nothing new; kept archived (the file says unread)',
      articleId: 4,
    },
  ],
  duplicates: [{ where: 'ril_export.html:9', keptWhere: 'ril_export.html:5', url: 'https://a.example/1' }],
  errors: [{ where: 'ril_export.html:10', reason: 'unreadable date "yesterday"; kept without a date' }],
  strayHighlights: [
    {
      where: 'a.zip/annotations',
      url: 'https://a.example/9',
      count: 2,
      outcome: 'merged',
      reason: "not in the file's list, but in the library: 2 highlights added",
      articleId: 9,
    },
    {
      where: 'a.zip/annotations',
      url: 'https://gone.example/',
      count: 3,
      outcome: 'unmatched',
      reason: "3 highlights for https://gone.example/, which is neither in the file's list nor in the library: not imported",
    },
  ],
};

describe('import', () => {
  it('shows progress, then a summary of every outcome, and saves the report as CSV', async () => {
    let progress: ((d: number, t: number, p: 'reading' | 'writing') => void) | null = null;
    let finish: (r: ImportRun) => void = () => {};
    const importFile = vi.fn((_n: string, _b: Uint8Array, p: typeof progress) => {
      progress = p;
      return new Promise<ImportRun>((r) => {
        finish = r;
      });
    });
    mount({ importFile: importFile as unknown as TransferBackend['importFile'] });
    chooseFile(file('ril_export.html', '<html>pocket</html>'));
    await flush();
    expect(importFile).toHaveBeenCalledOnce();
    expect(new TextDecoder().decode(importFile.mock.calls[0][1])).toBe('<html>pocket</html>');
    await act(() => progress!(200, 1000, 'writing'));
    expect($('import-progress')!.textContent).toContain('Importing 200 of 1,000');
    expect(($('import-progress')!.querySelector('progress') as HTMLProgressElement).getAttribute('value')).toBe('200');

    const created: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:report';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await act(async () => finish(RUN));
    await flush();
    const result = $('import-result')!;
    expect(result.dataset).toMatchObject({ imported: '2', merged: '2', duplicate: '2', failed: '1', problem: '2' });
    expect($('import-summary')!.textContent).toContain(
      '2 imported · 2 merged into existing articles · 2 duplicates · 1 failed · 2 problems in the file',
    );
    // One link to fetch: said in the singular, never "link(s)".
    expect(result.textContent).toContain('1 imported link has no content yet');
    expect($('import-report-rows')!.textContent).toContain('3 highlights for https://gone.example/');
    expect($('import-report-rows')!.textContent).toContain('not a web page (javascript: URL)');
    expect($('import-report-rows')!.textContent).toContain('repeated in the file; merged into ril_export.html:5');
    ($('import-save-report') as HTMLButtonElement).click();
    await flush();
    expect(click).toHaveBeenCalledOnce();
    const csv = await created[0].text();
    expect(csv.split('\r\n')[0]).toBe('where,url,outcome,reason');
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 9); // every item, the stray highlights, the in-file duplicate and the problem
    expect(csv).toContain('a.zip/annotations,https://gone.example/,problem,"3 highlights for https://gone.example/');
  });

  it('lists each link-only article with "Fetch now", which fetches that one and shows fetched or why not', async () => {
    const run: ImportRun = {
      ...RUN,
      outcomes: [
        ...RUN.outcomes,
        {
          index: 5,
          where: 'ril_export.html:12',
          url: 'https://b.example/gone',
          outcome: 'imported',
          reason: 'imported; the page is fetched later',
          articleId: 5,
          needsFetch: true,
        },
      ],
    };
    let fail: (r: { fetched: false; reason: string }) => void = () => {};
    const fetchOne = vi.fn((id: number) =>
      id === 1 ? Promise.resolve({ fetched: true as const }) : new Promise<{ fetched: false; reason: string }>((r) => (fail = r)),
    );
    const queue = { ...queueMock(), fetchOne };
    mount({ importFile: vi.fn(async () => run) as unknown as TransferBackend['importFile'] }, queue);
    chooseFile(file('ril_export.html', '<html>pocket</html>'));
    await flush();
    const rows = () => [...$('import-links')!.querySelectorAll('li')];
    // Only the new articles without their page: not the one imported with content, nor merged or failed rows.
    expect(rows().map((li) => li.dataset.url)).toEqual(['https://a.example/1', 'https://b.example/gone']);
    expect(rows().map((li) => li.dataset.state)).toEqual(['waiting', 'waiting']);
    expect(rows().map((li) => li.querySelector('button')!.textContent)).toEqual(['Fetch now', 'Fetch now']);

    await act(() => rows()[0].querySelector('button')!.click());
    await flush();
    expect(fetchOne).toHaveBeenCalledWith(1, 'https://a.example/1');
    expect(rows()[0].dataset.state).toBe('fetched');
    expect(rows()[0].textContent).toContain('Fetched');
    expect(rows()[0].querySelector('button')).toBeNull();

    await act(() => rows()[1].querySelector('button')!.click());
    expect(rows()[1].dataset.state).toBe('fetching');
    expect(rows()[1].querySelector('button')!.disabled).toBe(true);
    await act(async () => fail({ fetched: false, reason: 'the page is gone (HTTP 404)' }));
    await flush();
    expect(rows()[1].dataset.state).toBe('failed');
    expect(rows()[1].querySelector('[role="alert"]')!.textContent).toBe('Could not fetch: the page is gone (HTTP 404)');
    expect(rows()[1].querySelector('button')!.textContent).toBe('Try again');
    expect(fetchOne).toHaveBeenCalledTimes(2);
    expect(queue.start).not.toHaveBeenCalled(); // one article, not the whole queue
  });

  it('says clearly when the file is not a known format, and nothing was imported', async () => {
    mount({
      importFile: vi.fn(async () => {
        throw new UnknownFormatError('notes.txt: not a format Gist knows (first line: hello)');
      }),
    });
    chooseFile(file('notes.txt', 'hello'));
    await flush();
    expect($('import-error')!.textContent).toBe('Nothing was imported. notes.txt: not a format Gist knows (first line: hello)');
    expect($('import-result')).toBeNull();
  });

  it('imports a file dropped on the drop zone', async () => {
    const importFile = vi.fn(async () => RUN);
    mount({ importFile });
    // Preact listens to 'drop' where elements have an ondrop property (browsers), else to 'Drop' (happy-dom).
    const drop = new Event('ondrop' in $('import-drop')! ? 'drop' : 'Drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file('x.csv', 'URL,Title\nhttps://a.example/,A')], types: ['Files'] } });
    $('import-drop')!.dispatchEvent(drop);
    await flush();
    expect(importFile).toHaveBeenCalledWith('x.csv', expect.any(Uint8Array), expect.any(Function));
    expect($('import-summary')).not.toBeNull();
  });

  it('counts by the typed outcome fields, whatever the reason text says', () => {
    const o = (index: number, outcome: ImportRun['outcomes'][number]['outcome'], reason: string, needsFetch?: boolean) => ({
      index,
      where: `f:${index}`,
      url: `https://a.example/${index}`,
      outcome,
      reason,
      ...(needsFetch === undefined ? {} : { needsFetch }),
    });
    const run: ImportRun = {
      ...RUN,
      duplicates: [],
      errors: [],
      strayHighlights: [],
      outcomes: [
        o(0, 'imported', 'imported with its content', true), // misleading text: the typed field says it needs its page
        o(1, 'imported', 'imported with its content (and more)', true),
        o(2, 'imported', 'restored from a Gist export', false),
        o(3, 'merged', 'already in the library; merged: archived'),
        o(4, 'duplicate', 'already in the library; merged: nothing'),
      ],
    };
    const r = buildReport(run);
    expect(r.counts).toEqual({ imported: 3, merged: 1, duplicate: 1, failed: 0, problem: 0 });
    expect(r.toFetch).toBe(2);
    expect(r.rows.map((x) => x.outcome)).toEqual(['imported', 'imported', 'imported', 'merged', 'duplicate']);
  });

  it('escapes CSV cells and defuses spreadsheet formulas in the report', () => {
    const run: ImportRun = {
      ...RUN,
      outcomes: [{ index: 0, where: 'f:1', url: '=HYPERLINK("x")', outcome: 'failed', reason: 'a, "quoted"\nreason' }],
      duplicates: [],
      errors: [],
      strayHighlights: [],
    };
    const csv = reportCsv(run, buildReport(run));
    expect(csv).toBe('where,url,outcome,reason\r\nf:1,"\'=HYPERLINK(""x"")",failed,"a, ""quoted""\nreason"\r\n');
  });
});
