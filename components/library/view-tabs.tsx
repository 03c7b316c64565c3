import type { StatusView } from '../../lib/search/list-query';
import { formatCount } from '../../lib/format/count';
import './list-controls.css';

const VIEWS: [StatusView, string][] = [
  ['unread', 'Unread'],
  ['inprogress', 'In progress'],
  ['favorite', 'Favorites'],
  ['archived', 'Archived'],
  ['all', 'All'],
];

export type LibraryView = StatusView | 'highlights';

export interface ViewTabsProps {
  active: LibraryView;
  /** Articles per view; null while the library loads. */
  counts: Record<StatusView, number> | null;
  /** Highlights in the library: null while they load, undefined where the library keeps none (no tab). */
  highlightCount?: number | null;
  onView(v: LibraryView): void;
}

/** The list's views, and All highlights beside them. */
export function ViewTabs({ active, counts, highlightCount, onView }: ViewTabsProps) {
  const tab = (v: LibraryView, label: string, n: number | null | undefined) => (
    <button type="button" key={v} class="view-tab" aria-pressed={v === active} data-testid={`view-${v}`} onClick={() => onView(v)}>
      {label}
      {n !== null && n !== undefined && <span class="count">{formatCount(n)}</span>}
    </button>
  );
  return (
    <nav class="views" aria-label="Show">
      {VIEWS.map(([v, label]) => tab(v, label, counts?.[v]))}
      {highlightCount !== undefined && tab('highlights', 'Highlights', highlightCount)}
    </nav>
  );
}
