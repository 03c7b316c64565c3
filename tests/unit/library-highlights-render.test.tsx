// @vitest-environment happy-dom
// The library page's highlights: All highlights (order, filters, keys, empty state) and the article
// rows' highlight counts and note snippets.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { Library } from '../../components/library/library-page';
import type { HighlightBackend } from '../../components/library/library-connector';
import type { HighlightRecord } from '../../lib/db/schema';
import type { ArticleSnapshot } from '../../lib/db/articles';
import { record, mockConnector, root, flush, byTestId, rowTitles, key, type, mountRootEachTest } from '../helpers/library-page-harness';

mountRootEachTest();
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
