import type { RefObject } from 'preact';
import { TopbarMenu } from './topbar-menu';
import './library-topbar.css';

/** What the search box says in each list: the article search's language, or the highlights'. */
export const SEARCH_HELP = {
  articles: {
    label: 'Search your library',
    placeholder: 'Search',
    title:
      'Words match as you type, in the text, highlights and notes. tag:x  site:x  is:unread|archived|favorite|inprogress  has:highlights  has:note  time:<10  "a phrase"  -word  -tag:x  -has:note exclude',
  },
  highlights: {
    label: 'Search your highlights',
    placeholder: 'Search highlights',
    title: 'Words match the highlighted text, notes and article titles as you type. tag:x  site:x  has:note  "a phrase"  -word exclude',
  },
} as const;

export interface LibraryTopbarProps {
  searchBox: RefObject<HTMLInputElement>;
  which: keyof typeof SEARCH_HELP;
  query: string;
  onQuery(q: string): void;
  onHome(): void;
  onImportExport(): void;
  /** Settings → Sync (absent where the connector has no sync). */
  onSync?(): void;
  onSettings(): void;
  onShortcuts(): void;
}

/** The list's top bar: the name (home), the search box, Import / Export, Sync, reading settings, shortcuts. */
export function LibraryTopbar({
  searchBox,
  which,
  query,
  onQuery,
  onHome,
  onImportExport,
  onSync,
  onSettings,
  onShortcuts,
}: LibraryTopbarProps) {
  const help = SEARCH_HELP[which];
  return (
    <header class="topbar">
      <a
        class="brand"
        href="#"
        onClick={(e) => {
          e.preventDefault();
          onHome();
        }}
      >
        Gist
      </a>
      <div class="search">
        <input
          ref={searchBox}
          type="search"
          value={query}
          data-testid="search"
          aria-label={help.label}
          title={help.title}
          placeholder={help.placeholder}
          spellcheck={false}
          autocomplete="off"
          onInput={(e) => onQuery((e.target as HTMLInputElement).value)}
        />
        <kbd class="search-hint" aria-hidden="true">
          /
        </kbd>
      </div>
      <div class="topbar-actions">
        <button type="button" class="secondary wide-only" data-testid="import-export" onClick={onImportExport}>
          Import / Export
        </button>
        {onSync && (
          <button type="button" class="secondary wide-only" data-testid="sync-button" onClick={onSync}>
            Sync
          </button>
        )}
        <button
          type="button"
          class="secondary"
          aria-label="Reading settings"
          title="Reading settings"
          data-testid="settings-button"
          onClick={onSettings}
        >
          Aa
        </button>
        <button
          type="button"
          class="secondary wide-only"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={onShortcuts}
        >
          ?
        </button>
        <TopbarMenu onImportExport={onImportExport} onSync={onSync} onShortcuts={onShortcuts} />
      </div>
    </header>
  );
}
