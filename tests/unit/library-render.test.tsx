// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Library } from '../../components/library/library-page';
import type { HighlightBackend, LibraryConnector } from '../../components/library/library-connector';
import type { ArticleRecord, HighlightRecord } from '../../lib/db/schema';
import type { ArticleSnapshot } from '../../lib/db/articles';
import { IndexSync } from '../../lib/search/index-sync';
import type { ChangeRecord } from '../../lib/db/change-log';
import { DEFAULT_SETTINGS, type ReaderSettings } from '../../lib/reader/settings';
import { openReaderSettings } from '../../lib/reader/settings-store';
import { WPM_KEY } from '../../lib/reading-time/speed';
import { articleRecord } from '../helpers/article-record';

const record = articleRecord;

function mockConnector(initial: ArticleRecord[], texts: Record<number, string> = {}, over: Partial<LibraryConnector> = {}) {
  let list = initial.map((a) => ({ ...a }));
  const subs = new Set<(a: ArticleRecord[]) => void>();
  const emit = () => {
    list = list.map((a) => ({ ...a }));
    subs.forEach((cb) => cb(list));
  };
  const update = (id: number, ch: Partial<ArticleRecord>) => {
    list = list.map((a) => (a.id === id ? { ...a, ...ch } : a));
    emit();
  };
  let saved: ReaderSettings = { ...DEFAULT_SETTINGS };
  // An in-memory store whose change log is every article changed since the last look.
  let seq = 0;
  const seen = new Map<number, ArticleRecord>();
  const log: ChangeRecord[] = [];
  const refreshLog = () => {
    const now = new Map(list.map((a) => [a.id, a]));
    for (const [id, a] of now) if (seen.get(id) !== a) log.push({ seq: ++seq, articleId: id, op: 'put' });
    for (const id of seen.keys()) if (!now.has(id)) log.push({ seq: ++seq, articleId: id, op: 'delete' });
    seen.clear();
    for (const [id, a] of now) seen.set(id, a);
  };
  const search = new IndexSync(
    {
      lastSeq: async () => (refreshLog(), seq),
      firstSeq: async () => log[0]?.seq,
      changesAfter: async (after, limit) => (refreshLog(), log.filter((r) => r.seq > after).slice(0, limit)),
      articles: async (ids) => ids.map((id) => list.find((a) => a.id === id)),
      articlePage: async (after, limit) =>
        [...list]
          .sort((a, b) => a.id - b.id)
          .filter((a) => a.id > after)
          .slice(0, limit),
      count: async () => list.length,
      texts: async (ids) => ids.map((id) => texts[id]),
      loadSaved: async () => undefined,
      loadPhrases: async () => undefined,
      save: async () => {},
      trim: async () => {},
    },
    async () => {},
  );
  const c = {
    subscribe: vi.fn((cb: (a: ArticleRecord[]) => void) => {
      subs.add(cb);
      cb(list);
      return () => subs.delete(cb);
    }),
    readable: vi.fn(async (id: number) => {
      const article = list.find((a) => a.id === id);
      return (
        article && {
          article,
          html: `<p>${texts[id] ?? 'Body text.'}</p><p><a href="https://elsewhere.example/">a link</a></p>`,
          images: new Map(),
        }
      );
    }),
    setStatus: vi.fn(async (id: number, status: ArticleRecord['status']) => update(id, { status })),
    setFavorite: vi.fn(async (id: number, f: boolean) => update(id, { favorite: f ? 1 : 0 })),
    remove: vi.fn(async (id: number): Promise<ArticleSnapshot | undefined> => {
      const article = list.find((a) => a.id === id);
      if (!article) return undefined;
      list = list.filter((a) => a.id !== id);
      emit();
      return { article, content: undefined, images: [] };
    }),
    restore: vi.fn(async (snap: ArticleSnapshot) => {
      list = [...list, snap.article];
      emit();
    }),
    setProgress: vi.fn(async (id: number, progress: number) => update(id, { progress })),
    setTags: vi.fn(async (id: number, tags: string[]) => update(id, { tags })),
    search,
    settings: {
      load: () => saved,
      save: vi.fn((s: ReaderSettings) => {
        saved = s;
      }),
    },
    speech: null,
    ...over,
  } satisfies LibraryConnector;
  return c;
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  location.hash = '';
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const flush = () =>
  act(async () => {
    for (let i = 0; i < 8; i++) await new Promise((r) => setTimeout(r, 0));
  });
const q = (sel: string) => root.querySelector(sel) as HTMLElement | null;
const byTestId = (id: string) => q(`[data-testid="${id}"]`);
const rowTitles = () => [...root.querySelectorAll('[data-testid="article-row"] .row-title')].map((e) => e.textContent);
const button = (text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;
const key = (k: string) =>
  act(() => {
    document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });
const type = async (input: HTMLInputElement, value: string) => {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush();
};

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

describe('Library: highlights', () => {
  let n = 0;
  const hl = (articleId: number, exact: string, p: Partial<HighlightRecord> = {}): HighlightRecord => {
    n++;
    return {
      id: `hl-${n}`,
      articleId,
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: null,
      color: 'yellow',
      note: null,
      createdAt: 1_700_000_000_000 + n * 60_000,
      updatedAt: 0,
      anchor: 'placed',
      source: 'gist',
      ...p,
    };
  };
  function backend(list: HighlightRecord[]): HighlightBackend {
    return {
      of: vi.fn(async (id: number) => list.filter((h) => h.articleId === id)),
      add: vi.fn(async (h) => ({ ...h, id: 'new' }) as HighlightRecord),
      update: vi.fn(async () => {}),
      remove: vi.fn(async () => undefined),
      restore: vi.fn(async () => {}),
      setArticleNote: vi.fn(async () => {}),
      subscribeAll: vi.fn((cb: (all: HighlightRecord[]) => void) => {
        cb(list);
        return () => {};
      }),
    };
  }
  const hlRows = () => [...root.querySelectorAll('[data-testid="highlight-row"]')] as HTMLElement[];
  const quotes = () =>
    hlRows().map((r) => r.querySelector('[data-testid="highlight-quote"]')?.textContent?.replace(/^\w+ highlight: /, ''));

  it('All highlights: newest first with colour, note, article and placing; filters by colour, tag and search; a click opens the reader at it', async () => {
    const older = hl(1, 'The hives hum all summer', { color: 'green', note: 'Visit in July', anchor: 'unplaced' });
    const middle = hl(1, 'Queens live for years');
    const newest = hl(2, 'The depot closed in 1962', { color: 'pink', anchor: 'waiting' });
    // Given out of order: the view sorts newest first.
    const c = mockConnector(
      [record(1, { title: 'Rooftop bees', tags: ['nature'] }), record(2, { title: 'Tram depots', tags: ['cities'] })],
      {},
      { highlights: backend([older, newest, middle]) },
    );
    await act(() => render(<Library connector={c} />, root));
    await flush();
    expect(byTestId('view-highlights')?.textContent).toBe('Highlights3');
    await act(() => byTestId('view-highlights')!.click());
    await flush();
    expect(location.hash).toBe('#highlights');
    expect(quotes()).toEqual(['The depot closed in 1962', 'Queens live for years', 'The hives hum all summer']);
    const first = hlRows()[0];
    expect(first.dataset.color).toBe('pink');
    expect(first.textContent).toContain('Tram depots');
    expect(first.querySelector('[data-testid="highlight-anchor"]')?.textContent).toBe('page not downloaded yet');
    expect(hlRows()[2].querySelector('[data-testid="highlight-note"]')?.textContent).toContain('Visit in July');
    expect(hlRows()[2].querySelector('[data-testid="highlight-anchor"]')?.textContent).toBe('couldn’t place in the text');
    expect(hlRows()[1].querySelector('[data-testid="highlight-anchor"]')).toBeNull();

    await act(() => byTestId('filter-color-green')!.click());
    await flush();
    expect(quotes()).toEqual(['The hives hum all summer']);
    await act(() => byTestId('filter-color-green')!.click());
    await flush();
    expect(quotes()).toHaveLength(3);

    const tagSelect = byTestId('filter-hl-tag') as HTMLSelectElement;
    await act(() => {
      tagSelect.value = 'cities';
      tagSelect.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    expect(quotes()).toEqual(['The depot closed in 1962']);
    await act(() => {
      tagSelect.value = '';
      tagSelect.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();

    const box = byTestId('search') as HTMLInputElement;
    expect(box.getAttribute('aria-label')).toBe('Search your highlights');
    await type(box, 'july'); // a word of a note
    expect(quotes()).toEqual(['The hives hum all summer']);
    await type(box, 'rooftop'); // the article title
    expect(quotes()).toEqual(['Queens live for years', 'The hives hum all summer']);
    expect(byTestId('result-count')?.textContent).toBe('2 highlights');

    await act(() => hlRows()[1].querySelector<HTMLElement>('[data-testid="highlight-quote"]')!.click());
    await flush();
    expect(location.hash).toBe(`#article/1?h=${older.id}`);
    expect(byTestId('reader-body')?.textContent).toContain('Body text.');
    // Back returns to All highlights, search kept; the article search was never touched.
    await key('u');
    await flush();
    expect(location.hash).toBe('#highlights');
    expect((byTestId('search') as HTMLInputElement).value).toBe('rooftop');
    await act(() => byTestId('view-unread')!.click());
    await flush();
    expect((byTestId('search') as HTMLInputElement).value).toBe('');
  });

  it('j and Enter in All highlights open the highlight under the cursor', async () => {
    const a = hl(1, 'first quote');
    const b = hl(2, 'second quote');
    const c = mockConnector([record(1), record(2)], {}, { highlights: backend([a, b]) });
    location.hash = '#highlights';
    await act(() => render(<Library connector={c} />, root));
    await flush();
    expect(quotes()).toEqual(['second quote', 'first quote']);
    await key('j');
    await key('Enter');
    await flush();
    expect(location.hash).toBe(`#article/1?h=${a.id}`);
  });

  it('no highlights yet: says how to make one', async () => {
    const c = mockConnector([record(1)], {}, { highlights: backend([]) });
    location.hash = '#highlights';
    await act(() => render(<Library connector={c} />, root));
    await flush();
    const empty = byTestId('highlights-empty')?.textContent ?? '';
    expect(empty).toContain('No highlights yet');
    expect(empty).toContain('select a passage and press h');
  });

  it("a row's snippet follows its note when the article comes back changed under the same query", async () => {
    const c = mockConnector(
      [record(1, { title: 'Trams', note: 'compost heap' }), record(2, { title: 'Other' })],
      {},
      { highlights: backend([]) },
    );
    await act(() => render(<Library connector={c} />, root));
    await flush();
    const box = byTestId('search') as HTMLInputElement;
    await type(box, 'compost');
    expect(byTestId('row-snippet')?.textContent).toBe('compost heap');
    let snap: ArticleSnapshot | undefined;
    await act(async () => {
      snap = await c.remove(1);
    });
    await flush();
    await act(() => c.restore({ ...snap!, article: { ...snap!.article, note: 'compost bins' } }));
    await flush();
    expect(rowTitles()).toEqual(['Trams']);
    expect(byTestId('row-snippet')?.textContent).toBe('compost bins');
  });

  it('rows show the highlight count (read as "3 highlights"), and a word of a note finds its article', async () => {
    const c = mockConnector(
      [record(1, { title: 'Bees' }), record(2, { title: 'Trams', note: 'compost heap' }), record(3, { title: 'Other' })],
      { 1: 'honey and hives', 2: 'the old tram depot', 3: 'nothing here' },
      { highlights: backend([hl(1, 'honey'), hl(1, 'hives', { note: 'ask Maria' }), hl(1, 'and')]) },
    );
    await act(() => render(<Library connector={c} />, root));
    await flush();
    const marks = (id: number) => root.querySelector(`[data-testid="article-row"][data-id="${id}"] [data-testid="row-highlights"]`);
    expect(marks(1)?.getAttribute('aria-label')).toBe('3 highlights, with notes');
    expect(marks(1)?.textContent).toBe('3');
    expect(marks(2)?.getAttribute('aria-label')).toBe('Has a note');
    expect(marks(3)).toBeNull();
    const box = byTestId('search') as HTMLInputElement;
    await type(box, 'maria');
    expect(rowTitles()).toEqual(['Bees']);
    expect(byTestId('row-snippet')?.textContent).toContain('ask Maria');
    await type(box, 'has:note');
    expect(rowTitles()).toEqual(['Trams', 'Bees']);
    await type(box, '-has:highlights');
    expect(rowTitles()).toEqual(['Other', 'Trams']);
  });
});
