// The library page under test: a mock connector over an in-memory list (its change log feeds a real
// IndexSync), a root element mounted per test, and DOM queries and input helpers over it.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, vi } from 'vitest';
import type { LibraryConnector } from '../../components/library/library-connector';
import type { ArticleRecord } from '../../lib/db/schema';
import type { ArticleSnapshot } from '../../lib/db/articles';
import { IndexSync } from '../../lib/search/index-sync';
import type { ChangeRecord } from '../../lib/db/change-log';
import { DEFAULT_SETTINGS, type ReaderSettings } from '../../lib/reader/settings';
import { articleRecord } from './article-record';

export const record = articleRecord;

export function mockConnector(initial: ArticleRecord[], texts: Record<number, string> = {}, over: Partial<LibraryConnector> = {}) {
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

export let root: HTMLElement;
/** A fresh root element in the document for each test of the calling file, unmounted after it. */
export function mountRootEachTest(): void {
  beforeEach(() => {
    root = document.createElement('div');
    document.body.append(root);
    location.hash = '';
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });
}

export const flush = () =>
  act(async () => {
    for (let i = 0; i < 8; i++) await new Promise((r) => setTimeout(r, 0));
  });
export const q = (sel: string) => root.querySelector(sel) as HTMLElement | null;
export const byTestId = (id: string) => q(`[data-testid="${id}"]`);
export const rowTitles = () => [...root.querySelectorAll('[data-testid="article-row"] .row-title')].map((e) => e.textContent);
export const button = (text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;
export const key = (k: string) =>
  act(() => {
    document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });
export const type = async (input: HTMLInputElement, value: string) => {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush();
};
