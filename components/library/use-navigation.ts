import { useRef } from 'preact/hooks';
import { routeHash, type Route } from './route';
import { useRoute } from './use-library-data';

/** The page's route (route.ts) and moves between routes, each one a history entry so Back works. */
export function useNavigation() {
  const [view, setView] = useRoute();
  // Where the reader's Back returns: the article list or All highlights.
  const listView = useRef<Route>(view.kind === 'highlights' ? view : { kind: 'list' });
  const go = (v: Route) => {
    const h = routeHash(v);
    if (location.hash !== h) history.pushState(null, '', h || location.pathname + location.search);
    if (v.kind === 'list' || v.kind === 'highlights') listView.current = v;
    setView(v);
  };
  /** The reader, at one highlight when given. */
  const openArticle = (id: number, at: { highlightId?: string } = {}) => go({ kind: 'article', id, ...at });
  const back = () => go(listView.current);
  return { view, go, openArticle, back };
}
