import type { ArticleRecord } from '../../lib/db/schema';
import { formatMinutes } from '../../lib/reading-time/index';
import { isInProgress, siteOf } from '../../lib/search/list-query';

export const ROW_HEIGHT = 76;

export interface ArticleRowProps {
  article: ArticleRecord;
  minutes: number;
  index: number;
  cursor: boolean;
  selected: boolean;
  onOpen(id: number): void;
  onArchive(a: ArticleRecord): void;
  onFavorite(a: ArticleRecord): void;
  onDelete(a: ArticleRecord): void;
  /** shift: extend the selection from the last toggled row. */
  onSelect(index: number, shift: boolean): void;
  onCursor(index: number): void;
}

const dateFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

export function ArticleRow({ article: a, minutes, index, cursor, selected, onOpen, onArchive, onFavorite, onDelete, onSelect, onCursor }: ArticleRowProps) {
  const progress = isInProgress(a) ? a.progress : 0;
  return (
    <li
      class={`row${cursor ? ' cursor' : ''}${selected ? ' selected' : ''}`}
      style={{ height: `${ROW_HEIGHT}px` }}
      data-testid="article-row"
      data-id={a.id}
      data-status={a.status}
      aria-current={cursor ? 'true' : undefined}
      onMouseDown={() => onCursor(index)}
    >
      <input
        type="checkbox"
        class="row-check"
        checked={selected}
        aria-label={`Select “${a.title}”`}
        onClick={(e) => { e.stopPropagation(); onSelect(index, (e as MouseEvent).shiftKey); }}
      />
      <a class="row-main" href={`#article/${a.id}`} onClick={(e) => { e.preventDefault(); onOpen(a.id); }}>
        <span class="row-title">
          {a.favorite === 1 && <span class="row-star" aria-label="Favorite">★ </span>}
          {a.title}
        </span>
        <span class="row-meta">
          <span class="row-site">{siteOf(a)}</span>
          <span data-testid="row-minutes">{formatMinutes(minutes)}</span>
          <time dateTime={new Date(a.savedAt).toISOString()}>{dateFmt.format(a.savedAt)}</time>
          {a.status === 'archived' && <span class="pill">Archived</span>}
          {a.contentState !== 'full' && <span class="pill">Link only</span>}
          {a.tags.map((t) => <span class="tag" key={t}>{t}</span>)}
        </span>
        {progress > 0 && (
          <span class="row-progress" role="progressbar" aria-label="Read" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)}>
            <span style={{ width: `${Math.round(progress * 100)}%` }} />
          </span>
        )}
      </a>
      <span class="row-actions">
        <button type="button" class="icon" aria-pressed={a.favorite === 1} title={a.favorite ? 'Unfavorite (s)' : 'Favorite (s)'} aria-label={a.favorite ? 'Unfavorite' : 'Favorite'} onClick={() => onFavorite(a)}>
          {a.favorite ? '★' : '☆'}
        </button>
        <button type="button" class="icon" title={a.status === 'archived' ? 'Move to unread (e)' : 'Archive (e)'} aria-label={a.status === 'archived' ? 'Move to unread' : 'Archive'} onClick={() => onArchive(a)}>
          {a.status === 'archived' ? '↺' : '✓'}
        </button>
        <button type="button" class="icon danger" title="Delete (#)" aria-label="Delete" data-testid="delete" onClick={() => onDelete(a)}>🗑</button>
      </span>
    </li>
  );
}
