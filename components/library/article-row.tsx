import type { ArticleRecord } from '../../lib/db/schema';

export interface ArticleRowProps {
  article: ArticleRecord;
  onOpen(id: number): void;
  onArchive(a: ArticleRecord): void;
  onFavorite(a: ArticleRecord): void;
  onDelete(a: ArticleRecord): void;
}

export function ArticleRow({ article: a, onOpen, onArchive, onFavorite, onDelete }: ArticleRowProps) {
  return (
    <li class="row" data-testid="article-row" data-id={a.id} data-status={a.status}>
      <a class="row-main" href={`#article/${a.id}`} onClick={(e) => { e.preventDefault(); onOpen(a.id); }}>
        <span class="row-title">{a.title}</span>
        <span class="row-meta muted">
          <span>{a.siteName ?? new URL(a.url).hostname}</span>
          <span>{a.readingMinutes} min</span>
          <time dateTime={new Date(a.savedAt).toISOString()}>{new Date(a.savedAt).toLocaleDateString()}</time>
          {a.tags.map((t) => <span class="tag" key={t}>{t}</span>)}
        </span>
      </a>
      <span class="row-actions">
        <button type="button" class="icon" aria-pressed={a.favorite === 1} title={a.favorite ? 'Unfavorite' : 'Favorite'} onClick={() => onFavorite(a)}>
          {a.favorite ? '★' : '☆'}
        </button>
        <button type="button" class="icon" title={a.status === 'archived' ? 'Move to unread' : 'Archive'} onClick={() => onArchive(a)}>
          {a.status === 'archived' ? '↺' : '✓'}
        </button>
        <button type="button" class="icon danger" title="Delete" data-testid="delete" onClick={() => onDelete(a)}>🗑</button>
      </span>
    </li>
  );
}
