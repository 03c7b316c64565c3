import { useState } from 'preact/hooks';
import type { FetchOneAnswer } from './library-connector';
import type { LinkOnlyItem } from './import-report';
import { VirtualList } from './virtual-list';

export type { LinkOnlyItem };

type RowState = { kind: 'fetching' } | { kind: 'fetched' } | { kind: 'failed'; reason: string };

/** Rows are one line high (the error's full text in its tooltip), so the list can be windowed. */
const ROW_PX = 28;
const BOX_PX = 280;

/**
 * The import report's link-only articles (imported without their page), each with "Fetch now": that
 * one page is downloaded at once, ahead of the queue, and the row says whether it worked and why not.
 * Windowed, and rendered only while open: a 100,000-link import puts the ~10 rows in view in the page,
 * not a few hundred at the moment its report appears.
 */
export function ImportLinks({
  items,
  fetchOne,
  testId = 'import-links',
}: {
  items: LinkOnlyItem[];
  fetchOne(id: number, url: string): Promise<FetchOneAnswer>;
  testId?: string;
}) {
  const [states, setStates] = useState<ReadonlyMap<number, RowState>>(new Map());
  const [open, setOpen] = useState(items.length <= 20);
  if (!items.length) return null;
  const set = (id: number, st: RowState) => setStates((m) => new Map(m).set(id, st));
  // Called straight from the click: fetchOne may ask for access to the site, which needs the user gesture.
  const fetchNow = (it: LinkOnlyItem) => {
    set(it.id, { kind: 'fetching' });
    fetchOne(it.id, it.url)
      .then((r) => set(it.id, r.fetched ? { kind: 'fetched' } : { kind: 'failed', reason: r.reason }))
      .catch((e: unknown) => set(it.id, { kind: 'failed', reason: e instanceof Error ? e.message : String(e) }));
  };
  const row = (it: LinkOnlyItem) => {
    const st = states.get(it.id);
    return (
      <li key={it.id} data-state={st?.kind ?? 'waiting'} data-url={it.url} style={{ height: `${ROW_PX}px` }}>
        <span class="ie-link-url" title={it.url}>
          {it.url}
        </span>{' '}
        {st?.kind === 'fetched' ? (
          <strong class="ie-link-ok" role="status">
            Fetched
          </strong>
        ) : (
          <button type="button" class="secondary" disabled={st?.kind === 'fetching'} onClick={() => fetchNow(it)}>
            {st?.kind === 'fetching' ? 'Fetching…' : st?.kind === 'failed' ? 'Try again' : 'Fetch now'}
          </button>
        )}
        {st?.kind === 'failed' && (
          <span class="error ie-link-error" role="alert" title={`Could not fetch: ${st.reason}`}>
            Could not fetch: {st.reason}
          </span>
        )}
      </li>
    );
  };
  return (
    <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Imported as links only, not downloaded yet ({items.length.toLocaleString()})</summary>
      {open && (
        <VirtualList
          items={items}
          rowHeight={ROW_PX}
          boxHeight={BOX_PX}
          boxClass="ie-list ie-vlist ie-links"
          overscan={6}
          attrs={{ 'data-testid': testId, 'data-count': items.length }}
          renderRow={row}
        />
      )}
    </details>
  );
}
