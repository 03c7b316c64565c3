import type { browser as Browser } from 'wxt/browser';
import type { GistDB } from '../../lib/db/schema';
import type { LiveArticles } from '../../lib/db/live-articles';
import { applyImport } from '../../lib/import/apply-import';
import { applyStrayHighlights } from '../../lib/import/stray-highlights';
import { parseOffThread } from './parse-protocol';
import ParseWorker from './parse-worker?worker';
import { exportGistJson } from '../../lib/export/gist-json';
import { exportNetscapeHtml } from '../../lib/export/netscape-html';
import { exportMarkdownZip } from '../../lib/export/markdown-zip';
import { articleHighlightsMarkdown, exportAllHighlightsMarkdown, exportHighlightsZip } from '../../lib/export/highlights-markdown';
import { fileNameFor } from '../../lib/export/markdown-text';
import { highlightsOf } from '../../lib/db/highlights';
import { anchorImported } from '../../lib/annotate/anchor-stored';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { countQueue, setPendingImages } from '../../lib/fetch-queue/store';
import { IDLE_STATUS, parseQueueStatus, QUEUE_STATUS_KEY, type QueueStatus } from '../../lib/fetch-queue/status';
import type { Result } from '../../lib/messaging/protocol';
import { originPatterns } from '../../lib/url/match-patterns';
import { waitingOrigins } from '../../lib/fetch-queue/waiting-origins';
import type {
  ExportKind,
  FetchOneAnswer,
  ImportPhase,
  ImportRun,
  QueueBackend,
  QueueView,
  TransferBackend,
} from '../../components/library/library-connector';
import type { FetchOneResult } from '../../lib/fetch-queue/runner';

// Import runs in the library page: it has the DOM that sanitizing needs, and writing in chunks keeps
// it responsive. Fetching links runs in the background (it must go on after the page closes).
/** A macrotask later: the page paints and handles input between slices of long work. */
const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

/** Something that reads what an import writes and can wait until it ends: `hold()` returns the release. */
export interface Pausable {
  hold(): () => void;
}

// `paused`: what reads the library while an import writes it — the search index (catches up afterwards),
// the view tabs' counts and the page's live list (each read once at the end, not after every chunk) —
// held for the import and released in the order given.
export function transferBackend(db: GistDB, paused: Pausable[] = []): TransferBackend {
  return {
    async importFile(name, bytes, onProgress) {
      const releases = paused.map((p) => p.hold());
      try {
        return await importInPage(db, name, bytes, onProgress);
      } finally {
        performance.mark('gist:import-release');
        for (const release of releases) release();
      }
    },
    async exportLibrary(kind: ExportKind, onProgress) {
      const day = new Date().toISOString().slice(0, 10);
      switch (kind) {
        case 'gist-json':
          return { blob: await exportGistJson(db, { onProgress }), fileName: `gist-library-${day}.jsonl` };
        case 'netscape-html':
          return { blob: await exportNetscapeHtml(db, { onProgress }), fileName: `gist-bookmarks-${day}.html` };
        case 'markdown-zip':
          return { blob: await exportMarkdownZip(db, { onProgress }), fileName: `gist-markdown-${day}.zip` };
        case 'highlights-markdown':
          return { blob: await exportAllHighlightsMarkdown(db, { onProgress }), fileName: `gist-highlights-${day}.md` };
        case 'highlights-zip':
          return { blob: await exportHighlightsZip(db, { onProgress }), fileName: `gist-highlights-${day}.zip` };
      }
    },
    async exportArticleHighlights(articleId) {
      const article = await db.articles.get(articleId);
      if (!article) throw new Error('The article is no longer in the library.');
      const md = articleHighlightsMarkdown(article, await highlightsOf(db, articleId));
      return { blob: new Blob([md], { type: 'text/markdown' }), fileName: fileNameFor(article.title || article.url, new Set()) };
    },
  };
}

async function importInPage(
  db: GistDB,
  name: string,
  bytes: Uint8Array,
  onProgress: (done: number, total: number, phase: ImportPhase) => void,
): Promise<ImportRun> {
  const t0 = performance.now();
  onProgress(0, 0, 'reading');
  const parsed = await parseOffThread(name, bytes, () => new ParseWorker());
  performance.mark('gist:import-parsed');
  onProgress(0, parsed.items.length, 'writing');
  // Sanitizing is synchronous DOM work: give the page a frame every ~40 ms so the progress bar
  // moves and the library stays usable while thousands of bodies are cleaned.
  let slice = performance.now();
  const outcomes = await applyImport(db, parsed.items, {
    sanitize: async (html, base) => {
      if (performance.now() - slice > 40) {
        await nextTask();
        slice = performance.now();
      }
      return prepareStoredHtml(html, window, base);
    },
    source: `import:${parsed.format}`,
    keys: parsed.keys,
    // Chunks sized by time (~40 ms each, a task between them): the list is held meanwhile, so many
    // small commits cost nothing but their own writes.
    onProgress: (done, total) => onProgress(done, total, 'writing'),
  });
  performance.mark('gist:import-written');
  const strayHighlights = await applyStrayHighlights(db, parsed.strayHighlights, Date.now, `import:${parsed.format}`);
  // Highlights go in waiting; those of articles with content are placed in it now (a DOM task, a
  // frame between articles), the others when the fetch queue brings their page (keepAnchoring).
  const added = [...outcomes, ...strayHighlights].flatMap((o) => o.highlights ?? []);
  const highlights = added.length ? { added: added.length, ...(await anchorImported(db, window, added, nextTask)) } : undefined;
  const images = outcomes.flatMap((o) =>
    o.articleId !== undefined && o.pendingImages?.length ? [{ id: o.articleId, images: o.pendingImages }] : [],
  );
  if (images.length) await setPendingImages(db, images);
  return {
    file: name,
    format: parsed.format,
    errors: parsed.errors,
    duplicates: parsed.duplicates,
    outcomes,
    strayHighlights,
    ...(highlights ? { highlights } : {}),
    ms: performance.now() - t0,
  };
}

const ALL_SITES = ['http://*/*', 'https://*/*'];

/** Origins the waiting items need (their pages, and the images of imported content). */
/** `articles`: the page's shared live list (the counts are taken from it, not from a query of their own). */
export function queueBackend(articles: Pick<LiveArticles, 'subscribe'>, browser: typeof Browser): QueueBackend {
  // Known before the click, so start() can call permissions.request synchronously (user gesture).
  let needsPermission = true;
  return {
    subscribe(cb) {
      let status: QueueStatus = { ...IDLE_STATUS };
      let last: Omit<QueueView, 'status' | 'needsPermission'> | null = null;
      let closed = false;
      // Each list change supersedes the one before (its origins are worked out over several tasks).
      let generation = 0;
      const emit = () => {
        if (last && !closed) cb({ ...last, status, needsPermission });
      };
      const unsubscribe = articles.subscribe(
        async (list) => {
          const mine = ++generation;
          const counts = countQueue(list);
          // Patterns without the port: Firefox finds no match for a pattern with one (an import from 127.0.0.1:8080).
          const origins = await waitingOrigins(list, nextTask, () => closed || mine !== generation);
          if (!origins) return;
          // Many sites: ask for all of them (the manifest's optional host access) rather than list each.
          const missing =
            origins.length > 0 &&
            !(await browser.permissions.contains({ origins: origins.length > 200 ? ALL_SITES : origins }).catch(() => false));
          if (mine !== generation) return;
          needsPermission = missing;
          last = { counts };
          emit();
        },
        (e) => console.warn('Gist: queue counts', e),
      );
      const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && QUEUE_STATUS_KEY in changes) {
          status = parseQueueStatus(changes[QUEUE_STATUS_KEY].newValue);
          emit();
        }
      };
      browser.storage.onChanged.addListener(onStorage);
      // Asking for the status also wakes a worker that was stopped mid-run.
      void (browser.runtime.sendMessage({ type: 'queue:status' }) as Promise<Result<QueueStatus> | undefined>)
        .then((r) => {
          if (r?.ok) {
            status = r.value;
            emit();
          }
        })
        .catch(() => undefined);
      return () => {
        closed = true;
        unsubscribe();
        browser.storage.onChanged.removeListener(onStorage);
      };
    },
    start(opts = {}) {
      const send = async (): Promise<{ ok: true } | { ok: false; error: string }> => {
        const r = (await browser.runtime.sendMessage({ type: 'queue:start', ...(opts.retryFailed ? { retryFailed: true } : {}) })) as
          Result<QueueStatus> | undefined;
        return r?.ok
          ? { ok: true }
          : { ok: false, error: r && !r.ok ? r.error : 'The background did not answer; reload the extension and try again.' };
      };
      if (!needsPermission) return send();
      // Synchronously in the click handler: Firefox drops the user gesture after an await.
      return browser.permissions
        .request({ origins: ALL_SITES })
        .then((granted: boolean) =>
          granted
            ? send()
            : { ok: false as const, error: 'Gist needs access to all sites to download the imported pages; nothing was fetched.' },
        );
    },
    async stop() {
      await browser.runtime.sendMessage({ type: 'queue:stop' });
    },
    fetchOne(id, url) {
      const send = async (): Promise<FetchOneAnswer> => {
        const r = (await browser.runtime.sendMessage({ type: 'queue:fetch-one', id })) as Result<FetchOneResult> | undefined;
        if (!r) return { fetched: false, reason: 'The background did not answer; reload the extension and try again.' };
        if (!r.ok) return { fetched: false, reason: r.error };
        return r.value.state === 'fetched' ? { fetched: true } : { fetched: false, reason: r.value.reason };
      };
      const origins = originPatterns([url]);
      if (!origins.length) return send(); // not a web address: the background says so
      // Synchronously in the click handler (Firefox drops the user gesture after an await). Only this
      // article's site; granted already, the browser answers at once without asking.
      return browser.permissions
        .request({ origins })
        .then((granted: boolean) =>
          granted
            ? send()
            : { fetched: false as const, reason: `Gist needs access to ${new URL(url).host} to download this page; nothing was fetched.` },
        );
    },
  };
}
