import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Component } from 'preact';
import type { ArticleRecord } from '../../lib/db/schema';
import type { ArticleSnapshot } from '../../lib/db/articles';
import { DEFAULT_SETTINGS, effectiveTheme, type ReaderSettings } from '../../lib/reader/settings';
import { parseQuery, hasText } from '../../lib/search/query';
import { facets, isInProgress, listArticles, minutesAt, TIME_BUCKETS, type SortKey, type StatusView } from '../../lib/search/list-query';
import type { LibraryConnector, ReadableArticle, StorageInfo } from './library-connector';
import { ArticleRow, ROW_HEIGHT } from './article-row';
import { ReaderView } from './reader-view';
import { ReaderSettingsPanel } from './reader-settings';
import { ReadAloud } from './read-aloud';
import { VirtualList } from './virtual-list';
import { ShortcutsHelp, TagDialog } from './dialogs';
import { ImportExportPanel } from './import-export-panel';
import { useFileDrop } from './import-drop';
import { describeError, formatBytes } from './errors';

type View = { kind: 'list' } | { kind: 'article'; id: number };
type Dialog = null | { kind: 'shortcuts' } | { kind: 'settings' } | { kind: 'import-export'; file?: File } | { kind: 'tags'; ids: number[] };
interface Toast { message: string; undo?: () => Promise<void>; timer: number }

function parseHash(hash: string): View {
  const m = /^#article\/(\d+)$/.exec(hash);
  return m ? { kind: 'article', id: Number(m[1]) } : { kind: 'list' };
}

const UNDO_MS = 8000;
const FIRST_PAGE = 60;
const VIEWS: [StatusView, string][] = [['unread', 'Unread'], ['inprogress', 'In progress'], ['favorite', 'Favorites'], ['archived', 'Archived'], ['all', 'All']];
const SORTS: [SortKey, string][] = [['relevance', 'Best match'], ['newest', 'Newest'], ['oldest', 'Oldest'], ['shortest', 'Shortest'], ['longest', 'Longest'], ['title', 'Title A–Z']];

const isTyping = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
};

const plural = (n: number, one: string) => `${n.toLocaleString()} ${one}${n === 1 ? '' : 's'}`;

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

  // ---- data ----
  useEffect(() => {
    let live = true;
    let off: (() => void) | null = null;
    const subscribe = () => {
      if (live) off = connector.subscribe((list) => { setArticles(list); setError(null); }, (e) => setError(describeError('open your library', e)));
    };
    // The newest rows first, painted, and only then the whole library: at 10,000 articles the full read
    // would otherwise compete with the first one and hold up the first paint.
    if (connector.firstPage) {
      connector.firstPage(FIRST_PAGE).then((p) => { performance.mark?.('gist:first-page'); if (live) setFirstPage(p); }, () => {})
        .then(() => requestAnimationFrame(() => setTimeout(subscribe, 0)));
    } else subscribe();
    return () => { live = false; off?.(); };
  }, []);
  useEffect(() => { if (articles && search) void search.sync(articles); }, [articles]);
  useEffect(() => search?.onChange(() => setIndexTick((t) => t + 1)), []);
  useEffect(() => {
    const onHash = () => setView(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => { window.removeEventListener('hashchange', onHash); window.removeEventListener('popstate', onHash); };
  }, []);
  useEffect(() => {
    // After the list: estimate() walks the origin's storage and must not delay the first rows.
    if (!connector.storage || articles === null) return;
    let live = true;
    connector.storage.persist().catch(() => false).then(() => connector.storage!.info()).then((i) => live && setStorage(i), () => {});
    return () => { live = false; };
  }, [articles?.length]);

  // ---- theme (before paint: no flash of the wrong colours) ----
  useLayoutEffect(() => {
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => { document.documentElement.dataset.theme = effectiveTheme(settings.theme, !!mq?.matches); };
    apply();
    mq?.addEventListener?.('change', apply);
    return () => mq?.removeEventListener?.('change', apply);
  }, [settings.theme]);
  const changeSettings = (s: ReaderSettings) => { setSettings(s); connector.settings?.save(s); };

  // ---- the list ----
  const parsed = useMemo(() => parseQuery(query), [query]);
  const searching = hasText(parsed);
  const sort: SortKey = sortChoice === 'relevance' && !searching ? 'newest' : sortChoice ?? (searching ? 'relevance' : 'newest');
  const source = articles ?? firstPage;
  const indexReady = !!search?.state.ready && !!search.index;
  const result = useMemo(
    () => listArticles(source ?? [], { view: statusView, tag: tag || null, site: site || null, time: time || null, sort, wpm: settings.wpm, query: parsed },
      indexReady ? search!.index : null),
    [source, statusView, tag, site, time, sort, settings.wpm, parsed, indexReady, indexTick],
  );
  const shown = result.items;

  const counts = useMemo(() => {
    const c: Record<StatusView, number> = { unread: 0, inprogress: 0, favorite: 0, archived: 0, all: 0 };
    for (const a of articles ?? []) {
      c.all++;
      if (a.status === 'unread') c.unread++; else c.archived++;
      if (a.favorite === 1) c.favorite++;
      if (isInProgress(a)) c.inprogress++;
    }
    return c;
  }, [articles]);
  const facetLists = useMemo(() => facets(articles ?? []), [articles]);

  useEffect(() => { setCursor((c) => Math.min(Math.max(0, c), Math.max(0, shown.length - 1))); }, [shown.length]);
  useEffect(() => { setCursor(0); window.scrollTo({ top: 0 }); }, [query, statusView, tag, site, time, sort]);
  // Selection is of visible articles: drop ids that left the library.
  useEffect(() => {
    if (!articles || !selected.size) return;
    const ids = new Set(articles.map((a) => a.id));
    const next = new Set([...selected].filter((id) => ids.has(id)));
    if (next.size !== selected.size) setSelected(next);
  }, [articles]);

  // ---- actions ----
  const go = (v: View) => {
    const h = v.kind === 'article' ? `#article/${v.id}` : '';
    if (location.hash !== h) history.pushState(null, '', h || location.pathname + location.search);
    setView(v);
  };
  const run = async <T,>(action: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try { return await fn(); } catch (e) { setError(describeError(action, e)); return undefined; }
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
  const titleOf = (a: ArticleRecord) => `“${a.title.length > 60 ? `${a.title.slice(0, 57)}…` : a.title}”`;

  const archive = async (list: ArticleRecord[]) => {
    if (!list.length) return;
    const to = list.every((a) => a.status === 'archived') ? 'unread' : 'archived';
    if (list.length === 1 || !connector.bulk) {
      const prev = list.map((a) => [a.id, a.status] as const);
      await run('change the article', () => Promise.all(list.map((a) => connector.setStatus(a.id, to))));
      notify(to === 'archived' ? `Archived ${list.length === 1 ? titleOf(list[0]) : plural(list.length, 'article')}.` : `Moved ${list.length === 1 ? titleOf(list[0]) : plural(list.length, 'article')} to unread.`,
        async () => { await Promise.all(prev.map(([id, s]) => connector.setStatus(id, s))); });
    } else {
      const prev = await run('archive the articles', () => connector.bulk!.setStatus(list.map((a) => a.id), to));
      if (prev) notify(`${to === 'archived' ? 'Archived' : 'Moved to unread'} ${plural(prev.size, 'article')}.`, () => connector.bulk!.restoreValues(prev));
    }
  };
  const favorite = async (list: ArticleRecord[]) => {
    if (!list.length) return;
    const to = !list.every((a) => a.favorite === 1);
    if (list.length > 1 && connector.bulk) await run('change favorites', () => connector.bulk!.setFavorite(list.map((a) => a.id), to));
    else await run('change the article', () => Promise.all(list.map((a) => connector.setFavorite(a.id, to))));
  };
  const remove = async (list: ArticleRecord[]) => {
    if (!list.length) return;
    let snaps: ArticleSnapshot[] | undefined;
    if (list.length > 1 && connector.bulk) snaps = await run('delete the articles', () => connector.bulk!.remove(list.map((a) => a.id)));
    else snaps = (await run('delete the article', () => Promise.all(list.map((a) => connector.remove(a.id)))))?.filter((s): s is ArticleSnapshot => !!s);
    if (!snaps?.length) return;
    const s = snaps;
    setSelected(new Set());
    notify(s.length === 1 ? `Deleted ${titleOf(s[0].article)}.` : `Deleted ${plural(s.length, 'article')}.`,
      async () => { if (connector.bulk && s.length > 1) await connector.bulk.restore(s); else for (const x of s) await connector.restore(x); });
    if (view.kind === 'article') go({ kind: 'list' });
  };
  const addTag = async (ids: number[], t: string) => {
    const prev = await run('add the tag', () => connector.bulk!.addTag(ids, t));
    if (prev) notify(`Tagged ${plural(prev.size, 'article')} “${t}”.`, () => connector.bulk!.restoreValues(prev));
  };
  const removeTag = async (ids: number[], t: string) => {
    const prev = await run('remove the tag', () => connector.bulk!.removeTag(ids, t));
    if (prev) notify(`Removed “${t}” from ${plural(prev.size, 'article')}.`, () => connector.bulk!.restoreValues(prev));
  };

  const targets = (): ArticleRecord[] => {
    if (view.kind === 'article') { const a = byId(view.id); return a ? [a] : []; }
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
      for (let i = a; i <= b; i++) { const x = shown[i]?.id; if (x !== undefined) { if (on) next.add(x); else next.delete(x); } }
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
  };

  // ---- keyboard ----
  const keyHandler = useRef<(e: KeyboardEvent) => void>(() => {});
  keyHandler.current = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e.target)) {
      if (e.key === 'Escape' && e.target === searchBox.current) {
        if (query) setQuery(''); else searchBox.current?.blur();
        e.preventDefault();
      } else if ((e.key === 'ArrowDown' || e.key === 'Enter') && e.target === searchBox.current && shown.length) {
        // From the search box straight into the results.
        e.preventDefault();
        searchBox.current?.blur();
        if (e.key === 'Enter') setCursor(0);
      }
      return;
    }
    // Dialogs close on Escape wherever the focus is (the dialog's own handler covers its inputs).
    if (dialog) {
      if (e.key === 'Escape') { e.preventDefault(); setDialog(null); }
      return;
    }
    const k = e.key;
    // Enter and Space on a focused link or button do what that control does.
    const tag = (e.target as HTMLElement | null)?.tagName;
    if ((k === 'Enter' || k === ' ') && (tag === 'BUTTON' || tag === 'A')) return;
    const handled = () => e.preventDefault();
    if (k === '?') { handled(); setDialog({ kind: 'shortcuts' }); return; }
    if (k === 'z') { handled(); undoNow(); return; }
    if (view.kind === 'article') {
      if (k === 'Escape' || k === 'u') { handled(); go({ kind: 'list' }); }
      else if (k === 'e') { handled(); void archive(targets()); }
      else if (k === 's') { handled(); void favorite(targets()); }
      else if (k === '#') { handled(); void remove(targets()); }
      else if (k === 't') { handled(); setDialog({ kind: 'tags', ids: targets().map((a) => a.id) }); }
      else if (k === 'o') { const a = byId(view.id); if (a) { handled(); window.open(a.originalUrl, '_blank', 'noopener'); } }
      else if (k === 'j' || k === 'k') { handled(); window.scrollBy({ top: (k === 'j' ? 1 : -1) * window.innerHeight * 0.4 }); }
      return;
    }
    // Moving the cursor leaves any clicked row control, so Enter then opens the cursor row.
    const leaveRow = () => { const a = document.activeElement as HTMLElement | null; if (a?.closest?.('.rows')) a.blur(); };
    switch (k) {
      case 'j': case 'ArrowDown': handled(); leaveRow(); setCursor((c) => Math.min(shown.length - 1, c + 1)); break;
      case 'k': case 'ArrowUp': handled(); leaveRow(); setCursor((c) => Math.max(0, c - 1)); break;
      case 'o': case 'Enter': if (shown[cursor]) { handled(); go({ kind: 'article', id: shown[cursor].id }); } break;
      case 'e': handled(); void archive(targets()); break;
      case 's': handled(); void favorite(targets()); break;
      case '#': handled(); void remove(targets()); break;
      case 't': { const ids = targets().map((a) => a.id); if (ids.length) { handled(); setDialog({ kind: 'tags', ids }); } break; }
      case 'x': handled(); toggleSelect(cursor, e.shiftKey); break;
      case '/': handled(); searchBox.current?.focus(); searchBox.current?.select(); break;
      case 'Escape': case 'u':
        if (selected.size) { handled(); setSelected(new Set()); }
        else if (query || tag || site || time) { handled(); setQuery(''); setTag(''); setSite(''); setTime(''); }
        break;
    }
  };
  useEffect(() => {
    const h = (e: KeyboardEvent) => keyHandler.current(e);
    document.addEventListener('keydown', h);
    return () => document.removeEventListener('keydown', h);
  }, []);

  // ---- render ----
  const loading = articles === null && firstPage === null;
  const dialogTargets = dialog?.kind === 'tags' ? dialog.ids.map(byId).filter((a): a is ArticleRecord => !!a) : [];
  const filtersActive = !!(tag || site || time);
  return (
    <div class={`library${view.kind === 'article' ? ' reading' : ''}`}>
      <header class="topbar">
        <a class="brand" href="#" onClick={(e) => { e.preventDefault(); go({ kind: 'list' }); }}>Gist</a>
        {view.kind === 'list' && (
          <div class="search">
            <input ref={searchBox} type="search" value={query} data-testid="search" aria-label="Search your library"
              placeholder="Search titles, text, sites, tags   tag:  site:  is:  time:<10" spellcheck={false} autocomplete="off"
              onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
            <kbd class="search-hint" aria-hidden="true">/</kbd>
          </div>
        )}
        <div class="topbar-actions">
          <button type="button" class="secondary" data-testid="import-export" onClick={() => setDialog({ kind: 'import-export' })}>Import / Export</button>
          <button type="button" class="secondary" aria-label="Reading settings" title="Reading settings" data-testid="settings-button" onClick={() => setDialog(dialog?.kind === 'settings' ? null : { kind: 'settings' })}>Aa</button>
          <button type="button" class="secondary" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setDialog({ kind: 'shortcuts' })}>?</button>
        </div>
      </header>
      {dialog?.kind === 'settings' && <ReaderSettingsPanel settings={settings} onChange={changeSettings} onClose={() => setDialog(null)} />}
      {error && <p class="error banner" role="alert">{error} <button type="button" class="link" onClick={() => setError(null)}>Dismiss</button></p>}
      {view.kind === 'article' ? (
        <ArticlePage id={view.id} connector={connector} settings={settings} onSettings={changeSettings} article={byId(view.id)}
          onSettingsPanel={() => setDialog(dialog?.kind === 'settings' ? null : { kind: 'settings' })}
          onBack={() => go({ kind: 'list' })}
          onArchive={(a) => void archive([a])} onFavorite={(a) => void favorite([a])} onDelete={(a) => void remove([a])}
          onTags={(a) => setDialog({ kind: 'tags', ids: [a.id] })} />
      ) : (
        <main class="list-page">
          <div class="filterbar">
            <nav class="views" aria-label="Show">
              {VIEWS.map(([v, label]) => (
                <button type="button" key={v} class="view-tab" aria-pressed={v === statusView && !(searching || parsed.is.length)} data-testid={`view-${v}`} onClick={() => setStatusView(v)}>
                  {label}{articles && <span class="count">{counts[v].toLocaleString()}</span>}
                </button>
              ))}
            </nav>
            <Facets tags={facetLists.tags} sites={facetLists.sites} tag={tag} site={site} time={time} sort={sort} searching={searching}
              setTag={setTag} setSite={setSite} setTime={setTime} setSort={setSortChoice} />
          </div>
          {selected.size > 0 && (
            <div class="bulkbar" role="toolbar" aria-label="Selected articles" data-testid="bulkbar">
              <strong>{plural(selected.size, 'article')} selected</strong>
              <button type="button" class="secondary" onClick={() => void archive(targets())}>Archive</button>
              <button type="button" class="secondary" onClick={() => void favorite(targets())}>Favorite</button>
              {connector.bulk && <button type="button" class="secondary" onClick={() => setDialog({ kind: 'tags', ids: [...selected] })}>Tag…</button>}
              <button type="button" class="secondary danger" data-testid="bulk-delete" onClick={() => void remove(targets())}>Delete selected</button>
              <button type="button" class="link" onClick={() => setSelected(new Set(shown.map((a) => a.id)))}>Select all {shown.length.toLocaleString()}</button>
              <button type="button" class="link" onClick={() => setSelected(new Set())}>Clear</button>
            </div>
          )}
          <section class="list-area" data-testid="list-area" data-query={query} data-index={indexReady ? 'ready' : 'building'} data-count={shown.length}>
            {parsed.invalid.length > 0 && <p class="hint">Not understood: {parsed.invalid.join(', ')} — try is:unread, is:archived, is:favorite, is:inprogress, time:&lt;10 or time:5-15.</p>}
            {(searching || filtersActive || parsed.tags.length || parsed.sites.length || parsed.time.length || parsed.is.length) && !loading ? (
              <p class="result-count muted" role="status" data-testid="result-count">
                {plural(shown.length, 'article')}
                {searching && search && !indexReady && ` · indexing ${search.state.indexed.toLocaleString()} of ${search.state.total.toLocaleString()} (titles, sites and tags for now)`}
              </p>
            ) : null}
            {loading ? (
              !error && <p class="muted" role="status">Loading…</p>
            ) : shown.length === 0 ? (
              <p class="empty muted" data-testid="empty">
                {(articles ?? firstPage ?? []).length === 0 && articles !== null
                  ? 'Nothing saved yet. Click the Gist button on any article to save it here.'
                  : searching || filtersActive ? 'No articles match.' : statusView === 'unread' ? 'All caught up: nothing unread.' : 'Nothing in this view.'}
              </p>
            ) : (
              <VirtualList items={shown} rowHeight={ROW_HEIGHT} cursor={cursor} topInset={64} overscan={4}
                attrs={{ 'data-testid': 'article-list', 'aria-label': 'Articles' }}
                renderRow={(a, i) => (
                  <ArticleRow key={a.id} article={a} index={i} minutes={minutesAt(a, settings.wpm)} cursor={i === cursor} selected={selected.has(a.id)}
                    onSelect={toggleSelect} onCursor={setCursor} {...rowActions} />
                )} />
            )}
          </section>
          <footer class="list-foot muted">
            {articles && <span>{plural(articles.length, 'article')}</span>}
            {storage && (
              <span data-testid="storage">
                {formatBytes(storage.usage)} used{storage.persisted ? ' · kept permanently' : ' · the browser may clear it when space runs low'}
              </span>
            )}
            <span>Press <kbd>?</kbd> for shortcuts</span>
          </footer>
        </main>
      )}
      {toast && (
        <div class="toast" role="status" data-testid="undo-toast">
          <span>{toast.message}</span>
          {toast.undo && <button type="button" onClick={undoNow}>Undo</button>}
        </div>
      )}
      {dialog?.kind === 'shortcuts' && <ShortcutsHelp onClose={() => setDialog(null)} />}
      {dialog?.kind === 'import-export' && <ImportExportPanel connector={connector} file={dialog.file} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'tags' && dialogTargets.length > 0 && (
        <TagDialog count={dialogTargets.length} tags={dialogTargets[0].tags} allTags={facetLists.tags.map(([t]) => t)}
          onSet={(tags) => void run('save the tags', () => connector.setTags ? connector.setTags(dialogTargets[0].id, tags) : Promise.resolve())}
          onAdd={(t) => void addTag(dialogTargets.map((a) => a.id), t)}
          onRemove={(t) => void removeTag(dialogTargets.map((a) => a.id), t)}
          onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

function ArticlePage({ id, connector, settings, onSettings, onSettingsPanel, article, onBack, onArchive, onFavorite, onDelete, onTags }: {
  id: number;
  onSettingsPanel(): void;
  connector: LibraryConnector;
  settings: ReaderSettings;
  onSettings(s: ReaderSettings): void;
  article: ArticleRecord | undefined;
  onBack(): void;
  onArchive(a: ArticleRecord): void;
  onFavorite(a: ArticleRecord): void;
  onDelete(a: ArticleRecord): void;
  onTags(a: ArticleRecord): void;
}) {
  const [item, setItem] = useState<ReadableArticle | null | undefined>(undefined);
  const [text, setText] = useState('');
  useEffect(() => {
    let live = true;
    setItem(undefined);
    connector.readable(id).then((r) => live && setItem(r ?? null), () => live && setItem(null));
    return () => { live = false; };
  }, [id]);
  useEffect(() => { window.scrollTo({ top: 0 }); }, [id]);
  if (item === undefined) return <p class="muted" role="status">Opening…</p>;
  if (item === null) return <p class="error">This article is no longer in your library. <button type="button" onClick={onBack}>Back</button></p>;
  const a = article ?? item.article;
  return (
    <div class="reader-page">
      <div class="reader-toolbar" role="toolbar" aria-label="Article">
        <button type="button" class="secondary" onClick={onBack} title="Back (Esc)">← Library</button>
        <span class="spacer" />
        <button type="button" class="secondary" aria-pressed={a.favorite === 1} title="Favorite (s)" onClick={() => onFavorite(a)}>{a.favorite ? '★ Favorite' : '☆ Favorite'}</button>
        <button type="button" class="secondary" title="Archive (e)" onClick={() => onArchive(a)}>{a.status === 'archived' ? 'Unarchive' : 'Archive'}</button>
        {connector.setTags && <button type="button" class="secondary" title="Tags (t)" onClick={() => onTags(a)}>Tags</button>}
        <button type="button" class="secondary" title="Delete (#)" onClick={() => onDelete(a)}>Delete</button>
        <a class="button secondary" href={a.originalUrl} target="_blank" rel="noopener noreferrer" title={`Open ${a.originalUrl} (o)`} data-testid="toolbar-original">Original ↗</a>
        <button type="button" class="secondary" aria-label="Reading settings" title="Reading settings" data-testid="reader-settings-button" onClick={onSettingsPanel}>Aa</button>
      </div>
      {a.contentState !== 'full' && (
        <p class="hint">Only the link is stored for this article. <a href={a.originalUrl} target="_blank" rel="noopener noreferrer">Open it on the web</a> and save it with Gist to read it here offline.</p>
      )}
      <ReadAloud speech={connector.speech ?? null} text={text} lang={a.lang} rate={settings.speechRate} voice={settings.voice}
        onRate={(speechRate) => onSettings({ ...settings, speechRate })} onVoice={(voice) => onSettings({ ...settings, voice })} />
      <ReaderView item={item} settings={settings} minutes={minutesAt(a, settings.wpm)} onText={setText}
        onProgress={(p) => void connector.setProgress?.(a.id, p).catch(() => { /* position only; next scroll retries */ })} />
    </div>
  );
}

/** The filter menus: skip re-rendering while only the query changes (hundreds of <option>s otherwise). */
type FacetsProps = {
  tags: [string, number][];
  sites: [string, number][];
  tag: string; site: string; time: string; sort: SortKey; searching: boolean;
  setTag(v: string): void; setSite(v: string): void; setTime(v: string): void; setSort(v: SortKey): void;
};

class Facets extends Component<FacetsProps> {
  override shouldComponentUpdate(next: FacetsProps): boolean {
    return (Object.keys(next) as (keyof FacetsProps)[]).some((k) => next[k] !== this.props[k]);
  }

  override render() {
    const { tags, sites, tag, site, time, sort, searching, setTag, setSite, setTime, setSort } = this.props;
  const filtersActive = !!(tag || site || time);
  return (
            <div class="facets">
              <select aria-label="Tag" value={tag} data-testid="filter-tag" onChange={(e) => setTag((e.target as HTMLSelectElement).value)}>
                <option value="">All tags</option>
                {tags.slice(0, 300).map(([t, n]) => <option key={t} value={t}>{t} ({n})</option>)}
              </select>
              <select aria-label="Site" value={site} data-testid="filter-site" onChange={(e) => setSite((e.target as HTMLSelectElement).value)}>
                <option value="">All sites</option>
                {sites.slice(0, 300).map(([s, n]) => <option key={s} value={s}>{s} ({n})</option>)}
              </select>
              <select aria-label="Length" value={time} data-testid="filter-time" onChange={(e) => setTime((e.target as HTMLSelectElement).value)}>
                <option value="">Any length</option>
                {TIME_BUCKETS.map((b) => <option key={b.key} value={b.key}>{b.label}</option>)}
              </select>
              <select aria-label="Sort" value={sort} data-testid="sort" onChange={(e) => setSort((e.target as HTMLSelectElement).value as SortKey)}>
                {SORTS.filter(([k]) => k !== 'relevance' || searching).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
              </select>
              {filtersActive && <button type="button" class="link" onClick={() => { setTag(''); setSite(''); setTime(''); }}>Clear filters</button>}
            </div>
  );
  }
}
