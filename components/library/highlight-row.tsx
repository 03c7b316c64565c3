import type { HighlightItem } from '../../lib/search/highlight-list';
import { displaySite } from '../../lib/search/list-query';
import { toDate, formatDay } from '../../lib/format/dates';
import { routeHash } from './route';
import './rows.css';

/** Fixed row heights (the virtual list needs one): two lines of quote, one of note, one of article. */
export const HL_ROW_HEIGHT = 116;
/** Narrow screens: four lines of quote. */
export const HL_ROW_HEIGHT_NARROW = 160;

const ANCHOR_NOTE = {
  unplaced: ['couldn’t place in the text', 'The article’s text no longer holds this passage; the highlight is kept with its text.'],
  waiting: ['page not downloaded yet', 'It will be placed in the text once the page is downloaded.'],
} as const;

export interface HighlightRowProps {
  item: HighlightItem;
  index: number;
  cursor: boolean;
  height: number;
  onOpen(item: HighlightItem): void;
  onCursor(index: number): void;
}

/** One highlight: its colour, the quote, its note, and the article it is from. */
export function HighlightRow({ item, index, cursor, height, onOpen, onCursor }: HighlightRowProps) {
  const { highlight: h, article: a } = item;
  const note = h.note?.trim();
  const when = toDate(h.createdAt);
  const anchorNote = h.anchor === 'placed' ? null : ANCHOR_NOTE[h.anchor];
  const site = displaySite(a);
  return (
    <li
      class={`row hl-row${cursor ? ' cursor' : ''}`}
      style={{ height: `${height}px` }}
      data-testid="highlight-row"
      data-id={h.id}
      data-color={h.color}
      aria-current={cursor ? 'true' : undefined}
      onMouseDown={() => onCursor(index)}
    >
      <span class="hl-bar" data-color={h.color} aria-hidden="true" />
      <div
        class="row-main hl-main"
        onClick={(e) => {
          if (!(e.target as Element).closest('a, button')) onOpen(item);
        }}
      >
        <a
          class="hl-quote"
          href={routeHash({ kind: 'article', id: a.id, highlightId: h.id })}
          data-testid="highlight-quote"
          onClick={(e) => {
            e.preventDefault();
            onOpen(item);
          }}
        >
          <span class="sr-only">{h.color} highlight: </span>
          <span class="hl-text">{h.quote.exact}</span>
        </a>
        {note && (
          <span class="hl-note" data-testid="highlight-note">
            <span class="sr-only">Note: </span>
            {note}
          </span>
        )}
        <span class="row-meta hl-meta">
          <span class="hl-article" title={a.title}>
            {a.title}
          </span>
          <span class="row-site" title={site}>
            {site}
          </span>
          {when && <time dateTime={when.toISOString()}>{formatDay(when, 'saved')}</time>}
          {anchorNote && (
            <span class="hl-anchor" title={anchorNote[1]} data-testid="highlight-anchor">
              {anchorNote[0]}
            </span>
          )}
        </span>
      </div>
    </li>
  );
}
