import type { ArticleRecord } from '../../lib/db/schema';
import { formatMinutes } from '../../lib/reading-time/index';
import { displaySite, isInProgress } from '../../lib/search/list-query';

export const ROW_HEIGHT = 76;
/** Tags beyond these show as "+n" (the row's single line clips what does not fit anyway). */
const MAX_TAGS = 12;

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
          <span class="row-site">{displaySite(a)}</span>
          <span data-testid="row-minutes">{formatMinutes(minutes)}</span>
          <time dateTime={new Date(a.savedAt).toISOString()}>{dateFmt.format(a.savedAt)}</time>
          {a.status === 'archived' && <span class="pill">Archived</span>}
          {a.contentState !== 'full' && <span class="pill">Link only</span>}
          {a.tags.slice(0, MAX_TAGS).map((t) => <span class="tag" key={t}>{t}</span>)}
          {a.tags.length > MAX_TAGS && <span class="more-tags">+{a.tags.length - MAX_TAGS}</span>}
        </span>
        {progress > 0 && (
          <span class="row-progress" role="progressbar" aria-label="Read" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)}>
            <span style={{ width: `${Math.round(progress * 100)}%` }} />
          </span>
        )}
      </a>
      <span class="row-actions">
        <button type="button" class="icon" aria-pressed={a.favorite === 1} title={a.favorite ? 'Unfavorite (s)' : 'Favorite (s)'} aria-label={a.favorite ? 'Unfavorite' : 'Favorite'} onClick={() => onFavorite(a)}>
          <Icon d={STAR} filled={a.favorite === 1} />
        </button>
        <button type="button" class="icon" title={a.status === 'archived' ? 'Move to unread (e)' : 'Archive (e)'} aria-label={a.status === 'archived' ? 'Move to unread' : 'Archive'} onClick={() => onArchive(a)}>
          <Icon d={a.status === 'archived' ? UNARCHIVE : ARCHIVE} />
        </button>
        <button type="button" class="icon danger" title="Delete (#)" aria-label="Delete" data-testid="delete" onClick={() => onDelete(a)}><Icon d={TRASH} /></button>
      </span>
    </li>
  );
}

// 20×20 stroke icons (no icon font: the page must render the same offline and without emoji fonts).
const STAR = 'M10 2.5l2.3 4.8 5.2.7-3.8 3.6.9 5.2L10 14.3l-4.6 2.5.9-5.2L2.5 8l5.2-.7z';
const ARCHIVE = 'M3 5h14v3H3zM4.5 8v8h11V8M8 11h4';
const UNARCHIVE = 'M4 10a6 6 0 1 0 2-4.5M4 3v3.5h3.5';
const TRASH = 'M4 6h12M8 6V4h4v2M5.5 6l.8 10h7.4l.8-10M8.5 9v5M11.5 9v5';

function Icon({ d, filled }: { d: string; filled?: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" fill={filled ? 'currentColor' : 'none'} stroke="currentColor"
      stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" class={filled ? 'star-on' : undefined}>
      <path d={d} />
    </svg>
  );
}
