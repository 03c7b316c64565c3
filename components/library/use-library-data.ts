import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import { FIRST_PAGE } from '../../lib/db/first-page';
import { viewCounts, type StatusView } from '../../lib/search/list-query';
import { DEFAULT_SETTINGS, effectiveTheme, type ReaderSettings } from '../../lib/reader/settings';
import { describeError } from './errors';
import type { LibraryConnector, StorageInfo } from './library-connector';
import { parseRoute, type Route } from './route';

/** The article list, live; `firstPage` (the newest few) paints before the whole list has loaded. */
export function useArticles(connector: LibraryConnector, setError: (e: string | null) => void) {
  const [articles, setArticles] = useState<ArticleRecord[] | null>(null);
  const [firstPage, setFirstPage] = useState<ArticleRecord[] | null>(() => {
    const now = connector.firstPageNow?.() ?? null;
    if (now) performance.mark?.('gist:first-page-at-render');
    return now;
  });
  useEffect(() => {
    let live = true;
    let off: (() => void) | null = null;
    let listed = false;
    const subscribe = () => {
      if (live)
        off = connector.subscribe(
          (list) => {
            if (!listed) performance.mark?.('gist:list');
            listed = true;
            setArticles(list);
            setError(null);
          },
          (e) => setError(describeError('open your library', e)),
        );
    };
    // The newest rows first, painted, and only then the whole library: at 10,000 articles the full read
    // would otherwise compete with the first one and hold up the first paint.
    if (connector.firstPage) {
      connector
        .firstPage(FIRST_PAGE)
        .then(
          (p) => {
            performance.mark?.('gist:first-page');
            if (live) setFirstPage(p);
          },
          () => {},
        )
        .then(() => requestAnimationFrame(() => setTimeout(subscribe, 0)));
    } else subscribe();
    return () => {
      live = false;
      off?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- subscribe once on mount: the connector never changes (main.tsx makes it once)
  }, []);
  return { articles, firstPage };
}

/**
 * Articles per view from the connector's indexed counts (before the whole list has loaded), else
 * counted from the list once it has. Asked after the first page: the counts must not delay its read.
 */
export function useViewCounts(
  connector: LibraryConnector,
  articles: ArticleRecord[] | null,
  firstPage: ArticleRecord[] | null,
): Record<StatusView, number> | null {
  const [indexed, setIndexed] = useState<Record<StatusView, number> | null>(null);
  const asked = !!connector.subscribeCounts && (firstPage !== null || articles !== null);
  useEffect(() => {
    if (!asked) return;
    return connector.subscribeCounts!(
      (c) => {
        performance.mark?.('gist:counts');
        setIndexed(c);
      },
      () => setIndexed(null),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the connector never changes (main.tsx makes it once)
  }, [asked]);
  const counted = useMemo(() => (articles ? viewCounts(articles) : null), [articles]);
  return indexed ?? counted;
}

/** Space used and whether it is kept, re-estimated when the count changes (not on every progress write). */
/** Storage use, asked after the list loads; `keep` asks again for persistence from a click (undefined without storage). */
export function useStorageInfo(
  storageApi: LibraryConnector['storage'],
  articleCount: number | undefined,
): [StorageInfo | null, (() => void) | undefined] {
  const [storage, setStorage] = useState<StorageInfo | null>(null);
  useEffect(() => {
    // After the list: estimate() walks the origin's storage and must not delay the first rows.
    if (!storageApi || articleCount === undefined) return;
    let live = true;
    // Silent in both browsers (Firefox: unlimitedStorage grants it without its prompt); refused, the footer offers a retry.
    storageApi
      .persist()
      .catch(() => false)
      .then(() => storageApi.info())
      .then(
        (i) => live && setStorage(i),
        () => {},
      );
    return () => {
      live = false;
    };
  }, [articleCount, storageApi]);
  const keep =
    storageApi &&
    (() =>
      void storageApi
        .persist()
        .catch(() => false)
        .then(() => storageApi.info())
        .then(setStorage, () => {}));
  return [storage, keep];
}

/** The theme on <html>, before paint (no flash of the wrong colours), following the system's. */
export function useTheme(theme: ReaderSettings['theme']) {
  useLayoutEffect(() => {
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = effectiveTheme(theme, !!mq?.matches);
    };
    apply();
    mq?.addEventListener?.('change', apply);
    return () => mq?.removeEventListener?.('change', apply);
  }, [theme]);
}

/** The reader settings, saved as they change; the page's theme follows them. */
export function useReaderSettings(store: LibraryConnector['settings']) {
  const [settings, setSettings] = useState<ReaderSettings>(() => store?.load() ?? { ...DEFAULT_SETTINGS });
  useTheme(settings.theme);
  const changeSettings = (s: ReaderSettings) => {
    setSettings(s);
    store?.save(s);
  };
  return [settings, changeSettings] as const;
}

/** Until the browser answers (and where it cannot): its default for the manifest's command. */
const DEFAULT_SHORTCUT = 'Alt+Shift+S';

/** The browser's keyboard shortcut that saves a page, for the welcome's how-to. */
export function useSaveShortcut(connector: LibraryConnector): string {
  const [shortcut, setShortcut] = useState(DEFAULT_SHORTCUT);
  useEffect(() => {
    connector.shortcut?.().then(setShortcut, () => {});
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once: main.tsx creates the connector once per page
  }, []);
  return shortcut;
}

/** The route in the hash, following Back / Forward and typed URLs. */
export function useRoute() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, []);
  return [route, setRoute] as const;
}
