import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import { DEFAULT_SETTINGS, type ReaderSettings } from '../../lib/reader/settings';
import { parseQuery, hasText } from '../../lib/search/query';
import { listArticles, type SortKey, type StatusView } from '../../lib/search/list-query';
import { FacetCounter } from '../../lib/search/facet-counts';
import type { LibraryConnector } from './library-connector';
import { ReaderSettingsPanel } from './reader-settings';
import { ShortcutsHelp, TagDialog } from './dialogs';
import { ImportExportPanel } from './import-export-panel';
import { StoragePanel } from './storage-panel';
import { useFileDrop } from './import-drop';
import { describeError } from './errors';
import { ArticlePage } from './article-page';
import { ListPage } from './list-page';
import { articleActions } from './bulk-actions';
import { keyCommand, readKeyPress, type KeyCommand } from './keymap';
import { LibraryTopbar } from './library-topbar';
import type { ImportRun } from './library-connector';
import { routeHash, type Route } from './route';
import { useArticles, useRoute, useStorageInfo, useTheme, useViewCounts } from './use-library-data';
import { useHighlights } from './use-highlights';
import { HighlightsPage, useHighlightList } from './highlights-page';
import { SyncSettingsPage } from './sync-settings';
import type { LibraryView } from './view-tabs';
import type { HighlightCommand } from './reader-highlights';

// The library page: loads the articles, routes between the list, All highlights and the reader
// (route.ts), and owns what they share (selection, undo toast, dialogs, reader settings, keyboard).

type View = Route;
type Dialog =
  | null
  | { kind: 'shortcuts' }
  | { kind: 'settings' }
  | { kind: 'import-export'; file?: File }
  | { kind: 'tags'; ids: number[] }
  | { kind: 'storage' };
interface Toast {
  message: string;
  undo?: () => Promise<void>;
  timer: number;
}

const UNDO_MS = 8000;
const DEFAULT_SHORTCUT = 'Alt+Shift+S';
const PAGE_TITLE = 'Gist library';

export function Library({ connector }: { connector: LibraryConnector }) {
  const [error, setError] = useState<string | null>(null);
  const { articles, firstPage } = useArticles(connector, setError);
  const [view, setView] = useRoute();
  // Where the reader's Back returns: the article list or All highlights.
  const listView = useRef<View>(view.kind === 'highlights' ? view : { kind: 'list' });
  const [statusView, setStatusView] = useState<StatusView>('unread');
  const [tag, setTag] = useState<string>('');
  const [site, setSite] = useState<string>('');
  const [time, setTime] = useState<string>('');
  const [sortChoice, setSortChoice] = useState<SortKey | null>(null);
  const [query, setQuery] = useState('');
  const [hlQuery, setHlQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const anchor = useRef<number | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  useFileDrop((file) => setDialog({ kind: 'import-export', file }));
  const [settings, setSettings] = useState<ReaderSettings>(() => connector.settings?.load() ?? { ...DEFAULT_SETTINGS });
  const [indexTick, setIndexTick] = useState(0);
  const searchBox = useRef<HTMLInputElement>(null);
  const readerCommands = useRef<((c: HighlightCommand) => void) | null>(null);
  const search = connector.search;
  // Every file imported while the page is open keeps its report (closing the dialog loses none).
  const [importRuns, setImportRuns] = useState<ImportRun[]>([]);
  const [shortcut, setShortcut] = useState(DEFAULT_SHORTCUT);
  useEffect(() => {
    connector.shortcut?.().then(setShortcut, () => {});
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once: main.tsx creates the connector once per page
  }, []);

  // ---- data ----
  useEffect(() => {
    if (articles && search) void search.sync(articles);
  }, [articles, search]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- listen once: `search` belongs to the connector, made once per page
  useEffect(() => search?.onChange(() => setIndexTick((t) => t + 1)), []);
  const [storage, keepStorage] = useStorageInfo(connector.storage, articles?.length);
  useTheme(settings.theme);
  const changeSettings = (s: ReaderSettings) => {
    setSettings(s);
    connector.settings?.save(s);
  };

  // ---- highlights ----
  const highlights = useHighlights(connector.highlights, articles, (e) => setError(describeError('load your highlights', e)));
  const onHighlights = view.kind === 'highlights';
  const hl = useHighlightList(highlights.all, articles, hlQuery, settings.wpm, onHighlights);

  /** The search box edits the article search, or the highlights' in All highlights. */
  const searchText = onHighlights ? hlQuery : query;
  const setSearch = onHighlights ? setHlQuery : setQuery;
  const highlightCount = connector.highlights ? (highlights.all?.length ?? null) : undefined;

  // ---- the list ----
  const parsed = useMemo(() => parseQuery(query), [query]);
  const searching = hasText(parsed);
  const sort: SortKey = sortChoice === 'relevance' && !searching ? 'newest' : (sortChoice ?? (searching ? 'relevance' : 'newest'));
  const source = articles ?? firstPage;
  const indexReady = !!search?.state.ready && !!search.index;
  // Until the index is ready the list does not read it: its progress reports (every 250 articles of a
  // build) re-render the "indexing N of M" note, not the list query over the whole library.
  const listTick = indexReady ? indexTick : -1;
  const result = useMemo(
    () =>
      listArticles(
        source ?? [],
        {
          view: statusView,
          tag: tag || null,
          site: site || null,
          time: time || null,
          sort,
          wpm: settings.wpm,
          query: parsed,
          annotations: highlights.annotations,
        },
        indexReady ? search!.index : null,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- listTick is not read: the index changes in place and its ticks say when to recompute
    [source, statusView, tag, site, time, sort, settings.wpm, parsed, search, indexReady, listTick, highlights.annotations],
  );
  const shown = result.items;
  /** Rows the keyboard's cursor moves over: articles, or highlights in All highlights. */
  const rowCount = onHighlights ? hl.items.length : shown.length;

  const counts = useViewCounts(connector, articles, firstPage);
  // Counted incrementally: a re-read of the list after a write only compares each article's tags and site.
  const facetCounter = useMemo(() => new FacetCounter(), []);
  const facetLists = useMemo(() => facetCounter.update(articles ?? []), [facetCounter, articles]);

  useEffect(() => {
    setCursor((c) => Math.min(Math.max(0, c), Math.max(0, rowCount - 1)));
  }, [rowCount]);
  useEffect(() => {
    setCursor(0);
    window.scrollTo({ top: 0 });
  }, [query, statusView, tag, site, time, sort, hlQuery, hl.color, hl.tag, onHighlights]);
  // Selection is of visible articles: drop ids that left the library.
  useEffect(() => {
    if (!articles) return;
    setSelected((sel) => {
      if (!sel.size) return sel;
      // Built only when something is selected: after an import it would be a set of 100,000 ids for nothing.
      const ids = new Set(articles.map((a) => a.id));
      const next = new Set([...sel].filter((id) => ids.has(id)));
      return next.size !== sel.size ? next : sel;
    });
  }, [articles]);

  // ---- actions ----
  const go = (v: View) => {
    const h = routeHash(v);
    if (location.hash !== h) history.pushState(null, '', h || location.pathname + location.search);
    if (v.kind === 'list' || v.kind === 'highlights') listView.current = v;
    setView(v);
  };
  /** The reader, at one highlight when given. */
  const openArticle = (id: number, at: { highlightId?: string } = {}) => go({ kind: 'article', id, ...at });
  const back = () => go(listView.current);
  const showView = (v: LibraryView) => {
    if (v === 'highlights') return go({ kind: 'highlights' });
    setStatusView(v);
    go({ kind: 'list' });
  };
  const run = async <T,>(action: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (e) {
      setError(describeError(action, e));
      return undefined;
    }
  };
  const notify = (message: string, undo?: () => Promise<void>) => {
    if (toast) clearTimeout(toast.timer);
    setToast({ message, undo, timer: window.setTimeout(() => setToast(null), UNDO_MS) });
  };
  const undoNow = () => {
    if (!toast?.undo) return;
    clearTimeout(toast.timer);
    const u = toast.undo;
    setToast(null);
    void run('undo', u);
  };
  const byId = (id: number) => articles?.find((a) => a.id === id) ?? firstPage?.find((a) => a.id === id);
  const { archive, favorite, remove, addTag, removeTag } = articleActions({
    connector,
    run,
    notify,
    afterRemove: () => {
      setSelected(new Set());
      if (view.kind === 'article') back();
    },
  });

  const targets = (): ArticleRecord[] => {
    if (view.kind === 'article') {
      const a = byId(view.id);
      return a ? [a] : [];
    }
    if (selected.size) return shown.filter((a) => selected.has(a.id));
    return shown[cursor] ? [shown[cursor]] : [];
  };
  const toggleSelect = (index: number, shift: boolean) => {
    const next = new Set(selected);
    const id = shown[index]?.id;
    if (id === undefined) return;
    if (shift && anchor.current !== null) {
      const [a, b] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      const on = !selected.has(id);
      for (let i = a; i <= b; i++) {
        const x = shown[i]?.id;
        if (x !== undefined) {
          if (on) next.add(x);
          else next.delete(x);
        }
      }
    } else if (next.has(id)) next.delete(id);
    else next.add(id);
    anchor.current = index;
    setSelected(next);
    setCursor(index);
  };
  const rowActions = {
    onOpen: (id: number) => openArticle(id),
    onArchive: (a: ArticleRecord) => void archive([a]),
    onFavorite: (a: ArticleRecord) => void favorite([a]),
    onDelete: (a: ArticleRecord) => void remove([a]),
    onTag: (t: string) => setTag(t),
  };

  // ---- the reader ----
  const reading = view.kind === 'article' ? byId(view.id) : undefined;
  // The tab says what is being read.
  const tabTitle = reading ? reading.title || PAGE_TITLE : PAGE_TITLE;
  useEffect(() => {
    document.title = tabTitle;
  }, [tabTitle]);
  /** The unread article after this one in the list's order (else the first unread), for "Next unread". */
  const nextUnread = (id: number): ArticleRecord | undefined => {
    // This article stays in the order even once archived, so "next" is the one after it, not the first.
    const order = listArticles(
      source ?? [],
      { view: 'all', sort: sort === 'relevance' ? 'newest' : sort, wpm: settings.wpm },
      null,
    ).items.filter((a) => a.status === 'unread' || a.id === id);
    const i = order.findIndex((a) => a.id === id);
    const after = i >= 0 ? order.slice(i + 1).concat(order.slice(0, i)) : order;
    return after.find((a) => a.id !== id);
  };

  // ---- keyboard (keymap.ts decides, this performs) ----
  const perform = (c: KeyCommand) => {
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
        undoNow();
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
        readerCommands.current?.(c);
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
        else if (!onHighlights) openArticle(shown[cursor].id);
        break;
      }
      case 'select':
      case 'select-range':
        toggleSelect(cursor, c === 'select-range');
        break;
      case 'focus-search':
        searchBox.current?.focus();
        searchBox.current?.select();
        break;
      case 'clear-selection':
        setSelected(new Set());
        break;
      case 'clear-filters':
        setSearch('');
        hl.setColor(null);
        hl.setTag('');
        if (onHighlights) break;
        setTag('');
        setSite('');
        setTime('');
        break;
    }
  };
  const keyHandler = useRef<(e: KeyboardEvent) => void>(() => {});
  keyHandler.current = (e: KeyboardEvent) => {
    // Settings → Sync is a form: the list's single-key commands would act on rows that are not shown.
    if (view.kind === 'sync-settings') return;
    const c = keyCommand(readKeyPress(e, searchBox.current), {
      view: view.kind,
      dialogOpen: !!dialog,
      hasQuery: !!searchText,
      filtersActive: onHighlights ? hl.filtersActive : !!(tag || site || time),
      resultCount: rowCount,
      hasCursorRow: cursor < rowCount,
      selectedCount: selected.size,
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
    perform(c);
  };
  useEffect(() => {
    const h = (e: KeyboardEvent) => keyHandler.current(e);
    document.addEventListener('keydown', h);
    return () => document.removeEventListener('keydown', h);
  }, []);

  // ---- render ----
  const dialogTargets = dialog?.kind === 'tags' ? dialog.ids.map(byId).filter((a): a is ArticleRecord => !!a) : [];
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
          onSettings={() => setDialog(dialog?.kind === 'settings' ? null : { kind: 'settings' })}
          onShortcuts={() => setDialog({ kind: 'shortcuts' })}
        />
      )}
      {dialog?.kind === 'settings' && <ReaderSettingsPanel settings={settings} onChange={changeSettings} onClose={() => setDialog(null)} />}
      {error && (
        <p class="error banner" role="alert">
          {error}{' '}
          <button type="button" class="link" onClick={() => setError(null)}>
            Dismiss
          </button>
        </p>
      )}
      {view.kind === 'article' ? (
        <ArticlePage
          id={view.id}
          highlightId={view.highlightId}
          connector={connector}
          settings={settings}
          onSettings={changeSettings}
          article={reading}
          nextUnread={nextUnread(view.id)}
          onOpen={(id) => openArticle(id)}
          onSettingsPanel={() => setDialog(dialog?.kind === 'settings' ? null : { kind: 'settings' })}
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
          parsed={parsed}
          searching={searching}
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
          setTag={setTag}
          setSite={setSite}
          setTime={setTime}
          setSort={setSortChoice}
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
      {toast && (
        <div class="toast" role="status" data-testid="undo-toast">
          <span>{toast.message}</span>
          {toast.undo && (
            <button type="button" onClick={undoNow}>
              Undo
            </button>
          )}
        </div>
      )}
      {dialog?.kind === 'shortcuts' && <ShortcutsHelp onClose={() => setDialog(null)} />}
      {dialog?.kind === 'import-export' && (
        <ImportExportPanel
          connector={connector}
          file={dialog.file}
          onClose={() => setDialog(null)}
          libraryEmpty={articles !== null && articles.length === 0}
          runs={importRuns}
          onImported={(r) => setImportRuns((rs) => [...rs, r])}
        />
      )}
      {dialog?.kind === 'storage' && connector.storage && <StoragePanel storage={connector.storage} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'tags' && dialogTargets.length > 0 && (
        <TagDialog
          count={dialogTargets.length}
          tags={dialogTargets[0].tags}
          candidates={dialogTargets[0].tagCandidates ?? []}
          allTags={facetLists.tags.map(([t]) => t)}
          onSet={(tags) =>
            void run('save the tags', () => (connector.setTags ? connector.setTags(dialogTargets[0].id, tags) : Promise.resolve()))
          }
          onAdd={(t) =>
            void addTag(
              dialogTargets.map((a) => a.id),
              t,
            )
          }
          onRemove={(t) =>
            void removeTag(
              dialogTargets.map((a) => a.id),
              t,
            )
          }
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
