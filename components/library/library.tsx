import { useEffect, useState } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import type { ArticleSnapshot } from '../../lib/db/articles';
import type { LibraryConnector, ReadableArticle } from './library-connector';
import { ArticleRow } from './article-row';
import { ReaderView } from './reader-view';

type View = { kind: 'list' } | { kind: 'article'; id: number };
type Filter = 'unread' | 'archived' | 'favorite' | 'all';

function parseHash(hash: string): View {
  const m = /^#article\/(\d+)$/.exec(hash);
  return m ? { kind: 'article', id: Number(m[1]) } : { kind: 'list' };
}

const UNDO_MS = 8000;

export function Library({ connector }: { connector: LibraryConnector }) {
  const [articles, setArticles] = useState<ArticleRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>(() => parseHash(location.hash));
  const [filter, setFilter] = useState<Filter>('unread');
  const [undo, setUndo] = useState<{ snapshot: ArticleSnapshot; timer: number } | null>(null);

  useEffect(() => connector.subscribe(setArticles, (e) => setError(`Could not open your library: ${e instanceof Error ? e.message : String(e)}`)), []);
  useEffect(() => {
    const onHash = () => setView(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const go = (v: View) => { location.hash = v.kind === 'article' ? `article/${v.id}` : ''; setView(v); };

  const remove = async (a: ArticleRecord) => {
    const snapshot = await connector.remove(a.id);
    if (!snapshot) return;
    if (undo) clearTimeout(undo.timer);
    setUndo({ snapshot, timer: window.setTimeout(() => setUndo(null), UNDO_MS) });
    if (view.kind === 'article') go({ kind: 'list' });
  };
  const actions = {
    onOpen: (id: number) => go({ kind: 'article', id }),
    onArchive: (a: ArticleRecord) => void connector.setStatus(a.id, a.status === 'archived' ? 'unread' : 'archived'),
    onFavorite: (a: ArticleRecord) => void connector.setFavorite(a.id, a.favorite !== 1),
    onDelete: (a: ArticleRecord) => void remove(a),
  };

  const shown = (articles ?? []).filter((a) =>
    filter === 'all' ? true : filter === 'favorite' ? a.favorite === 1 : a.status === filter);

  return (
    <div class="library">
      <header class="topbar">
        <a class="brand" href="#" onClick={(e) => { e.preventDefault(); go({ kind: 'list' }); }}>Gist</a>
        {view.kind === 'list' && (
          <nav class="filters" aria-label="Filter">
            {(['unread', 'favorite', 'archived', 'all'] as Filter[]).map((f) => (
              <button type="button" key={f} class={f === filter ? '' : 'secondary'} aria-pressed={f === filter} onClick={() => setFilter(f)}>
                {f[0].toUpperCase() + f.slice(1)}
              </button>
            ))}
          </nav>
        )}
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      {view.kind === 'article' ? (
        <ArticlePage id={view.id} connector={connector} onBack={() => go({ kind: 'list' })} article={articles?.find((a) => a.id === view.id)} actions={actions} />
      ) : articles === null ? (
        !error && <p class="muted" role="status">Loading…</p>
      ) : shown.length === 0 ? (
        <p class="empty muted" data-testid="empty">
          {articles.length === 0 ? 'Nothing saved yet. Click the Gist button on any article to save it here.' : 'Nothing in this view.'}
        </p>
      ) : (
        <ul class="rows" data-testid="article-list">
          {shown.map((a) => <ArticleRow key={a.id} article={a} {...actions} />)}
        </ul>
      )}
      {undo && (
        <div class="toast" role="status" data-testid="undo-toast">
          Deleted “{undo.snapshot.article.title}”.
          <button type="button" onClick={() => { clearTimeout(undo.timer); setUndo(null); void connector.restore(undo.snapshot); }}>Undo</button>
        </div>
      )}
    </div>
  );
}

function ArticlePage({ id, connector, onBack, article, actions }: {
  id: number;
  connector: LibraryConnector;
  onBack(): void;
  article: ArticleRecord | undefined;
  actions: { onArchive(a: ArticleRecord): void; onFavorite(a: ArticleRecord): void; onDelete(a: ArticleRecord): void };
}) {
  const [item, setItem] = useState<ReadableArticle | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    connector.readable(id).then((r) => live && setItem(r ?? null), () => live && setItem(null));
    return () => { live = false; };
  }, [id]);
  if (item === undefined) return <p class="muted" role="status">Opening…</p>;
  if (item === null) return <p class="error">This article is no longer in your library. <button type="button" onClick={onBack}>Back</button></p>;
  const a = article ?? item.article;
  return (
    <div class="reader-page">
      <div class="reader-toolbar">
        <button type="button" class="secondary" onClick={onBack}>← Library</button>
        <button type="button" class="secondary" aria-pressed={a.favorite === 1} onClick={() => actions.onFavorite(a)}>{a.favorite ? '★ Favorite' : '☆ Favorite'}</button>
        <button type="button" class="secondary" onClick={() => actions.onArchive(a)}>{a.status === 'archived' ? 'Unarchive' : 'Archive'}</button>
        <button type="button" class="secondary" onClick={() => actions.onDelete(a)}>Delete</button>
      </div>
      <ReaderView item={item} />
    </div>
  );
}
