// @vitest-environment happy-dom
// The library page with a mock connector: list, search, delete and keys, storage messages, reader
// settings and reading speed, bulk selection, shortcuts (highlights: library-highlights-render).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { Library } from '../../components/library/library-page';
import type { ArticleRecord } from '../../lib/db/schema';
import { openReaderSettings } from '../../lib/reader/settings-store';
import { WPM_KEY } from '../../lib/reading-time/speed';
import {
  record,
  mockConnector,
  root,
  flush,
  q,
  byTestId,
  rowTitles,
  button,
  key,
  type,
  mountRootEachTest,
} from '../helpers/library-page-harness';

mountRootEachTest();
describe('Library', () => {
  it('lists unread newest first with reading time at the default speed, and view counts', async () => {
    const c = mockConnector([record(1), record(2, { status: 'archived' }), record(3, { favorite: 1 })]);
    await act(() => render(<Library connector={c} />, root));
    await flush();
    expect(rowTitles()).toEqual(['★ Article 3', 'Article 1']);
    expect(byTestId('view-archived')?.textContent).toBe('Archived1');
    expect(root.querySelector('[data-testid="row-minutes"]')?.textContent).toBe('10 min');
  });

  it('paints a first page already read in its first render, and the indexed counts before the whole list', async () => {
    const c = mockConnector(
      [],
      {},
      {
        subscribe: () => () => {},
        firstPage: () => new Promise<ArticleRecord[]>(() => {}),
        firstPageNow: () => [record(7), record(6)],
        subscribeCounts: (cb) => {
          cb({ unread: 40, inprogress: 3, favorite: 2, archived: 10, all: 50 });
          return () => {};
        },
      },
    );
    // The mount itself, before any effect or frame.
    render(<Library connector={c} />, root);
    expect(rowTitles()).toEqual(['Article 7', 'Article 6']);
    await flush();
    expect(byTestId('view-unread')?.textContent).toBe('Unread40');
    expect(byTestId('view-all')?.textContent).toBe('All50');
  });

  it('searches the full text once indexed, with operators', async () => {
    const c = mockConnector(
      [record(1, { title: 'Bees' }), record(2, { title: 'Trams', tags: ['transport'] }), record(3, { title: 'Other' })],
      { 1: 'honey and hives', 2: 'the old tram depot', 3: 'nothing here' },
    );
    await act(() => render(<Library connector={c} />, root));
    await flush();
    expect(byTestId('list-area')?.dataset.index).toBe('ready');
    const box = byTestId('search') as HTMLInputElement;
    await type(box, 'depo');
    expect(rowTitles()).toEqual(['Trams']);
    await type(box, 'tag:transport');
    expect(rowTitles()).toEqual(['Trams']);
    await type(box, 'hon');
    expect(rowTitles()).toEqual(['Bees']);
    expect(byTestId('result-count')?.textContent).toBe('1 article');
    await type(box, 'zzz');
    expect(byTestId('empty')?.textContent).toBe('No articles match.');
  });

  it('deletes with Undo, and keyboard j/k/e/Enter act on the cursor row', async () => {
    const c = mockConnector([record(1), record(2), record(3)]);
    await act(() => render(<Library connector={c} />, root));
    await flush();
    await act(() => {
      (root.querySelector('[data-testid="delete"]') as HTMLButtonElement).click();
    });
    await flush();
    expect(c.remove).toHaveBeenCalledWith(3);
    expect(byTestId('undo-toast')?.textContent).toContain('Deleted “Article 3”.');
    await act(() => {
      button('Undo')!.click();
    });
    await flush();
    expect(c.restore).toHaveBeenCalledTimes(1);
    expect(rowTitles()).toEqual(['Article 3', 'Article 2', 'Article 1']);
    await key('j');
    await flush();
    expect(q('.row.cursor .row-title')?.textContent).toBe('Article 2');
    await key('e');
    await flush();
    expect(c.setStatus).toHaveBeenCalledWith(2, 'archived');
    expect(rowTitles()).toEqual(['Article 3', 'Article 1']);
    await key('Enter');
    await flush();
    expect(location.hash).toBe('#article/1');
    expect(byTestId('reader-body')?.textContent).toContain('Body text.');
    expect(byTestId('reader-body')?.querySelector('a')?.getAttribute('target')).toBe('_blank');
    expect(byTestId('toolbar-original')?.getAttribute('href')).toBe('https://news.example/1?utm_source=x');
    expect(byTestId('read-aloud-unavailable')?.textContent).toContain('not available');
  });

  it('a full disk gets a clear message', async () => {
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const c = mockConnector(
      [record(1)],
      {},
      {
        setStatus: vi.fn(async () => {
          throw quota;
        }),
      },
    );
    await act(() => render(<Library connector={c} />, root));
    await flush();
    await act(() => {
      (root.querySelector('button[aria-label="Archive"]') as HTMLButtonElement).click();
    });
    await flush();
    expect(root.querySelector('[role="alert"]')?.textContent).toMatch(/disk is full.*Nothing already in your library was lost/);
  });

  it('storage: persistence is asked on load; kept, the footer says so with no button', async () => {
    let persisted = false;
    const storage = {
      info: vi.fn(async () => ({ usage: 2048, quota: 1e9, persisted })),
      persist: vi.fn(async () => (persisted = true)),
    };
    await act(() => render(<Library connector={mockConnector([record(1)], {}, { storage })} />, root));
    await flush();
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(byTestId('storage')?.textContent).toBe('2.0 KB used · kept permanently');
    expect(byTestId('keep-storage')).toBeNull();
  });

  it('storage: refused on load (or the ask failed), the footer says so and its button asks again; the footer follows the answer', async () => {
    let persisted = false;
    let grant = false;
    const storage = {
      info: vi.fn(async () => ({ usage: 2048, quota: 1e9, persisted })),
      persist: vi.fn(async () => {
        if (storage.persist.mock.calls.length === 1) throw new Error('SecurityError');
        return (persisted = grant);
      }),
    };
    await act(() => render(<Library connector={mockConnector([record(1)], {}, { storage })} />, root));
    await flush();
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(byTestId('storage')?.textContent).toBe('2.0 KB used · the browser may clear it when space runs low Keep it permanently');
    await act(() => byTestId('keep-storage')!.click());
    await flush();
    expect(storage.persist).toHaveBeenCalledTimes(2);
    expect(byTestId('keep-storage')).not.toBeNull(); // refused again: the button stays
    grant = true;
    await act(() => byTestId('keep-storage')!.click());
    await flush();
    expect(byTestId('storage')?.textContent).toBe('2.0 KB used · kept permanently');
    expect(byTestId('keep-storage')).toBeNull();
  });

  it('reader settings change the reader and are saved; wpm changes the times', async () => {
    const c = mockConnector([record(1)]);
    await act(() => render(<Library connector={c} />, root));
    await flush();
    await act(() => {
      byTestId('settings-button')!.click();
    });
    await act(() => {
      byTestId('theme-sepia')!.click();
    });
    expect(document.documentElement.dataset.theme).toBe('sepia');
    await act(() => {
      byTestId('font-larger')!.click();
    });
    const wpm = byTestId('wpm') as HTMLInputElement;
    await act(() => {
      wpm.value = '476';
      wpm.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    expect(c.settings.save).toHaveBeenLastCalledWith(expect.objectContaining({ theme: 'sepia', fontSize: 20, wpm: 476 }));
    expect(root.querySelector('[data-testid="row-minutes"]')?.textContent).toBe('5 min');
  });

  it('times follow the speed in storage.local, and a new speed is stored there (where the badge and popup read it)', async () => {
    const area = new Map<string, unknown>([[WPM_KEY, 476]]);
    const kv = {
      get: async (k: string) => (area.has(k) ? { [k]: area.get(k) } : {}),
      set: async (o: Record<string, unknown>) => {
        for (const [k, v] of Object.entries(o)) area.set(k, v);
      },
    };
    const c = mockConnector([record(1)], {}, { settings: await openReaderSettings(kv, localStorage) });
    await act(() => render(<Library connector={c} />, root));
    await flush();
    expect(root.querySelector('[data-testid="row-minutes"]')?.textContent).toBe('5 min');
    await act(() => {
      byTestId('settings-button')!.click();
    });
    const wpm = byTestId('wpm') as HTMLInputElement;
    expect(wpm.value).toBe('476');
    await act(() => {
      wpm.value = '238';
      wpm.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    expect(root.querySelector('[data-testid="row-minutes"]')?.textContent).toBe('10 min');
    expect(area.get(WPM_KEY)).toBe(238);
    await act(() => {
      (root.querySelector('.row-main') as HTMLElement).click();
    });
    await flush();
    expect(byTestId('reader-minutes')?.textContent).toBe('10 min read');
  });

  it('bulk select with x, tag the selection, and undo it', async () => {
    const prev = new Map([[1, { tags: [], tagsEdited: false, updatedAt: 0 }]]);
    const bulk = {
      setStatus: vi.fn(async () => new Map()),
      setFavorite: vi.fn(async () => new Map()),
      addTag: vi.fn(async () => prev),
      removeTag: vi.fn(async () => new Map()),
      remove: vi.fn(async () => []),
      restore: vi.fn(async () => {}),
      restoreValues: vi.fn(async () => {}),
    };
    const c = mockConnector([record(1), record(2)], {}, { bulk });
    await act(() => render(<Library connector={c} />, root));
    await flush();
    await key('x');
    await key('j');
    await key('x');
    await flush();
    expect(byTestId('bulkbar')?.textContent).toContain('2 articles selected');
    await key('t');
    await flush();
    const input = byTestId('bulk-tag-input') as HTMLInputElement;
    await type(input, 'weekend');
    await act(() => {
      button('Add to all')!.click();
    });
    await flush();
    expect(bulk.addTag).toHaveBeenCalledWith([2, 1], 'weekend');
    await act(() => {
      button('Undo')!.click();
    });
    await flush();
    expect(bulk.restoreValues).toHaveBeenCalledWith(prev);
  });

  it('? shows shortcuts and Import / Export opens its panel', async () => {
    const c = mockConnector([record(1)]);
    await act(() => render(<Library connector={c} />, root));
    await flush();
    await key('?');
    expect(byTestId('shortcuts')?.textContent).toContain('Archive / unarchive');
    await act(() => {
      button('Close')!.click();
    });
    await act(() => {
      byTestId('import-export')!.click();
    });
    expect(byTestId('import-export-panel')?.getAttribute('role')).toBe('dialog');
  });
});
