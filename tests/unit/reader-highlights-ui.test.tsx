// @vitest-environment happy-dom
// The reader's highlights through the library page: select → toolbar → stored selectors, marks drawn
// across element boundaries, "Couldn't place" never drawn, delete with Undo, the h / n keys.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Library } from '../../components/library/library-page';
import type { HighlightBackend, LibraryConnector } from '../../components/library/library-connector';
import type { ArticleRecord, HighlightRecord } from '../../lib/db/schema';
import { articleRecord } from '../helpers/article-record';
import type { NewHighlight } from '../../lib/db/highlights';
import { DEFAULT_SETTINGS, type ReaderSettings } from '../../lib/reader/settings';
import { describeRange } from '../../lib/highlights/selectors';

// In a <div>: happy-dom's parser drops a leading <p> right after <body> (browsers do not).
const HTML =
  '<div><p>The <em>quick brown</em> fox jumps over <a href="https://x.example/">the lazy dog</a> today.</p>' +
  '<p>Second paragraph starts here and ends.</p></div>';
// What textOf(body) reads: the text nodes, concatenated.
const TEXT = 'The quick brown fox jumps over the lazy dog today.Second paragraph starts here and ends.';

function article(p: Partial<ArticleRecord> = {}): ArticleRecord {
  return articleRecord(1, {
    url: 'https://news.example/1',
    originalUrl: 'https://news.example/1',
    title: 'An article',
    siteName: 'News',
    savedAt: 1_700_000_000_000,
    wordCount: 15,
    readingMinutes: 1,
    ...p,
  });
}

function record(id: string, start: number, end: number, p: Partial<HighlightRecord> = {}): HighlightRecord {
  return {
    id,
    articleId: 1,
    ...describeRange(TEXT, start, end),
    color: 'yellow',
    note: null,
    createdAt: 1,
    updatedAt: 1,
    anchor: 'placed',
    source: 'gist',
    ...p,
  };
}

function setup(initial: HighlightRecord[] = [], settings: Partial<ReaderSettings> = {}) {
  const store = new Map(initial.map((h) => [h.id, { ...h }]));
  let n = 0;
  const highlights = {
    of: vi.fn(async () => [...store.values()].map((h) => ({ ...h }))),
    add: vi.fn(async (h: NewHighlight) => {
      const rec: HighlightRecord = {
        id: `new-${++n}`,
        note: null,
        color: 'yellow',
        anchor: 'placed',
        source: 'gist',
        createdAt: 2,
        updatedAt: 2,
        ...h,
      } as HighlightRecord;
      store.set(rec.id, rec);
      return rec;
    }),
    update: vi.fn(async (id: string, ch: Partial<HighlightRecord>) => {
      store.set(id, { ...store.get(id)!, ...ch });
    }),
    remove: vi.fn(async (id: string) => {
      const r = store.get(id);
      store.delete(id);
      return r;
    }),
    restore: vi.fn(async (r: HighlightRecord) => void store.set(r.id, r)),
    setArticleNote: vi.fn(async () => {}),
    subscribeAll: () => () => {},
  } satisfies HighlightBackend;
  let saved: ReaderSettings = { ...DEFAULT_SETTINGS, ...settings };
  const a = article();
  const connector: LibraryConnector = {
    subscribe: (cb) => {
      cb([a]);
      return () => {};
    },
    readable: async () => ({ article: a, html: HTML, images: new Map() }),
    setStatus: async () => {},
    setFavorite: async () => {},
    remove: async () => undefined,
    restore: async () => {},
    settings: { load: () => saved, save: (s) => void (saved = s) },
    speech: null,
    highlights,
  };
  return { connector, highlights, store };
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  location.hash = '#article/1';
  Element.prototype.scrollIntoView = vi.fn();
});
afterEach(() => {
  render(null, root);
  root.remove();
  document.getSelection()?.removeAllRanges();
});

// Each tick in its own act(): renders and effects queued by a promise's callback run before the next.
const flush = async () => {
  for (let i = 0; i < 12; i++)
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
};
const byTestId = (id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
const body = () => byTestId('reader-body')!;
const marks = (id?: string) => [...body().querySelectorAll<HTMLElement>(id ? `mark[data-hl-id="${id}"]` : 'mark.hl')];
const click = (el: Element) => act(() => void el.dispatchEvent(new MouseEvent('click', { bubbles: true })));
const key = (k: string, target: EventTarget = document) =>
  act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })));

/** Selects from `from` in one text node to `to` in another (a person's drag), and lets the toolbar follow. */
async function select(startText: string, startOffset: number, endText: string, endOffset: number) {
  const find = (s: string) => {
    const w = document.createTreeWalker(body(), NodeFilter.SHOW_TEXT);
    for (let t = w.nextNode(); t; t = w.nextNode()) if ((t as Text).data.includes(s)) return t as Text;
    throw new Error(`no text node with ${s}`);
  };
  const a = find(startText);
  const b = find(endText);
  const r = document.createRange();
  r.setStart(a, a.data.indexOf(startText) + startOffset);
  r.setEnd(b, b.data.indexOf(endText) + endOffset);
  const sel = document.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(r);
  await act(() => void document.dispatchEvent(new Event('selectionchange')));
  await flush();
}

async function open(c: LibraryConnector) {
  await act(() => render(<Library connector={c} />, root));
  await flush();
}

describe('reader highlights', () => {
  it('a selection across an <em> and a link shows the toolbar; a swatch stores its quote, context and position, and draws it', async () => {
    const { connector, highlights } = setup();
    await open(connector);
    expect(byTestId('selection-toolbar')).toBeNull();
    await select('quick brown', 6, 'the lazy dog', 8); // "brown fox jumps over the lazy"
    expect(byTestId('selection-toolbar')).not.toBeNull();
    await click(byTestId('swatch-green')!);
    await flush();
    const start = TEXT.indexOf('brown');
    const end = TEXT.indexOf(' dog');
    expect(highlights.add).toHaveBeenCalledWith({
      articleId: 1,
      quote: {
        type: 'TextQuoteSelector',
        exact: 'brown fox jumps over the lazy',
        prefix: TEXT.slice(Math.max(0, start - 32), start),
        suffix: TEXT.slice(end, end + 32),
      },
      position: { type: 'TextPositionSelector', start, end },
      color: 'green',
      anchor: 'placed',
      source: 'gist',
    });
    // One mark per text node the quote spans (inside <em>, between, inside <a>); the body's text is unchanged.
    const ms = marks();
    expect(ms.map((m) => m.textContent).join('')).toBe('brown fox jumps over the lazy');
    expect(ms.length).toBe(3);
    expect(ms.every((m) => m.classList.contains('hl-green'))).toBe(true);
    expect(ms[0].parentElement!.tagName).toBe('EM');
    expect(ms[2].parentElement!.tagName).toBe('A');
    expect(body().textContent).toBe(TEXT);
    expect(byTestId('selection-toolbar')).toBeNull();
  });

  it('draws stored highlights over the right words across <em>, a link and two paragraphs; nothing is written when nothing moved', async () => {
    const across = record('across', TEXT.indexOf('lazy'), TEXT.indexOf(' starts'), { color: 'blue', note: 'two paragraphs' });
    const inEm = record('em', TEXT.indexOf('quick'), TEXT.indexOf(' brown'));
    const { connector, highlights } = setup([across, inEm]);
    await open(connector);
    expect(
      marks('across')
        .map((m) => m.textContent)
        .join(''),
    ).toBe('lazy dog today.Second paragraph');
    expect(new Set(marks('across').map((m) => m.closest('p')))).toHaveProperty('size', 2);
    expect(marks('across').at(-1)!.classList.contains('hl-has-note')).toBe(true);
    expect(marks('em').map((m) => m.textContent)).toEqual(['quick']);
    expect(highlights.update).not.toHaveBeenCalled();
    // Opened at its place: the panel lists them in reading order with the note.
    await click(byTestId('notes-button')!);
    const items = [...root.querySelectorAll('[data-testid="highlight-item"]')].map((e) => e.textContent);
    expect(items).toEqual([expect.stringContaining('quick'), expect.stringContaining('two paragraphs')]);
  });

  it('a highlight whose text is gone is listed under "Couldn\'t place", never drawn, and marked unplaced; a moved one is redrawn and its selectors refreshed', async () => {
    const gone = {
      ...record('gone', 0, 3),
      quote: { type: 'TextQuoteSelector' as const, exact: 'words no longer here', prefix: '', suffix: '' },
    };
    const moved = {
      ...record('moved', 0, 6),
      position: { type: 'TextPositionSelector' as const, start: 40, end: 46 },
      // 32 characters of context, as describeRange stores them (a shorter side would mean the text started there).
      quote: {
        type: 'TextQuoteSelector' as const,
        exact: 'Second',
        prefix: 'x jumps over the lazy dog today.',
        suffix: ' paragraph starts here and ends.',
      },
    };
    const { connector, highlights } = setup([gone, moved], { notesPanel: true });
    await open(connector);
    expect(marks('gone')).toEqual([]);
    expect(byTestId('highlights-unplaced')!.textContent).toContain('words no longer here');
    expect(highlights.update).toHaveBeenCalledWith('gone', { anchor: 'unplaced' });
    expect(marks('moved').map((m) => m.textContent)).toEqual(['Second']);
    const at = TEXT.indexOf('Second');
    expect(highlights.update).toHaveBeenCalledWith('moved', { ...describeRange(TEXT, at, at + 6), anchor: 'placed' });
  });

  it('click a highlight: change its colour and note, delete it, Undo puts it back', async () => {
    const h = record('h1', TEXT.indexOf('fox'), TEXT.indexOf(' jumps'));
    const { connector, highlights, store } = setup([h]);
    await open(connector);
    await click(marks('h1')[0]);
    expect(byTestId('highlight-popover')).not.toBeNull();
    await click(byTestId('highlight-popover')!.querySelector('[data-testid="swatch-pink"]')!);
    await flush();
    expect(highlights.update).toHaveBeenCalledWith('h1', { color: 'pink' });
    expect(marks('h1')[0].classList.contains('hl-pink')).toBe(true);
    const note = byTestId('highlight-note') as HTMLTextAreaElement;
    await act(() => {
      note.value = 'a clever animal';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => void note.dispatchEvent(new FocusEvent('blur')));
    await flush();
    expect(highlights.update).toHaveBeenCalledWith('h1', { note: 'a clever animal' });
    expect(marks('h1')[0].classList.contains('hl-has-note')).toBe(true);

    // Escape closes the popover (saving nothing new), not the article; click again to go on.
    await key('Escape', document.body);
    await flush();
    expect(byTestId('highlight-popover')).toBeNull();
    expect(byTestId('reader-body')).not.toBeNull();
    await click(marks('h1')[0]);
    await click(byTestId('highlight-delete')!);
    await flush();
    expect(highlights.remove).toHaveBeenCalledWith('h1');
    expect(marks('h1')).toEqual([]);
    expect(store.has('h1')).toBe(false);
    const toast = byTestId('undo-toast')!;
    expect(toast.textContent).toContain('Highlight deleted');
    await click([...toast.querySelectorAll('button')].find((b) => b.textContent === 'Undo')!);
    await flush();
    expect(highlights.restore).toHaveBeenCalledWith(expect.objectContaining({ id: 'h1', color: 'pink', note: 'a clever animal' }));
    expect(marks('h1').map((m) => m.textContent)).toEqual(['fox']);
  });

  it('h highlights the selection in the last colour and n opens its note; neither fires while typing in a field', async () => {
    const { connector, highlights } = setup([], { highlightColor: 'blue', notesPanel: true });
    await open(connector);
    await select('Second', 0, 'Second', 6);
    const field = byTestId('article-note') as HTMLTextAreaElement;
    field.focus();
    await key('h', field);
    await key('n', field);
    await flush();
    expect(highlights.add).not.toHaveBeenCalled();

    await key('h');
    await flush();
    expect(highlights.add).toHaveBeenCalledTimes(1);
    expect(highlights.add.mock.calls[0][0]).toMatchObject({ color: 'blue', quote: { exact: 'Second' } });
    expect(marks().map((m) => m.textContent)).toEqual(['Second']);

    await select('paragraph', 0, 'paragraph', 9);
    await key('n');
    await flush();
    expect(highlights.add).toHaveBeenCalledTimes(2);
    expect(highlights.add.mock.calls[1][0]).toMatchObject({ color: 'blue', quote: { exact: 'paragraph' } });
    expect(document.activeElement).toBe(byTestId('highlight-note'));
  });

  it('#article/<id>?h=<highlight> scrolls to that highlight and flashes it', async () => {
    const h = record('deep', TEXT.indexOf('paragraph'), TEXT.indexOf(' starts'));
    const { connector } = setup([h]);
    location.hash = '#article/1?h=deep';
    await open(connector);
    const [m] = marks('deep');
    expect(m.scrollIntoView).toHaveBeenCalled();
    expect(vi.mocked(Element.prototype.scrollIntoView).mock.contexts[0]).toBe(m);
    expect(m.classList.contains('hl-flash')).toBe(true);
  });

  it('the notes panel exports the article’s highlights as Markdown through the library', async () => {
    const h = record('one', TEXT.indexOf('paragraph'), TEXT.indexOf(' starts'));
    const { connector } = setup([h], { notesPanel: true });
    const exportArticleHighlights = vi.fn(async () => ({ blob: new Blob(['# x']), fileName: 'x.md' }));
    connector.transfer = {
      importFile: vi.fn(),
      exportLibrary: vi.fn(),
      exportArticleHighlights,
    } as unknown as LibraryConnector['transfer'];
    URL.createObjectURL = vi.fn(() => 'blob:x');
    await open(connector);
    await click(byTestId('highlights-export')!);
    await flush();
    expect(exportArticleHighlights).toHaveBeenCalledWith(1);
    expect(URL.createObjectURL).toHaveBeenCalled();
  });
});
