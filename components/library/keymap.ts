// The library's keyboard shortcuts: a pure mapping from one key press and the page's state to a command.
// library-keys.ts performs the command; dialogs.tsx (ShortcutsHelp) lists them for the user.

export type KeyCommand =
  // In the search box
  | 'search-clear'
  | 'search-blur'
  | 'search-to-results'
  | 'search-to-first-result'
  // Anywhere
  | 'close-dialog'
  | 'shortcuts'
  | 'undo'
  | 'archive'
  | 'favorite'
  | 'delete'
  | 'tags'
  // Reading an article
  | 'back'
  | 'open-original'
  | 'scroll-down'
  | 'scroll-up'
  | 'highlight'
  | 'highlight-note'
  // The list
  | 'cursor-down'
  | 'cursor-up'
  | 'open'
  | 'select'
  | 'select-range'
  | 'focus-search'
  | 'clear-selection'
  | 'clear-filters';

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  /** Ctrl, Meta or Alt held: the browser's and the system's shortcuts, never ours. */
  modified: boolean;
  /** Another handler already acted on it. */
  defaultPrevented: boolean;
  /** The focus is in a text field, a select or contenteditable. */
  typing: boolean;
  /** The focus is in the library's search box. */
  inSearchBox: boolean;
  /** The focus is on a link or button (Enter and Space activate it). */
  onControl: boolean;
}

export interface KeyState {
  /** All highlights moves and opens like the list, but has no article commands (e, s, #, t, x). */
  view: 'list' | 'highlights' | 'article';
  dialogOpen: boolean;
  /** The search box holds text. */
  hasQuery: boolean;
  /** Tag, site or length filter set. */
  filtersActive: boolean;
  resultCount: number;
  /** The list's cursor is on a row. */
  hasCursorRow: boolean;
  /** What a command would act on: the open article, the selection or the cursor row. */
  hasTargets: boolean;
  selectedCount: number;
  /** Reading: the open article's record is known (its original URL can open). */
  hasArticle: boolean;
}

export const isTyping = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
};

export function readKeyPress(e: KeyboardEvent, searchBox: Element | null): KeyPress {
  const tag = (e.target as HTMLElement | null)?.tagName;
  return {
    key: e.key,
    shiftKey: e.shiftKey,
    modified: e.ctrlKey || e.metaKey || e.altKey,
    defaultPrevented: e.defaultPrevented,
    typing: isTyping(e.target),
    inSearchBox: !!searchBox && e.target === searchBox,
    onControl: tag === 'BUTTON' || tag === 'A',
  };
}

/** The command for a key press, or null when the library leaves the key alone (no preventDefault). */
export function keyCommand(p: KeyPress, s: KeyState): KeyCommand | null {
  if (p.defaultPrevented || p.modified) return null;
  const k = p.key;
  if (p.typing) {
    if (!p.inSearchBox) return null;
    if (k === 'Escape') return s.hasQuery ? 'search-clear' : 'search-blur';
    // From the search box straight into the results.
    if (k === 'ArrowDown' && s.resultCount) return 'search-to-results';
    if (k === 'Enter' && s.resultCount) return 'search-to-first-result';
    return null;
  }
  // Dialogs close on Escape wherever the focus is (the dialog's own handler covers its inputs).
  if (s.dialogOpen) return k === 'Escape' ? 'close-dialog' : null;
  // Enter and Space on a focused link or button do what that control does.
  if ((k === 'Enter' || k === ' ') && p.onControl) return null;
  if (k === '?') return 'shortcuts';
  if (k === 'z') return 'undo';
  if (s.view === 'article') {
    switch (k) {
      case 'Escape':
      case 'u':
        return 'back';
      case 'e':
        return 'archive';
      case 's':
        return 'favorite';
      case '#':
        return 'delete';
      case 't':
        return 'tags';
      case 'o':
        return s.hasArticle ? 'open-original' : null;
      case 'j':
        return 'scroll-down';
      case 'k':
        return 'scroll-up';
      // The reader acts only when text in the article is selected.
      case 'h':
        return 'highlight';
      case 'n':
        return 'highlight-note';
      default:
        return null;
    }
  }
  if (s.view === 'highlights' && ['e', 's', '#', 't', 'x'].includes(k)) return null;
  switch (k) {
    case 'j':
    case 'ArrowDown':
      return 'cursor-down';
    case 'k':
    case 'ArrowUp':
      return 'cursor-up';
    case 'o':
    case 'Enter':
      return s.hasCursorRow ? 'open' : null;
    case 'e':
      return 'archive';
    case 's':
      return 'favorite';
    case '#':
      return 'delete';
    case 't':
      return s.hasTargets ? 'tags' : null;
    case 'x':
      return p.shiftKey ? 'select-range' : 'select';
    case '/':
      return 'focus-search';
    case 'Escape':
    case 'u':
      if (s.selectedCount) return 'clear-selection';
      if (s.hasQuery || s.filtersActive) return 'clear-filters';
      return null;
    default:
      return null;
  }
}
