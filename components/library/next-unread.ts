import type { ArticleRecord } from '../../lib/db/schema';
import { listArticles, type SortKey } from '../../lib/search/list-query';

/** The unread article after `id` in the list's order (else the first unread), for the reader's "Next unread". */
export function nextUnread(source: ArticleRecord[] | null, id: number, sort: SortKey, wpm: number): ArticleRecord | undefined {
  // This article stays in the order even once archived, so "next" is the one after it, not the first.
  const order = listArticles(source ?? [], { view: 'all', sort: sort === 'relevance' ? 'newest' : sort, wpm }, null).items.filter(
    (a) => a.status === 'unread' || a.id === id,
  );
  const i = order.findIndex((a) => a.id === id);
  const after = i >= 0 ? order.slice(i + 1).concat(order.slice(0, i)) : order;
  return after.find((a) => a.id !== id);
}
