// The Import / Export panel under test: a root element per test, the panel mounted there with a mock
// connector, a fetch queue mock whose view a test can push, and choosing a file.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, vi } from 'vitest';
import { ImportExportPanel } from '../../components/library/import-export-panel';
import type { LibraryConnector, QueueView, TransferBackend, QueueBackend } from '../../components/library/library-connector';
import { IDLE_STATUS } from '../../lib/fetch-queue/status';

export function file(name: string, text: string): File {
  return new File([text], name, { type: 'text/plain' });
}

export let root: HTMLElement;
export const $ = (id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
export const flush = async () => {
  for (let i = 0; i < 5; i++)
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
};

export function chooseFile(f: File) {
  const input = $('import-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [f], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function queueMock(view: Partial<QueueView> = {}) {
  let cb: ((v: QueueView) => void) | null = null;
  const current: QueueView = {
    counts: {
      pending: 3,
      images: 1,
      failed: 2,
      failures: [{ id: 7, title: 'Gone', url: 'https://g.example/', reason: 'the page is gone (HTTP 404)' }],
    },
    status: { ...IDLE_STATUS },
    needsPermission: true,
    ...view,
  };
  const q = {
    subscribe: vi.fn((f: (v: QueueView) => void) => {
      cb = f;
      f(current);
      return () => {
        cb = null;
      };
    }),
    start: vi.fn(async () => ({ ok: true as const })),
    stop: vi.fn(async () => {}),
    push: (v: Partial<QueueView>) =>
      act(() => {
        Object.assign(current, v);
        cb?.({ ...current });
      }),
  };
  return q;
}

/** A fresh root element in the document for each test of the calling file; after it, unmounted and mocks restored. */
export function mountRootEachTest(): void {
  beforeEach(() => {
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
    vi.restoreAllMocks();
  });
}

export function mount(transfer: Partial<TransferBackend>, queue?: QueueBackend) {
  const connector = { transfer, queue } as unknown as LibraryConnector;
  const onClose = vi.fn();
  render(<ImportExportPanel connector={connector} onClose={onClose} />, root);
  return onClose;
}
