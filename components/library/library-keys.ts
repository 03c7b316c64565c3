import type { RefObject } from 'preact';
import { useEffect, useRef, type Dispatch, type MutableRef, type StateUpdater } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import { keyCommand, readKeyPress, type KeyCommand } from './keymap';
import type { ArticleList } from './use-article-list';
import type { HighlightList } from './highlights-page';
import type { HighlightCommand } from './reader-highlights';
import type { Dialog } from './library-dialogs';
import type { useNavigation } from './use-navigation';
import type { useSelection } from './use-selection';
import type { articleActions } from './bulk-actions';

/** What the library's keys read and act on, as of the page's last render. */
export interface LibraryKeyContext {
  nav: Pick<ReturnType<typeof useNavigation>, 'view' | 'back' | 'openArticle'>;
  dialog: Dialog;
  setDialog(d: Dialog): void;
  searchBox: RefObject<HTMLInputElement>;
  /** The search box's text: the article search, or the highlights' in All highlights. */
  searchText: string;
  setSearch(q: string): void;
  onHighlights: boolean;
  list: Pick<ArticleList, 'shown' | 'tag' | 'site' | 'time' | 'setTag' | 'setSite' | 'setTime'>;
  hl: HighlightList;
  /** Rows the cursor moves over: articles, or highlights in All highlights. */
  rowCount: number;
  cursor: number;
  setCursor: Dispatch<StateUpdater<number>>;
  selection: ReturnType<typeof useSelection>;
  /** What an article command acts on: the open article, the selection or the cursor row. */
  targets(): ArticleRecord[];
  byId(id: number): ArticleRecord | undefined;
  undoNow(): void;
  actions: Pick<ReturnType<typeof articleActions>, 'archive' | 'favorite' | 'remove'>;
  /** The open reader's highlight commands (h, n). */
  readerCommands: MutableRef<((c: HighlightCommand) => void) | null>;
}

/** The library's keyboard: keymap.ts decides what a key press means, this performs it. */
export function useLibraryKeys(ctx: LibraryKeyContext) {
  // One document listener for the page's life, reading the latest render's state.
  const latest = useRef(ctx);
  latest.current = ctx;
  useEffect(() => {
    const h = (e: KeyboardEvent) => onKey(e, latest.current);
    document.addEventListener('keydown', h);
    return () => document.removeEventListener('keydown', h);
  }, []);
}

function onKey(e: KeyboardEvent, ctx: LibraryKeyContext) {
  const { dialog, searchBox, searchText, onHighlights, hl, list, rowCount, cursor, selection, targets, byId } = ctx;
  const { view } = ctx.nav;
  // Settings → Sync is a form: the list's single-key commands would act on rows that are not shown.
  if (view.kind === 'sync-settings') return;
  const c = keyCommand(readKeyPress(e, searchBox.current), {
    view: view.kind,
    dialogOpen: !!dialog,
    hasQuery: !!searchText,
    filtersActive: onHighlights ? hl.filtersActive : !!(list.tag || list.site || list.time),
    resultCount: rowCount,
    hasCursorRow: cursor < rowCount,
    selectedCount: selection.selected.size,
    // Only the keys that need them look these up (each may scan the list).
    get hasTargets() {
      return targets().length > 0;
    },
    get hasArticle() {
      return view.kind === 'article' && !!byId(view.id);
    },
  });
  if (!c) return;
  e.preventDefault();
  perform(c, ctx);
}

function perform(c: KeyCommand, ctx: LibraryKeyContext) {
  const { searchBox, setSearch, setDialog, onHighlights, hl, list, rowCount, cursor, setCursor, targets, byId } = ctx;
  const { view, back, openArticle } = ctx.nav;
  const { archive, favorite, remove } = ctx.actions;
  switch (c) {
    case 'search-clear':
      setSearch('');
      break;
    case 'search-blur':
    case 'search-to-results':
      searchBox.current?.blur();
      break;
    case 'search-to-first-result':
      searchBox.current?.blur();
      setCursor(0);
      break;
    case 'close-dialog':
      setDialog(null);
      break;
    case 'shortcuts':
      setDialog({ kind: 'shortcuts' });
      break;
    case 'undo':
      ctx.undoNow();
      break;
    case 'archive':
      void archive(targets());
      break;
    case 'favorite':
      void favorite(targets());
      break;
    case 'delete':
      void remove(targets());
      break;
    case 'tags':
      setDialog({ kind: 'tags', ids: targets().map((a) => a.id) });
      break;
    case 'back':
      back();
      break;
    case 'open-original': {
      const a = view.kind === 'article' ? byId(view.id) : undefined;
      if (a) window.open(a.originalUrl, '_blank', 'noopener');
      break;
    }
    case 'highlight':
    case 'highlight-note':
      ctx.readerCommands.current?.(c);
      break;
    case 'scroll-down':
    case 'scroll-up':
      window.scrollBy({ top: (c === 'scroll-down' ? 1 : -1) * window.innerHeight * 0.4 });
      break;
    // Moving the cursor leaves any clicked row control, so Enter then opens the cursor row.
    case 'cursor-down':
    case 'cursor-up': {
      const a = document.activeElement as HTMLElement | null;
      if (a?.closest?.('.rows')) a.blur();
      setCursor((i) => (c === 'cursor-down' ? Math.min(rowCount - 1, i + 1) : Math.max(0, i - 1)));
      break;
    }
    case 'open': {
      const h = onHighlights ? hl.items[cursor]?.highlight : undefined;
      if (h) openArticle(h.articleId, { highlightId: h.id });
      else if (!onHighlights) openArticle(list.shown[cursor].id);
      break;
    }
    case 'select':
    case 'select-range':
      ctx.selection.toggleSelect(cursor, c === 'select-range');
      break;
    case 'focus-search':
      searchBox.current?.focus();
      searchBox.current?.select();
      break;
    case 'clear-selection':
      ctx.selection.setSelected(new Set());
      break;
    case 'clear-filters':
      setSearch('');
      hl.setColor(null);
      hl.setTag('');
      if (onHighlights) break;
      list.setTag('');
      list.setSite('');
      list.setTime('');
      break;
  }
}
