import { useState } from 'preact/hooks';
import type { FetchOneAnswer } from './library-connector';

export interface LinkOnlyItem {
  id: number;
  url: string;
  where: string;
}

type RowState = { kind: 'fetching' } | { kind: 'fetched' } | { kind: 'failed'; reason: string };

const SHOWN = 300;

/**
 * The import report's link-only articles (imported without their page), each with "Fetch now": that
 * one page is downloaded at once, ahead of the queue, and the row says whether it worked and why not.
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
  if (!items.length) return null;
  const set = (id: number, st: RowState) => setStates((m) => new Map(m).set(id, st));
  // Called straight from the click: fetchOne may ask for access to the site, which needs the user gesture.
  const fetchNow = (it: LinkOnlyItem) => {
    set(it.id, { kind: 'fetching' });
    fetchOne(it.id, it.url)
      .then((r) => set(it.id, r.fetched ? { kind: 'fetched' } : { kind: 'failed', reason: r.reason }))
      .catch((e: unknown) => set(it.id, { kind: 'failed', reason: e instanceof Error ? e.message : String(e) }));
  };
  return (
    <details open={items.length <= 20}>
      <summary>Imported as links only, not downloaded yet ({items.length.toLocaleString()})</summary>
      <ul class="ie-list ie-links" data-testid={testId}>
        {items.slice(0, SHOWN).map((it) => {
          const st = states.get(it.id);
          return (
            <li key={it.id} data-state={st?.kind ?? 'waiting'} data-url={it.url}>
              <span class="ie-link-url">{it.url}</span>{' '}
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
                <span class="error ie-link-error" role="alert">
                  Could not fetch: {st.reason}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {items.length > SHOWN && <p class="muted">…and {(items.length - SHOWN).toLocaleString()} more: "Fetch" below downloads them all.</p>}
    </details>
  );
}

/** The link-only articles of an import run: new articles the fetch queue has still to download. */
export function linkOnlyItems(
  outcomes: readonly { outcome: string; needsFetch?: boolean; articleId?: number; url: string; where: string }[],
) {
  const out: LinkOnlyItem[] = [];
  for (const o of outcomes)
    if (o.outcome === 'imported' && o.needsFetch && o.articleId !== undefined) out.push({ id: o.articleId, url: o.url, where: o.where });
  return out;
}
