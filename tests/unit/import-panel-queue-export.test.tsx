// @vitest-environment happy-dom
// The Import / Export panel's fetch queue controls (counts, reasons, start, stop, hiding) and its
// export downloads.
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { TransferBackend } from '../../components/library/library-connector';
import { IDLE_STATUS } from '../../lib/fetch-queue/status';
import { $, flush, queueMock, mount, mountRootEachTest } from '../helpers/import-panel-harness';

mountRootEachTest();
describe('fetch queue', () => {
  it('shows counts and failure reasons; Fetch and Retry call start, Stop calls stop', async () => {
    const q = queueMock();
    mount({ importFile: vi.fn() }, q);
    await flush();
    const section = $('queue-section')!;
    expect($('queue-counts')!.textContent).toBe('3 not yet fetched · 1 waiting for images · 2 failed');
    expect($('queue-failures')!.textContent).toContain('Gone: the page is gone (HTTP 404)');
    expect(section.textContent).toContain('Gist needs access to all sites to download the imported pages');
    ($('queue-start') as HTMLButtonElement).click();
    expect(q.start).toHaveBeenCalledWith({ retryFailed: false }); // synchronously, in the click
    await flush();
    ($('queue-retry') as HTMLButtonElement).click();
    expect(q.start).toHaveBeenLastCalledWith({ retryFailed: true });
    await q.push({ status: { ...IDLE_STATUS, running: true, done: 4, failed: 1 } });
    expect($('queue-progress')!.textContent).toContain('4 done, 1 failed');
    expect($('queue-start')).toBeNull();
    ($('queue-stop') as HTMLButtonElement).click();
    expect(q.stop).toHaveBeenCalledOnce();
  });

  it('shows why starting failed (e.g. host access refused)', async () => {
    const q = queueMock();
    q.start.mockResolvedValueOnce({
      ok: false,
      error: 'Gist needs access to websites to fetch the articles; nothing was fetched.',
    } as never);
    mount({ importFile: vi.fn() }, q);
    await flush();
    ($('queue-start') as HTMLButtonElement).click();
    await flush();
    expect($('queue-error')!.textContent).toContain('needs access to websites');
  });

  it('shows why the queue stopped by itself (a failure the database would not record)', async () => {
    const q = queueMock({ counts: { pending: 0, images: 0, failed: 0, failures: [] } });
    mount({ importFile: vi.fn() }, q);
    await flush();
    await q.push({ status: { ...IDLE_STATUS, error: 'could not record that http://a.example/ failed (HTTP 404): disk full' } });
    expect($('queue-run-error')!.textContent).toBe(
      'Fetching stopped: could not record that http://a.example/ failed (HTTP 404): disk full',
    );
  });

  it('hides itself when there is nothing to fetch', async () => {
    mount({ importFile: vi.fn() }, queueMock({ counts: { pending: 0, images: 0, failed: 0, failures: [] } }));
    await flush();
    expect($('queue-section')).toBeNull();
  });
});

describe('export', () => {
  it('downloads each export kind with progress, and reports failures', async () => {
    let progress: (d: number, t: number) => void = () => {};
    let finish: (v: { blob: Blob; fileName: string }) => void = () => {};
    const exportLibrary = vi.fn((_k: string, p: typeof progress) => {
      progress = p;
      return new Promise<{ blob: Blob; fileName: string }>((r) => {
        finish = r;
      });
    });
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() });
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    mount({ importFile: vi.fn(), exportLibrary: exportLibrary as unknown as TransferBackend['exportLibrary'] });
    ($('export-markdown-zip') as HTMLButtonElement).click();
    await flush();
    expect(exportLibrary.mock.calls[0][0]).toBe('markdown-zip');
    await act(() => progress(100, 400));
    expect($('export-progress')!.textContent).toContain('Exporting 100 of 400');
    expect(($('export-gist-json') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => finish({ blob: new Blob(['zip']), fileName: 'gist-markdown.zip' }));
    await flush();
    expect(names).toEqual(['gist-markdown.zip']);
    expect($('export-message')!.textContent).toContain('Saved gist-markdown.zip');
  });
});
