import type { ArticleRecord } from '../../lib/db/schema';
import { formatMinutes } from '../../lib/reading-time/index';
import { displaySite, isInProgress } from '../../lib/search/list-query';
import { dateLabel } from '../../lib/format/dates';
import type { SnippetPart } from '../../lib/search/snippet';
import './highlights.css';
import './rows.css';
import { countOf } from '../../lib/format/count';

/** Row heights (px): one fixed height per layout keeps the virtual list exact. */
export const ROW_HEIGHT = 76;
/** Narrow screens give the title two lines. */
export const ROW_HEIGHT_NARROW = 96;
/** A search result's snippet line. */
export const SNIPPET_HEIGHT = 40;
/** Tags beyond these show as "+n" (chips that do not fit the line are hidden whole, never cut). */
const MAX_TAGS = 12;

export interface ArticleRowProps {
  article: ArticleRecord;
  /** Null when the text is not downloaded (shown as "—"). */
  minutes: number | null;
  index: number;
  cursor: boolean;
  selected: boolean;
  height: number;
  /** The matching words in context (search results); undefined while loading, null when none. */
  snippet?: SnippetPart[] | null;
  /** Its highlights and whether it has any note (its own or a highlight's). */
  marks?: { count: number; notes: boolean } | null;
  onOpen(id: number): void;
  onArchive(a: ArticleRecord): void;
  onFavorite(a: ArticleRecord): void;
  /** `at`: where the pointer was, so the list can keep it off the next row's delete button. */
  onDelete(a: ArticleRecord, at?: { x: number; y: number }): void;
  /** Filters the list by this tag. */
  onTag?(tag: string): void;
  /** shift: extend the selection from the last toggled row. */
  onSelect(index: number, shift: boolean): void;
  onCursor(index: number): void;
}

export function ArticleRow({
  article: a,
  minutes,
  index,
  cursor,
  selected,
  height,
  snippet,
  marks,
  onOpen,
  onArchive,
  onFavorite,
  onDelete,
  onTag,
  onSelect,
  onCursor,
}: ArticleRowProps) {
  const progress = isInProgress(a) ? a.progress : 0;
  const linkOnly = a.contentState !== 'full';
  return (
    <li
      class={`row${cursor ? ' cursor' : ''}${selected ? ' selected' : ''}`}
      style={{ height: `${height}px` }}
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
        onClick={(e) => {
          e.stopPropagation();
          onSelect(index, (e as MouseEvent).shiftKey);
        }}
      />
      {/* The title is the link; the rest of the row opens the article too, except its own buttons. */}
      <div
        class="row-main"
        onClick={(e) => {
          if (!(e.target as Element).closest('button, a')) onOpen(a.id);
        }}
      >
        <a
          class="row-title"
          href={`#article/${a.id}`}
          onClick={(e) => {
            e.preventDefault();
            onOpen(a.id);
          }}
        >
          {a.favorite === 1 && (
            <span class="row-star" aria-label="Favorite">
              ★{' '}
            </span>
          )}
          {a.title}
        </a>
        <span class="row-meta">
          <span class="row-site" title={displaySite(a)}>
            {displaySite(a)}
          </span>
          <span data-testid="row-minutes" title={minutes === null ? 'Not downloaded yet' : undefined}>
            {minutes === null ? '—' : formatMinutes(minutes)}
          </span>
          <time dateTime={new Date(a.savedAt).toISOString()} data-testid="row-date">
            {dateLabel('saved', a.savedAt)}
          </time>
          {marks && (marks.count > 0 || marks.notes) && <Marks {...marks} />}
          {a.status === 'archived' && <span class="pill">Archived</span>}
          {linkOnly && <span class="pill">Link only</span>}
          {a.tags.length > 0 && (
            <span class="row-tags">
              {a.tags.slice(0, MAX_TAGS).map((t) => (
                <button
                  type="button"
                  class="tag"
                  key={t}
                  title={`Show articles tagged “${t}”`}
                  data-testid="row-tag"
                  onClick={(e) => {
                    e.stopPropagation();
                    onTag?.(t);
                  }}
                >
                  {t}
                </button>
              ))}
              {a.tags.length > MAX_TAGS && <span class="more-tags">+{a.tags.length - MAX_TAGS}</span>}
            </span>
          )}
        </span>
        {snippet !== undefined && (
          <span class="row-snippet" data-testid="row-snippet">
            {snippet ? snippet.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : p.text)) : (a.excerpt ?? '')}
          </span>
        )}
        {progress > 0 && (
          <span
            class="row-progress"
            role="progressbar"
            aria-label="Read"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress * 100)}
          >
            <span style={{ width: `${Math.round(progress * 100)}%` }} />
          </span>
        )}
      </div>
      <span class="row-actions">
        <button
          type="button"
          class="icon"
          aria-pressed={a.favorite === 1}
          title={a.favorite ? 'Unfavorite (s)' : 'Favorite (s)'}
          aria-label={a.favorite ? 'Unfavorite' : 'Favorite'}
          onClick={() => onFavorite(a)}
        >
          <Icon d={STAR} filled={a.favorite === 1} />
        </button>
        <button
          type="button"
          class="icon"
          title={a.status === 'archived' ? 'Move to unread (e)' : 'Archive (e)'}
          aria-label={a.status === 'archived' ? 'Move to unread' : 'Archive'}
          onClick={() => onArchive(a)}
        >
          <Icon d={a.status === 'archived' ? UNARCHIVE : ARCHIVE} />
        </button>
        <button
          type="button"
          class="icon danger"
          title="Delete (#)"
          aria-label="Delete"
          data-testid="delete"
          onClick={(e) => onDelete(a, { x: (e as MouseEvent).clientX, y: (e as MouseEvent).clientY })}
        >
          <Icon d={TRASH} />
        </button>
      </span>
    </li>
  );
}

/** "3 ✎": how many highlights, and a note icon when there are notes; read out as "3 highlights, with notes". */
/** A 14 px line icon drawn from one path (highlighter, note). */
function LineIcon({ d, class: cls }: { d: string; class?: string }) {
  return (
    <svg
      class={cls}
      width="14"
      height="14"
      viewBox="0 0 20 20"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={d} />
    </svg>
  );
}

function Marks({ count, notes }: { count: number; notes: boolean }) {
  const label = count ? `${countOf(count, 'highlight')}${notes ? ', with notes' : ''}` : 'Has a note';
  return (
    <span class="row-hl" role="img" aria-label={label} title={label} data-testid="row-highlights">
      {count > 0 && (
        <>
          <LineIcon class="row-hl-mark" d={HIGHLIGHTER} />
          {count}
        </>
      )}
      {notes && <LineIcon d={NOTE} />}
    </span>
  );
}

// 20×20 stroke icons (no icon font: the page must render the same offline and without emoji fonts).
const STAR = 'M10 2.5l2.3 4.8 5.2.7-3.8 3.6.9 5.2L10 14.3l-4.6 2.5.9-5.2L2.5 8l5.2-.7z';
const ARCHIVE = 'M3 5h14v3H3zM4.5 8v8h11V8M8 11h4';
const UNARCHIVE = 'M4 10a6 6 0 1 0 2-4.5M4 3v3.5h3.5';
const HIGHLIGHTER = 'M12.5 3.5l4 4-7 7H5.5v-4zM3 17.5h8';
const NOTE = 'M5 3.5h10v13H5zM7.5 7h5M7.5 10h5M7.5 13h3';
const TRASH = 'M4 6h12M8 6V4h4v2M5.5 6l.8 10h7.4l.8-10M8.5 9v5M11.5 9v5';

function Icon({ d, filled }: { d: string; filled?: boolean }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 20 20"
      aria-hidden="true"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      stroke-width="1.5"
      stroke-linecap="round"
      stroke-linejoin="round"
      class={filled ? 'star-on' : undefined}
    >
      <path d={d} />
    </svg>
  );
}
