import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import { DEFAULT_SETTINGS, effectiveTheme, type ReaderSettings } from '../../lib/reader/settings';
import { parseQuery, hasText } from '../../lib/search/query';
import { facets, isInProgress, listArticles, type SortKey, type StatusView } from '../../lib/search/list-query';
import type { LibraryConnector, StorageInfo } from './library-connector';
import { ReaderSettingsPanel } from './reader-settings';
import { ShortcutsHelp, TagDialog } from './dialogs';
import { ImportExportPanel } from './import-export-panel';
import { useFileDrop } from './import-drop';
import { describeError } from './errors';
import { ArticlePage } from './article-page';
import { ListPage } from './list-page';
import { articleActions } from './bulk-actions';
import { keyCommand, readKeyPress, type KeyCommand } from './keymap';
import { TopbarMenu } from './topbar-menu';
import type { ImportRun } from './library-connector';

// The library page: loads the articles, routes between the list and the reader (#article/<id>), and
// owns what both share (selection, undo toast, dialogs, reader settings, keyboard).

type View = { kind: 'list' } | { kind: 'article'; id: number };
type Dialog =
  null | { kind: 'shortcuts' } | { kind: 'settings' } | { kind: 'import-export'; file?: File } | { kind: 'tags'; ids: number[] };
interface Toast {
  message: string;
  undo?: () => Promise<void>;
  timer: number;
}

function parseHash(hash: string): View {
  const m = /^#article\/(\d+)$/.exec(hash);
  return m ? { kind: 'article', id: Number(m[1]) } : { kind: 'list' };
}

const UNDO_MS = 8000;
const DEFAULT_SHORTCUT = 'Alt+Shift+S';
const PAGE_TITLE = 'Gist library';
const FIRST_PAGE = 60;

export function Library({ connector }: { connector: LibraryConnector }) {
  const [articles, setArticles] = useState<ArticleRecord[] | null>(null);
  const [firstPage, setFirstPage] = useState<ArticleRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>(() => parseHash(location.hash));
  const [statusView, setStatusView] = useState<StatusView>('unread');
  const [tag, setTag] = useState<string>('');
  const [site, setSite] = useState<string>('');
  const [time, setTime] = useState<string>('');
  const [sortChoice, setSortChoice] = useState<SortKey | null>(null);
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const anchor = useRef<number | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  useFileDrop((file) => setDialog({ kind: 'import-export', file }));
  const [settings, setSettings] = useState<ReaderSettings>(() => connector.settings?.load() ?? { ...DEFAULT_SETTINGS });
  const [indexTick, setIndexTick] = useState(0);
  const [storage, setStorage] = useState<StorageInfo | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
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
    let live = true;
    let off: (() => void) | null = null;
    const subscribe = () => {
      if (live)
        off = connector.subscribe(
          (list) => {
            setArticles(list);
            setError(null);
          },
          (e) => setError(describeError('open your library', e)),
        );
    };
    // The newest rows first, painted, and only then the whole library: at 10,000 articles the full read
    // would otherwise compete with the first one and hold up the first paint.
    if (connector.firstPage) {
      connector
        .firstPage(FIRST_PAGE)
        .then(
          (p) => {
            performance.mark?.('gist:first-page');
            if (live) setFirstPage(p);
          },
          () => {},
        )
        .then(() => requestAnimationFrame(() => setTimeout(subscribe, 0)));
    } else subscribe();
    return () => {
      live = false;
      off?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- subscribe once on mount: the connector never changes (main.tsx makes it once)
  }, []);
  useEffect(() => {
    if (articles && search) void search.sync(articles);
  }, [articles, search]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- listen once: `search` belongs to the connector, made once per page
  useEffect(() => search?.onChange(() => setIndexTick((t) => t + 1)), []);
  useEffect(() => {
    const onHash = () => setView(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, []);
  // Re-estimated when the count changes, not on every progress or tag write (those replace `articles`).
  const articleCount = articles?.length;
  const storageApi = connector.storage;
  useEffect(() => {
    // After the list: estimate() walks the origin's storage and must not delay the first rows.
    if (!storageApi || articleCount === undefined) return;
    let live = true;
    storageApi
      .persist()
      .catch(() => false)
      .then(() => storageApi.info())
      .then(
        (i) => live && setStorage(i),
        () => {},
      );
    return () => {
      live = false;
    };
  }, [articleCount, storageApi]);

  // ---- theme (before paint: no flash of the wrong colours) ----
  useLayoutEffect(() => {
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = effectiveTheme(settings.theme, !!mq?.matches);
    };
    apply();
    mq?.addEventListener?.('change', apply);
    return () => mq?.removeEventListener?.('change', apply);
  }, [settings.theme]);
  const changeSettings = (s: ReaderSettings) => {
    setSettings(s);
    connector.settings?.save(s);
  };

  // ---- the list ----
  const parsed = useMemo(() => parseQuery(query), [query]);
  const searching = hasText(parsed);
  const sort: SortKey = sortChoice === 'relevance' && !searching ? 'newest' : (sortChoice ?? (searching ? 'relevance' : 'newest'));
  const source = articles ?? firstPage;
  const indexReady = !!search?.state.ready && !!search.index;
  const result = useMemo(
    () =>
      listArticles(
        source ?? [],
        { view: statusView, tag: tag || null, site: site || null, time: time || null, sort, wpm: settings.wpm, query: parsed },
        indexReady ? search!.index : null,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- indexTick is not read: the index changes in place and its ticks say when to recompute
    [source, statusView, tag, site, time, sort, settings.wpm, parsed, search, indexReady, indexTick],
  );
  const shown = result.items;

  const counts = useMemo(() => {
    const c: Record<StatusView, number> = { unread: 0, inprogress: 0, favorite: 0, archived: 0, all: 0 };
    for (const a of articles ?? []) {
      c.all++;
      if (a.status === 'unread') c.unread++;
      else c.archived++;
      if (a.favorite === 1) c.favorite++;
      if (isInProgress(a)) c.inprogress++;
    }
    return c;
  }, [articles]);
  const facetLists = useMemo(() => facets(articles ?? []), [articles]);

  useEffect(() => {
    setCursor((c) => Math.min(Math.max(0, c), Math.max(0, shown.length - 1)));
  }, [shown.length]);
  useEffect(() => {
    setCursor(0);
    window.scrollTo({ top: 0 });
  }, [query, statusView, tag, site, time, sort]);
  // Selection is of visible articles: drop ids that left the library.
  useEffect(() => {
    if (!articles) return;
    const ids = new Set(articles.map((a) => a.id));
    setSelected((sel) => {
      if (!sel.size) return sel;
      const next = new Set([...sel].filter((id) => ids.has(id)));
      return next.size !== sel.size ? next : sel;
    });
  }, [articles]);

  // ---- actions ----
  const go = (v: View) => {
    const h = v.kind === 'article' ? `#article/${v.id}` : '';
    if (location.hash !== h) history.pushState(null, '', h || location.pathname + location.search);
    setView(v);
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
      if (view.kind === 'article') go({ kind: 'list' });
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
    onOpen: (id: number) => go({ kind: 'article', id }),
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
        setQuery('');
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
        go({ kind: 'list' });
        break;
      case 'open-original': {
        const a = view.kind === 'article' ? byId(view.id) : undefined;
        if (a) window.open(a.originalUrl, '_blank', 'noopener');
        break;
      }
      case 'scroll-down':
      case 'scroll-up':
        window.scrollBy({ top: (c === 'scroll-down' ? 1 : -1) * window.innerHeight * 0.4 });
        break;
      // Moving the cursor leaves any clicked row control, so Enter then opens the cursor row.
      case 'cursor-down':
      case 'cursor-up': {
        const a = document.activeElement as HTMLElement | null;
        if (a?.closest?.('.rows')) a.blur();
        setCursor((i) => (c === 'cursor-down' ? Math.min(shown.length - 1, i + 1) : Math.max(0, i - 1)));
        break;
      }
      case 'open':
        go({ kind: 'article', id: shown[cursor].id });
        break;
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
        setQuery('');
        setTag('');
        setSite('');
        setTime('');
        break;
    }
  };
  const keyHandler = useRef<(e: KeyboardEvent) => void>(() => {});
  keyHandler.current = (e: KeyboardEvent) => {
    const c = keyCommand(readKeyPress(e, searchBox.current), {
      view: view.kind,
      dialogOpen: !!dialog,
      hasQuery: !!query,
      filtersActive: !!(tag || site || time),
      resultCount: shown.length,
      hasCursorRow: !!shown[cursor],
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
      {view.kind === 'list' && (
        <header class="topbar">
          <a
            class="brand"
            href="#"
            onClick={(e) => {
              e.preventDefault();
              go({ kind: 'list' });
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
              aria-label="Search your library"
              title='Words match as you type. tag:x  site:x  is:unread|archived|favorite|inprogress  time:<10  "a phrase"  -word  -tag:x exclude'
              placeholder="Search"
              spellcheck={false}
              autocomplete="off"
              onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
            />
            <kbd class="search-hint" aria-hidden="true">
              /
            </kbd>
          </div>
          <div class="topbar-actions">
            <button
              type="button"
              class="secondary wide-only"
              data-testid="import-export"
              onClick={() => setDialog({ kind: 'import-export' })}
            >
              Import / Export
            </button>
            <button
              type="button"
              class="secondary"
              aria-label="Reading settings"
              title="Reading settings"
              data-testid="settings-button"
              onClick={() => setDialog(dialog?.kind === 'settings' ? null : { kind: 'settings' })}
            >
              Aa
            </button>
            <button
              type="button"
              class="secondary wide-only"
              aria-label="Keyboard shortcuts"
              title="Keyboard shortcuts (?)"
              onClick={() => setDialog({ kind: 'shortcuts' })}
            >
              ?
            </button>
            <TopbarMenu onImportExport={() => setDialog({ kind: 'import-export' })} onShortcuts={() => setDialog({ kind: 'shortcuts' })} />
          </div>
        </header>
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
          connector={connector}
          settings={settings}
          onSettings={changeSettings}
          article={reading}
          nextUnread={nextUnread(view.id)}
          onOpen={(id) => go({ kind: 'article', id })}
          onSettingsPanel={() => setDialog(dialog?.kind === 'settings' ? null : { kind: 'settings' })}
          onBack={() => go({ kind: 'list' })}
          onArchive={(a) => void archive([a])}
          onFavorite={(a) => void favorite([a])}
          onDelete={(a) => void remove([a])}
          onTags={(a) => setDialog({ kind: 'tags', ids: [a.id] })}
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
          setStatusView={setStatusView}
          counts={counts}
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
