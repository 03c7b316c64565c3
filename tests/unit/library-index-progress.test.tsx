// @vitest-environment happy-dom
// While the search index builds, its progress reports update the "indexing N of M" note without
// filtering and sorting the whole list again: at 50,000 articles that was 200 re-runs of the list query
// over every article during the first build.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { LibraryConnector, SearchBackend } from '../../components/library/library-connector';
import type { SyncState } from '../../lib/search/index-sync';
import { articleRecord } from '../helpers/article-record';
import { flush, mountRootEachTest, root } from '../helpers/library-page-harness';

const calls = vi.hoisted(() => ({ list: 0 }));
vi.mock('../../lib/search/list-query', async (orig) => {
  const m = await orig<typeof import('../../lib/search/list-query')>();
  return { ...m, listArticles: (...a: Parameters<typeof m.listArticles>) => (calls.list++, m.listArticles(...a)) };
});
const { Library } = await import('../../components/library/library-page');

const record = (id: number) => articleRecord(id, { wordCount: 500, readingMinutes: 2 });

/** A search backend whose build the test drives: `report` emits a progress state. */
function buildingSearch() {
  const listeners = new Set<(s: SyncState) => void>();
  const backend = {
    index: null,
    state: { ready: false, indexed: 0, total: 100 } as SyncState,
    sync: async () => {},
    onChange: (cb: (s: SyncState) => void) => (listeners.add(cb), () => void listeners.delete(cb)),
    report(s: SyncState) {
      backend.state = s;
      for (const cb of listeners) cb(s);
    },
  };
  return backend satisfies SearchBackend;
}

mountRootEachTest();

describe('Library while the search index builds', () => {
  it('shows each progress report without running the list query again', async () => {
    const search = buildingSearch();
    const list = [record(1), record(2), record(3)];
    const c: LibraryConnector = {
      subscribe: (cb) => (cb(list), () => {}),
      readable: async () => undefined,
      setStatus: async () => {},
      setFavorite: async () => {},
      remove: async () => undefined,
      restore: async () => {},
      search,
    };
    await act(() => render(<Library connector={c} />, root));
    await flush();
    const box = root.querySelector('[data-testid="search"]') as HTMLInputElement;
    await act(() => {
      box.value = 'article';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await flush();
    const before = calls.list;
    for (let i = 1; i <= 5; i++) {
      await act(() => search.report({ ready: false, indexed: i * 20 - 10, total: 100 }));
      await flush();
    }
    expect(root.querySelector('[data-testid="result-count"]')?.textContent).toContain('indexing 90 of 100');
    expect(calls.list).toBe(before);
  });
});
