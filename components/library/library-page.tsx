import { useRef, useState } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import type { LibraryConnector } from './library-connector';
import { ReaderSettingsPanel } from './reader-settings';
import { useFileDrop } from './import-drop';
import { describeError } from './errors';
import { ErrorBanner, useErrorBanner } from './error-banner';
import { ArticlePage } from './article-page';
import { ListPage } from './list-page';
import { articleActions } from './bulk-actions';
import { articleTargets } from './article-targets';
import { LibraryTopbar } from './library-topbar';
import { useArticles, useReaderSettings, useSaveShortcut, useStorageInfo, useViewCounts } from './use-library-data';
import { useHighlights } from './use-highlights';
import { HighlightsPage, useHighlightList } from './highlights-page';
import { SyncSettingsPage } from './sync-settings';
import type { LibraryView } from './view-tabs';
import type { HighlightCommand } from './reader-highlights';
import { LibraryDialogs, type Dialog } from './library-dialogs';
import { useLibraryKeys } from './library-keys';
import { nextUnread } from './next-unread';
import { UndoToast, useUndoToast } from './undo-toast';
import { useArticleList } from './use-article-list';
import { useDocumentTitle } from './hooks';
import { useListCursor } from './use-list-cursor';
import { useNavigation } from './use-navigation';
import { useSearchIndex } from './use-search-index';
import { useSelection } from './use-selection';

// The library page: loads the articles, routes between the list, All highlights and the reader
// (route.ts), and owns what they share (selection, undo toast, dialogs, reader settings, keyboard).

const PAGE_TITLE = 'Gist library';

export function Library({ connector }: { connector: LibraryConnector }) {
  const { error, setError, run } = useErrorBanner();
  const { articles, firstPage } = useArticles(connector, setError);
  const nav = useNavigation();
  const { view, go, openArticle, back } = nav;
  const [hlQuery, setHlQuery] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  useFileDrop((file) => setDialog({ kind: 'import-export', file }));
  const [settings, changeSettings] = useReaderSettings(connector.settings);
  const searchBox = useRef<HTMLInputElement>(null);
  const readerCommands = useRef<((c: HighlightCommand) => void) | null>(null);
  const search = connector.search;
  const shortcut = useSaveShortcut(connector);

  // ---- data ----
  const { indexReady, listTick } = useSearchIndex(search, articles);
  const [storage, keepStorage] = useStorageInfo(connector.storage, articles?.length);

  // ---- highlights ----
  const highlights = useHighlights(connector.highlights, articles, (e) => setError(describeError('load your highlights', e)));
  const onHighlights = view.kind === 'highlights';
  const hl = useHighlightList(highlights.all, articles, hlQuery, settings.wpm, onHighlights);

  // ---- the list ----
  const source = articles ?? firstPage;
  const list = useArticleList({ articles, source, search, indexReady, listTick, wpm: settings.wpm, annotations: highlights.annotations });
  const { statusView, tag, site, time, sort, query, shown, facetLists } = list;
  /** The search box edits the article search, or the highlights' in All highlights. */
  const searchText = onHighlights ? hlQuery : query;
  const setSearch = onHighlights ? setHlQuery : list.setQuery;
  const highlightCount = connector.highlights ? (highlights.all?.length ?? null) : undefined;
  /** Rows the keyboard's cursor moves over: articles, or highlights in All highlights. */
  const rowCount = onHighlights ? hl.items.length : shown.length;

  const counts = useViewCounts(connector, articles, firstPage);

  const [cursor, setCursor] = useListCursor(rowCount, [query, statusView, tag, site, time, sort, hlQuery, hl.color, hl.tag, onHighlights]);
  const selection = useSelection(articles, shown, setCursor);
  const { selected, setSelected, toggleSelect } = selection;

  // ---- actions ----
  const showView = (v: LibraryView) => {
    if (v === 'highlights') return go({ kind: 'highlights' });
    list.setStatusView(v);
    go({ kind: 'list' });
  };
  const { toast, notify, undoNow } = useUndoToast(run);
  const actions = articleActions({
    connector,
    run,
    notify,
    afterRemove: () => {
      setSelected(new Set());
      if (view.kind === 'article') back();
    },
  });
  const { archive, favorite, remove } = actions;

  const { byId, targets } = articleTargets({ articles, firstPage, view, selected, shown, cursor });
  const rowActions = {
    onOpen: (id: number) => openArticle(id),
    onArchive: (a: ArticleRecord) => void archive([a]),
    onFavorite: (a: ArticleRecord) => void favorite([a]),
    onDelete: (a: ArticleRecord) => void remove([a]),
    onTag: (t: string) => list.setTag(t),
  };

  // ---- the reader ----
  const reading = view.kind === 'article' ? byId(view.id) : undefined;
  // The tab says what is being read.
  useDocumentTitle(reading ? reading.title || PAGE_TITLE : PAGE_TITLE);

  useLibraryKeys({
    nav,
    dialog,
    setDialog,
    searchBox,
    searchText,
    setSearch,
    onHighlights,
    list,
    hl,
    rowCount,
    cursor,
    setCursor,
    selection,
    targets,
    byId,
    undoNow,
    actions,
    readerCommands,
  });

  // ---- render ----
  const toggleSettings = () => setDialog(dialog?.kind === 'settings' ? null : { kind: 'settings' });
  return (
    <div class={`library${view.kind === 'article' ? ' reading' : ''}`}>
      {/* The reader has its own toolbar (back, actions, Aa): one bar, not two. */}
      {view.kind !== 'article' && (
        <LibraryTopbar
          searchBox={searchBox}
          which={onHighlights ? 'highlights' : 'articles'}
          query={searchText}
          onQuery={(q) => {
            setSearch(q);
            if (view.kind === 'sync-settings') go({ kind: 'list' });
          }}
          onHome={() => go({ kind: 'list' })}
          onImportExport={() => setDialog({ kind: 'import-export' })}
          onSync={connector.sync ? () => go({ kind: 'sync-settings' }) : undefined}
          onSettings={toggleSettings}
          onShortcuts={() => setDialog({ kind: 'shortcuts' })}
        />
      )}
      {dialog?.kind === 'settings' && <ReaderSettingsPanel settings={settings} onChange={changeSettings} onClose={() => setDialog(null)} />}
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {view.kind === 'article' ? (
        <ArticlePage
          id={view.id}
          highlightId={view.highlightId}
          connector={connector}
          settings={settings}
          onSettings={changeSettings}
          article={reading}
          nextUnread={nextUnread(source, view.id, sort, settings.wpm)}
          onOpen={(id) => openArticle(id)}
          onSettingsPanel={toggleSettings}
          onBack={back}
          onArchive={(a) => void archive([a])}
          onFavorite={(a) => void favorite([a])}
          onDelete={(a) => void remove([a])}
          onTags={(a) => setDialog({ kind: 'tags', ids: [a.id] })}
          notify={notify}
          run={run}
          commands={readerCommands}
        />
      ) : view.kind === 'sync-settings' ? (
        connector.sync ? (
          <SyncSettingsPage sync={connector.sync} onBack={() => go({ kind: 'list' })} />
        ) : (
          <p class="muted">Sync is not available here.</p>
        )
      ) : onHighlights ? (
        <HighlightsPage
          all={connector.highlights ? highlights.all : []}
          list={hl}
          query={hlQuery}
          cursor={cursor}
          setCursor={setCursor}
          onOpen={({ highlight: h }) => openArticle(h.articleId, { highlightId: h.id })}
          tabs={{ active: 'highlights', counts, highlightCount, onView: showView }}
        />
      ) : (
        <ListPage
          articles={articles}
          firstPage={firstPage}
          shown={shown}
          error={error}
          query={query}
          parsed={list.parsed}
          searching={list.searching}
          search={search}
          indexReady={indexReady}
          statusView={statusView}
          onView={showView}
          counts={counts}
          annotations={highlights.annotations}
          highlightCount={highlightCount}
          facetLists={facetLists}
          tag={tag}
          site={site}
          time={time}
          sort={sort}
          setTag={list.setTag}
          setSite={list.setSite}
          setTime={list.setTime}
          setSort={list.setSort}
          wpm={settings.wpm}
          cursor={cursor}
          setCursor={setCursor}
          selected={selected}
          setSelected={setSelected}
          toggleSelect={toggleSelect}
          rowActions={rowActions}
          storage={storage}
          onKeepStorage={keepStorage}
          onStorageDetails={connector.storage?.parts ? () => setDialog({ kind: 'storage' }) : undefined}
          texts={connector.texts}
          shortcut={shortcut}
          onImport={() => setDialog({ kind: 'import-export' })}
          bulk={{
            archive: () => void archive(targets()),
            favorite: () => void favorite(targets()),
            tag: connector.bulk ? () => setDialog({ kind: 'tags', ids: [...selected] }) : undefined,
            remove: () => void remove(targets()),
          }}
        />
      )}
      <UndoToast toast={toast} onUndo={undoNow} />
      <LibraryDialogs
        dialog={dialog}
        onClose={() => setDialog(null)}
        connector={connector}
        articles={articles}
        byId={byId}
        tagCounts={facetLists.tags}
        run={run}
        addTag={actions.addTag}
        removeTag={actions.removeTag}
      />
    </div>
  );
}
