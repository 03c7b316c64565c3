import type { ArticleRecord } from '../../lib/db/schema';
import type { Route } from './route';

export interface ArticleTargetsInput {
  articles: ArticleRecord[] | null;
  firstPage: ArticleRecord[] | null;
  view: Route;
  selected: Set<number>;
  shown: ArticleRecord[];
  cursor: number;
}

/** The articles a command (a key, the bulk bar) acts on, and any article by id. */
export function articleTargets({ articles, firstPage, view, selected, shown, cursor }: ArticleTargetsInput) {
  // The first page stands in for the whole list while it loads: the reader may open on one of its rows.
  const byId = (id: number) => articles?.find((a) => a.id === id) ?? firstPage?.find((a) => a.id === id);
  /** The open article, else the selection, else the cursor row. */
  const targets = (): ArticleRecord[] => {
    if (view.kind === 'article') {
      const a = byId(view.id);
      return a ? [a] : [];
    }
    if (selected.size) return shown.filter((a) => selected.has(a.id));
    return shown[cursor] ? [shown[cursor]] : [];
  };
  return { byId, targets };
}
