import type { ArticleRecord } from '../../lib/db/schema';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ParsedQuery } from '../../lib/search/query';
import { effectiveView, minutesAt, type SortKey, type StatusView } from '../../lib/search/list-query';
import { snippet, type SnippetPart } from '../../lib/search/snippet';
import type { SearchBackend, StorageInfo } from './library-connector';
import { ArticleRow, ROW_HEIGHT, ROW_HEIGHT_NARROW, SNIPPET_HEIGHT } from './article-row';
import { useMedia, useTexts } from './hooks';
import { Welcome } from './welcome';
import { VirtualList } from './virtual-list';
import { Facets } from './facets';
import { BulkBar } from './bulk-actions';
import { countOf } from '../../lib/format/count';
import { formatBytes } from './errors';
import { ViewTabs, type LibraryView } from './view-tabs';
import { hasAnyNote, type Annotations } from '../../lib/search/annotations';
import './list-controls.css';

export interface RowActions {
  onOpen(id: number): void;
  onArchive(a: ArticleRecord): void;
  onFavorite(a: ArticleRecord): void;
  onDelete(a: ArticleRecord): void;
  /** A tag chip: filter the list by it. */
  onTag(tag: string): void;
}

export interface ListPageProps {
  /** The whole library once loaded; null while only the first page is known. */
  articles: ArticleRecord[] | null;
  firstPage: ArticleRecord[] | null;
  /** The filtered, sorted list on screen. */
  shown: ArticleRecord[];
  error: string | null;
  query: string;
  parsed: ParsedQuery;
  searching: boolean;
  search: SearchBackend | undefined;
  indexReady: boolean;
  statusView: StatusView;
  /** A view tab: one of the list's, or All highlights. */
  onView(v: LibraryView): void;
  /** Null until counted. */
  counts: Record<StatusView, number> | null;
  /** Highlights and notes per article (row marks, snippets); null while they load. */
  annotations: Annotations | null;
  /** For the Highlights tab (undefined: no tab). */
  highlightCount?: number | null;
  facetLists: { tags: [string, number][]; sites: [string, number][] };
  tag: string;
  site: string;
  time: string;
  sort: SortKey;
  setTag(v: string): void;
  setSite(v: string): void;
  setTime(v: string): void;
  setSort(v: SortKey): void;
  wpm: number;
  cursor: number;
  setCursor(i: number): void;
  selected: Set<number>;
  setSelected(s: Set<number>): void;
  toggleSelect(index: number, shift: boolean): void;
  rowActions: RowActions;
  /** The bulk bar's buttons, acting on the selection. */
  bulk: { archive(): void; favorite(): void; tag?: () => void; remove(): void };
  storage: StorageInfo | null;
  /** Asks again to keep the library through low disk space, from a click (where the browser prompts, it may). */
  onKeepStorage?: () => void;
  /** Opens the Storage panel (space per part, dropping old images). */
  onStorageDetails?: () => void;
  /** Plain-text bodies, for the snippets under search results. */
  texts?(ids: number[]): Promise<(string | undefined)[]>;
  /** Opens the import dialog (the empty library's welcome). */
  onImport(): void;
  /** The browser's save shortcut, e.g. "Alt+Shift+S" ('' when the user removed it). */
  shortcut: string;
}

/** How far the pointer must move after a delete before the row buttons under it work again. */
const GUARD_PX = 4;

/** The list: views, filters, the bulk bar, the virtualised rows and the footer. */
export function ListPage(p: ListPageProps) {
  const { articles, firstPage, shown, parsed, searching, search, indexReady, tag, site, time, selected } = p;
  const loading = articles === null && firstPage === null;
  const filtersActive = !!(tag || site || time);
  const narrow = useMedia('(max-width: 640px)');
  const textOf = useTexts(p.texts);
  const rowHeight = (narrow ? ROW_HEIGHT_NARROW : ROW_HEIGHT) + (searching ? SNIPPET_HEIGHT : 0);
  const tabView = effectiveView(p.statusView, parsed);
  // Each row's snippet for this query, kept across renders: the list renders again when the rows' texts
  // arrive, and the rows already shown would otherwise scan their whole texts again.
  const snippets = useMemo(
    () => new Map<number, { text: string; marks: string; parts: SnippetPart[] | null }>(),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new, empty cache for each query
    [parsed],
  );
  const snippetOf = (id: number, text: string, marks: string): SnippetPart[] | null => {
    const known = snippets.get(id);
    if (known && known.text === text && known.marks === marks) return known.parts;
    const parts = snippet(text, parsed) ?? (marks ? snippet(marks, parsed) : null);
    snippets.set(id, { text, marks, parts });
    return parts;
  };
  // After a click on a row's Delete, the next row moves up under the pointer: its buttons ignore the
  // pointer until it moves, so a double click cannot delete two articles.
  const [guard, setGuard] = useState<{ x: number; y: number } | null>(null);
  useEffect(() => {
    if (!guard) return;
    const move = (e: MouseEvent) => {
      if (Math.hypot(e.clientX - guard.x, e.clientY - guard.y) > GUARD_PX) setGuard(null);
    };
    document.addEventListener('mousemove', move);
    return () => document.removeEventListener('mousemove', move);
  }, [guard]);
  const empty = articles !== null && articles.length === 0;
  if (empty && !searching && !filtersActive) {
    return (
      <main class="list-page">
        <section
          class="list-area"
          data-testid="list-area"
          data-query={p.query}
          data-index={indexReady ? 'ready' : 'building'}
          data-count={0}
        >
          <Welcome onImport={p.onImport} shortcut={p.shortcut} />
        </section>
      </main>
    );
  }
  return (
    <main class="list-page">
      <div class="filterbar">
        <ViewTabs active={tabView} counts={p.counts} highlightCount={p.highlightCount} onView={p.onView} />
        <Facets
          tags={p.facetLists.tags}
          sites={p.facetLists.sites}
          tag={tag}
          site={site}
          time={time}
          sort={p.sort}
          searching={searching}
          setTag={p.setTag}
          setSite={p.setSite}
          setTime={p.setTime}
          setSort={p.setSort}
        />
      </div>
      {selected.size > 0 && (
        <BulkBar
          count={selected.size}
          total={shown.length}
          onArchive={p.bulk.archive}
          onFavorite={p.bulk.favorite}
          onTag={p.bulk.tag}
          onDelete={p.bulk.remove}
          onSelectAll={() => p.setSelected(new Set(shown.map((a) => a.id)))}
          onClear={() => p.setSelected(new Set())}
        />
      )}
      <section
        class="list-area"
        data-testid="list-area"
        data-query={p.query}
        data-index={indexReady ? 'ready' : 'building'}
        data-count={shown.length}
      >
        {parsed.invalid.length > 0 && (
          <p class="hint">
            Not understood: {parsed.invalid.join(', ')} — try is:unread, is:archived, is:favorite, is:inprogress, has:highlights, has:note,
            time:&lt;10 or time:5-15.
          </p>
        )}
        {(searching || filtersActive || parsed.tags.length || parsed.sites.length || parsed.time.length || parsed.is.length) && !loading ? (
          <p class="result-count muted" role="status" data-testid="result-count">
            {countOf(shown.length, 'article')}
            {searching &&
              search &&
              !indexReady &&
              ` · indexing ${search.state.indexed.toLocaleString()} of ${search.state.total.toLocaleString()} (titles, sites and tags for now)`}
          </p>
        ) : null}
        {loading ? (
          !p.error && (
            <p class="muted" role="status">
              Loading…
            </p>
          )
        ) : shown.length === 0 ? (
          <p class="empty muted" data-testid="empty">
            {searching || filtersActive
              ? 'No articles match.'
              : p.statusView === 'unread'
                ? 'All caught up: nothing unread.'
                : 'Nothing in this view.'}
          </p>
        ) : (
          <VirtualList
            items={shown}
            rowHeight={rowHeight}
            cursor={p.cursor}
            topInset={64}
            overscan={4}
            attrs={{ 'data-testid': 'article-list', 'aria-label': 'Articles', class: `rows${guard ? ' pointer-guard' : ''}` }}
            renderRow={(a, i) => {
              let snip;
              const summary = p.annotations?.summary;
              if (searching) {
                const text = textOf(a.id, a.updatedAt);
                // Matched by a highlight or a note rather than the text: show that.
                const marks = `${summary?.get(a.id)?.text ?? ''}${a.note ?? ''}`;
                snip = text === undefined ? undefined : snippetOf(a.id, text ?? a.excerpt ?? '', marks);
              }
              return (
                <ArticleRow
                  key={a.id}
                  article={a}
                  index={i}
                  minutes={minutesAt(a, p.wpm)}
                  cursor={i === p.cursor}
                  selected={selected.has(a.id)}
                  height={rowHeight}
                  snippet={snip}
                  marks={summary ? { count: summary.get(a.id)?.count ?? 0, notes: hasAnyNote(a, summary) } : null}
                  onSelect={p.toggleSelect}
                  onCursor={p.setCursor}
                  {...p.rowActions}
                  onDelete={(x, at) => {
                    if (at) setGuard(at);
                    p.rowActions.onDelete(x);
                  }}
                />
              );
            }}
          />
        )}
      </section>
      <footer class="list-foot muted">
        {articles && <span>{countOf(articles.length, 'article')}</span>}
        {p.storage && (
          <span data-testid="storage">
            {formatBytes(p.storage.usage)} used
            {p.storage.persisted ? ' · kept permanently' : ' · the browser may clear it when space runs low'}
            {!p.storage.persisted && p.onKeepStorage && (
              <>
                {' '}
                <button type="button" class="link" data-testid="keep-storage" onClick={p.onKeepStorage}>
                  Keep it permanently
                </button>
              </>
            )}
            {p.onStorageDetails && (
              <>
                {' · '}
                <button type="button" class="link" data-testid="storage-details" onClick={p.onStorageDetails}>
                  Details
                </button>
              </>
            )}
          </span>
        )}
        <span>
          Press <kbd>?</kbd> for shortcuts
        </span>
      </footer>
    </main>
  );
}
