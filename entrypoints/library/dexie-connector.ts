import Dexie, { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { transferBackend, queueBackend } from './transfer-backend';
import { syncBackend } from './sync-backend';
import type { ArticleRecord, GistDB } from '../../lib/db/schema';
import { FIRST_PAGE, type EarlyPage } from '../../lib/db/first-page';
import {
  addTagMany,
  deleteArticle,
  deleteMany,
  getReadable,
  removeTagMany,
  restoreArticle,
  restoreMany,
  restoreValues,
  setFavoriteMany,
  setProgress,
  setStatusMany,
  setTags,
  textsOf,
  updateArticle,
} from '../../lib/db/articles';
import { LiveArticles, subscribeWhen } from '../../lib/db/live-articles';
import { LiveViewCounts } from '../../lib/db/view-counts';
import { PROGRESS_DONE, PROGRESS_START } from '../../lib/search/list-query';
import {
  addHighlight,
  allHighlights,
  deleteHighlight,
  highlightsOf,
  restoreHighlight,
  setArticleNote,
  updateHighlight,
} from '../../lib/db/highlights';
import { IndexSync } from '../../lib/search/index-sync';
import { dexieIndexCache, dexieIndexStore } from '../../lib/search/index-store';
import type { ReaderSettingsStore } from '../../lib/reader/settings-store';
import { measureStorage } from '../../lib/storage/usage';
import { dropImages, planImageDrop } from '../../lib/storage/drop-images';
import type { LibraryConnector } from '../../components/library/library-connector';

// The search index cache lives in its own database: it can be dropped at any time (it is rebuilt from
// the articles), and keeping it out of the articles schema means the save pipeline never waits on it.
// Version 2 drops the version-1 index (a JSON-ish format rebuilt on every opening).
function openCache(): Dexie {
  const db = new Dexie('gist-search-cache');
  db.version(1).stores({ kv: 'key' });
  db.version(2)
    .stores({ kv: 'key' })
    .upgrade((tx) => tx.table('kv').clear());
  return db;
}

/** The longest the whole list waits for the search index to open (a big catch-up from the log can take longer). */
const LIST_WAITS_FOR_INDEX_MS = 3000;

/** After the first rows have had their frame (a timer where there are no frames). */
const afterPaint = (f: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => setTimeout(f, 0)) : setTimeout(f, 0);

/** The `n` newest articles: the early read's when usable, else a query. */
async function firstRows(db: GistDB, n: number, early: Promise<EarlyPage | null> | undefined): Promise<ArticleRecord[]> {
  const pre = n <= FIRST_PAGE ? await early?.catch(() => null) : null;
  if (pre) {
    // Read before Dexie opened: only rows of the schema this page runs (an upgrade may reshape them).
    const opened = await db.open().then(
      (d) => d.backendDB()?.version,
      () => undefined,
    );
    if (opened === pre.version) return pre.rows.slice(0, n);
  }
  return db.articles.orderBy('savedAt').reverse().limit(n).toArray();
}

// The library is an extension page: it shares the extension origin's database and reads it directly.
// `afterFirstPage` runs once, after the first rows are read and painted: what reads the whole library
// (highlight anchoring subscribes to the list) starts there, or the first page's query waits behind it.
// `early`: the first rows as index.html's first script read them (lib/db/first-page.ts), used by the first
// firstPage() call when they came from this schema's version of the database.
export function dexieConnector(
  db: GistDB,
  settings: ReaderSettingsStore,
  afterFirstPage?: () => void,
  early?: Promise<EarlyPage | null>,
): LibraryConnector {
  const cache = openCache();
  const indexCache = dexieIndexCache(cache);
  const search = new IndexSync(dexieIndexStore(db, indexCache));
  // The list (and through it the search index) and the fetch queue's counts share one live query.
  const articles = new LiveArticles(db);
  const counts = new LiveViewCounts(db, { start: PROGRESS_START, done: PROGRESS_DONE });
  const synth = typeof speechSynthesis !== 'undefined' ? speechSynthesis : null;
  // With an early read, the first page is taken from it now, so that rows already read (the usual case:
  // they arrive while the bundle loads) are there for the page's first render (`firstPageNow`), instead of
  // after that render's paint and an effect.
  let firstNow: ArticleRecord[] | null = null;
  let firstRead: Promise<ArticleRecord[]> | null = early ? firstRows(db, FIRST_PAGE, early).then((rows) => (firstNow = rows)) : null;
  firstRead?.catch(() => {});
  return {
    firstPageNow: () => firstNow,
    // The whole list is read once the search index has opened (below): reading and cloning every record
    // on the same main thread held a saved index's opening up by seconds at 50,000 articles.
    subscribe: (cb, onError) => subscribeWhen(search.open(), LIST_WAITS_FOR_INDEX_MS, () => articles.subscribe(cb, onError)),
    // Once the first rows are painted, the saved search index loads (and catches up with the change log);
    // started before that paint, its read and parse delayed the first rows.
    firstPage: (n) =>
      (n === FIRST_PAGE && firstRead ? firstRead : firstRows(db, n, early)).finally(() => {
        early = undefined;
        firstRead = null;
        afterPaint(() => void search.sync());
        const then = afterFirstPage;
        afterFirstPage = undefined;
        if (then) afterPaint(then);
      }),
    // After the search index has opened, as the whole list: at 50,000 articles the five index counts walk
    // ~150,000 index entries (~500 ms in the storage process) and held the saved index's read up by as much.
    subscribeCounts: (cb, onError) => subscribeWhen(search.open(), LIST_WAITS_FOR_INDEX_MS, () => counts.subscribe(cb, onError)),
    async readable(id) {
      const r = await getReadable(db, id);
      if (!r) return undefined;
      return { article: r.article, html: r.content?.html ?? '', images: new Map(r.images.map((i) => [i.src, i.blob])) };
    },
    setStatus: (id, status) => updateArticle(db, id, { status }),
    setFavorite: (id, favorite) => updateArticle(db, id, { favorite: favorite ? 1 : 0 }),
    remove: (id) => deleteArticle(db, id),
    restore: (snap) => restoreArticle(db, snap),
    setProgress: (id, p) => setProgress(db, id, p),
    setTags: (id, tags) => setTags(db, id, tags),
    bulk: {
      setStatus: (ids, s) => setStatusMany(db, ids, s),
      setFavorite: (ids, f) => setFavoriteMany(db, ids, f),
      addTag: (ids, t) => addTagMany(db, ids, t),
      removeTag: (ids, t) => removeTagMany(db, ids, t),
      remove: (ids) => deleteMany(db, ids),
      restore: (snaps) => restoreMany(db, snaps),
      restoreValues: (prev) => restoreValues(db, prev),
    },
    search,
    highlights: {
      of: (id) => highlightsOf(db, id),
      add: (h) => addHighlight(db, h),
      update: (id, changes) => updateHighlight(db, id, changes),
      remove: (id) => deleteHighlight(db, id),
      restore: (rec) => restoreHighlight(db, rec),
      setArticleNote: (id, note) => setArticleNote(db, id, note),
      subscribeAll(cb, onError) {
        const sub = liveQuery(() => allHighlights(db)).subscribe({ next: cb, error: onError });
        return () => sub.unsubscribe();
      },
    },
    texts: (ids) => textsOf(db, ids),
    settings,
    storage: {
      async info() {
        if (!navigator.storage?.estimate) return null;
        const [e, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? Promise.resolve(false)]);
        return { usage: e.usage ?? 0, quota: e.quota ?? 0, persisted };
      },
      // Asks the browser not to evict the library under storage pressure. Chrome answers silently; so does
      // Firefox, because unlimitedStorage grants its persistent-storage permission (without it, a prompt).
      // Until the first ask, Firefox's persisted() is false.
      persist: async () => (await navigator.storage?.persist?.()) ?? false,
      parts: () => measureStorage(db, async () => [await indexCache.get(), await indexCache.getPhrases()]),
      planImageDrop: (months) => planImageDrop(db, months),
      dropImages: (plan, onProgress) => dropImages(db, plan, { onProgress }),
    },
    transfer: transferBackend(db, [search, counts, articles]),
    queue: queueBackend(articles, browser),
    sync: syncBackend(browser, db),
    async shortcut() {
      const cmds = (await browser.commands?.getAll?.()) ?? [];
      return cmds.find((c) => c.name === 'save-page')?.shortcut ?? '';
    },
    speech: synth
      ? {
          synth,
          utterance: (text) => new SpeechSynthesisUtterance(text),
          onVoicesChanged(cb) {
            synth.addEventListener('voiceschanged', cb);
            return () => synth.removeEventListener('voiceschanged', cb);
          },
        }
      : null,
  };
}
