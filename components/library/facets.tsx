import { Component } from 'preact';
import { TIME_BUCKETS, type SortKey } from '../../lib/search/list-query';
import './list-controls.css';

const SORTS: [SortKey, string][] = [
  ['relevance', 'Best match'],
  ['newest', 'Newest'],
  ['oldest', 'Oldest'],
  ['shortest', 'Shortest'],
  ['longest', 'Longest'],
  ['title', 'Title A–Z'],
];

/** The filter menus: skip re-rendering while only the query changes (hundreds of <option>s otherwise). */
type FacetsProps = {
  tags: [string, number][];
  sites: [string, number][];
  tag: string;
  site: string;
  time: string;
  sort: SortKey;
  searching: boolean;
  setTag(v: string): void;
  setSite(v: string): void;
  setTime(v: string): void;
  setSort(v: SortKey): void;
};

export class Facets extends Component<FacetsProps> {
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
          {tags.slice(0, 300).map(([t, n]) => (
            <option key={t} value={t}>
              {t} ({n})
            </option>
          ))}
        </select>
        <select aria-label="Site" value={site} data-testid="filter-site" onChange={(e) => setSite((e.target as HTMLSelectElement).value)}>
          <option value="">All sites</option>
          {sites.slice(0, 300).map(([s, n]) => (
            <option key={s} value={s}>
              {s} ({n})
            </option>
          ))}
        </select>
        <select aria-label="Length" value={time} data-testid="filter-time" onChange={(e) => setTime((e.target as HTMLSelectElement).value)}>
          <option value="">Any length</option>
          {TIME_BUCKETS.map((b) => (
            <option key={b.key} value={b.key}>
              {b.label}
            </option>
          ))}
        </select>
        <select
          aria-label="Sort"
          value={sort}
          data-testid="sort"
          onChange={(e) => setSort((e.target as HTMLSelectElement).value as SortKey)}
        >
          {SORTS.filter(([k]) => k !== 'relevance' || searching).map(([k, l]) => (
            <option key={k} value={k}>
              {l}
            </option>
          ))}
        </select>
        {filtersActive && (
          <button
            type="button"
            class="link"
            onClick={() => {
              setTag('');
              setSite('');
              setTime('');
            }}
          >
            Clear filters
          </button>
        )}
      </div>
    );
  }
}
