import { useMemo, useState } from 'preact/hooks';
import { HIGHLIGHT_COLORS, type ArticleRecord, type HighlightColor, type HighlightRecord } from '../../lib/db/schema';
import { highlightTags, listHighlights, type HighlightItem } from '../../lib/search/highlight-list';
import { parseQuery } from '../../lib/search/query';
import { countOf } from '../../lib/format/count';
import { HighlightRow, HL_ROW_HEIGHT, HL_ROW_HEIGHT_NARROW } from './highlight-row';
import { useMedia } from './hooks';
import { ViewTabs, type ViewTabsProps } from './view-tabs';
import { VirtualList } from './virtual-list';
import './highlights.css';
import './list-controls.css';

export const COLOR_NAMES: Record<HighlightColor, string> = { yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink' };

/** The All highlights view's filters and its filtered list (computed only while the view is shown). */
export function useHighlightList(
  all: HighlightRecord[] | null,
  articles: ArticleRecord[] | null,
  query: string,
  wpm: number,
  active: boolean,
) {
  const [color, setColor] = useState<HighlightColor | null>(null);
  const [tag, setTag] = useState('');
  const byId = useMemo(() => (active ? new Map((articles ?? []).map((a) => [a.id, a])) : null), [articles, active]);
  const parsed = useMemo(() => parseQuery(query), [query]);
  const items = useMemo(
    () => (byId && all ? listHighlights(all, byId, { query: parsed, color, tag: tag || null, wpm }) : []),
    [all, byId, parsed, color, tag, wpm],
  );
  const tags = useMemo(() => (byId && all ? highlightTags(all, byId) : []), [all, byId]);
  const colorCounts = useMemo(() => {
    const n: Record<HighlightColor, number> = { yellow: 0, green: 0, blue: 0, pink: 0 };
    for (const h of all ?? []) n[h.color] = (n[h.color] ?? 0) + 1;
    return n;
  }, [all]);
  return { color, setColor, tag, setTag, items, tags, colorCounts, parsed, filtersActive: !!(color || tag) };
}

export type HighlightList = ReturnType<typeof useHighlightList>;

export interface HighlightsPageProps {
  /** Every highlight; null while loading. */
  all: HighlightRecord[] | null;
  list: HighlightList;
  query: string;
  cursor: number;
  setCursor(i: number): void;
  onOpen(item: HighlightItem): void;
  tabs: ViewTabsProps;
}

/** All highlights (route `#highlights`): every highlight and note, newest first, with its article. */
export function HighlightsPage({ all, list, query, cursor, setCursor, onOpen, tabs }: HighlightsPageProps) {
  const narrow = useMedia('(max-width: 640px)');
  const rowHeight = narrow ? HL_ROW_HEIGHT_NARROW : HL_ROW_HEIGHT;
  const { items, color, tag } = list;
  const filtering = !!query.trim() || list.filtersActive;
  return (
    <main class="list-page highlights-page">
      <div class="filterbar">
        <ViewTabs {...tabs} />
        <div class="facets">
          <div class="hl-colors" role="group" aria-label="Colour">
            {HIGHLIGHT_COLORS.map((c) => (
              <button
                type="button"
                key={c}
                class="hl-color-filter"
                aria-pressed={color === c}
                title={color === c ? 'Show every colour' : `Only ${COLOR_NAMES[c].toLowerCase()} highlights`}
                data-testid={`filter-color-${c}`}
                onClick={() => list.setColor(color === c ? null : c)}
              >
                <span class="hl-swatch" data-color={c} aria-hidden="true" />
                <span class="sr-only">{COLOR_NAMES[c]}</span>
                <span class="count">{list.colorCounts[c].toLocaleString()}</span>
              </button>
            ))}
          </div>
          <select
            aria-label="Tag"
            value={tag}
            data-testid="filter-hl-tag"
            onChange={(e) => list.setTag((e.target as HTMLSelectElement).value)}
          >
            <option value="">All tags</option>
            {list.tags.slice(0, 300).map(([t, n]) => (
              <option key={t} value={t}>
                {t} ({n})
              </option>
            ))}
          </select>
          {list.filtersActive && (
            <button
              type="button"
              class="link"
              onClick={() => {
                list.setColor(null);
                list.setTag('');
              }}
            >
              Clear filters
            </button>
          )}
        </div>
      </div>
      <section class="list-area" data-testid="highlights-area" data-count={items.length}>
        {list.parsed.invalid.length > 0 && <p class="hint">Not understood: {list.parsed.invalid.join(', ')}</p>}
        {filtering && all && all.length > 0 && (
          <p class="result-count muted" role="status" data-testid="result-count">
            {countOf(items.length, 'highlight')}
          </p>
        )}
        {all === null ? (
          <p class="muted" role="status">
            Loading…
          </p>
        ) : all.length === 0 ? (
          <NoHighlights />
        ) : items.length === 0 ? (
          <p class="empty muted" data-testid="empty">
            No highlights match.
          </p>
        ) : (
          <VirtualList
            items={items}
            rowHeight={rowHeight}
            cursor={cursor}
            topInset={64}
            overscan={4}
            attrs={{ 'data-testid': 'highlight-list', 'aria-label': 'Highlights', class: 'rows hl-rows' }}
            renderRow={(item, i) => (
              <HighlightRow
                key={item.highlight.id}
                item={item}
                index={i}
                cursor={i === cursor}
                height={rowHeight}
                onOpen={onOpen}
                onCursor={setCursor}
              />
            )}
          />
        )}
      </section>
    </main>
  );
}

function NoHighlights() {
  return (
    <div class="hl-empty" data-testid="highlights-empty">
      <h2>No highlights yet</h2>
      <p>
        Open an article, select a passage and press <kbd>h</kbd> — or pick a colour in the little toolbar that appears over the selection.
        Press <kbd>n</kbd> to add a note to it.
      </p>
      <p class="muted">
        Every highlight and note from every article gathers here, newest first. Highlights imported from Pocket, Omnivore, Readwise or
        wallabag show up here too.
      </p>
    </div>
  );
}
