import { browser } from 'wxt/browser';
import { openDb } from '../../lib/db/schema';
import { deleteArticle, setTags } from '../../lib/db/articles';
import { classifySender, isAllowed, parseRequest, type Request, type ResponseMap } from '../../lib/messaging/protocol';
import { classifyError, humanError } from '../../lib/messaging/errors';
import { analyzeFor, buildPreview, saveExtraction } from '../../lib/save/save-article';
import { createPreviewCache, extractionForSave, memoryArea, type SessionArea } from '../../lib/save/preview-cache';
import { fetchImage } from '../../lib/images/download';
import { forgetBadge, redrawBadges, setSavedBadge, setUnsavedBadge } from './badge';
import { extractInTab, identifyTab } from './tab-extraction';
import { domWork } from './dom-work';
import { createImportQueue } from './import-queue';
import { e2eHook } from './e2e-hooks';
import { createSavedState } from './saved-state';
import { linkInput, saveLink } from '../../lib/save/save-link';
import { createEarlyPreview, E2E_NO_HOST_ACCESS } from '../../lib/save/early-preview';
import { originPatterns } from '../../lib/url/match-patterns';
import { installSyncAlarm, onSyncAlarm } from './sync-alarm';
import { SYNC_ALARM } from '../../lib/sync/keys';
import { WPM_KEY } from '../../lib/reading-time/speed';

export default defineBackground(() => {
  // Opened lazily per event: the service worker is stopped when idle and keeps no state.
  let db: ReturnType<typeof openDb> | undefined;
  const getDb = () => (db ??= openDb());
  const deps = () => ({ db: getDb(), prepareHtml: domWork.prepareHtml, analyzePage: domWork.analyzePage, fetchImage });
  // The preview's extraction, kept per tab so Save stores what the popup showed.
  const session = (browser.storage as unknown as { session?: SessionArea }).session;
  const previews = createPreviewCache(session ?? memoryArea());
  const saveSource = { cache: previews, identify: identifyTab, extract: extractInTab };
  // Saved or not, and one reading time, on the toolbar button. No key resolver yet: a canonical on another
  // host that the cheap rules cannot settle shows as unsaved until the popup (exact) is opened.
  const savedState = createSavedState(getDb, session ?? memoryArea());
  // E2E builds only, read by tests/e2e/real-pages.test.ts: how long each early extraction took,
  const earlyMs: number[] = [];
  // what each page reported (the badge where the extraction cannot run ahead: no host access): the
  // popup's extraction's counts (counted) or, where that did not load, detection's estimate,
  const detected: Record<string, { words: number; cjkChars: number; images: number; counted: boolean }> = {};
  // and whether to act as the usual install does, without host access (set by a test in storage.local).
  const noHostAccess = async () => (await browser.storage.local.get(E2E_NO_HOST_ACCESS))[E2E_NO_HOST_ACCESS] === true;
  const timed =
    (f: typeof extractInTab): typeof extractInTab =>
    async (tabId) => {
      const t0 = performance.now();
      try {
        return await f(tabId);
      } finally {
        earlyMs.push(performance.now() - t0);
      }
    };
  // The popup's extraction run as soon as detection calls a page an article (where host access allows),
  // so the badge shows the popup's number and the popup opens on the cached preview.
  const early = createEarlyPreview({
    cache: previews,
    extract: import.meta.env.MODE === 'e2e' ? timed(extractInTab) : extractInTab,
    tab: async (tabId) => {
      const t = await browser.tabs.get(tabId);
      return { active: !!t.active, url: t.url };
    },
    mayRun: async (url) =>
      !(import.meta.env.MODE === 'e2e' && (await noHostAccess())) && browser.permissions.contains({ origins: originPatterns([url]) }),
    pending: session ?? memoryArea(),
  });
  browser.tabs.onActivated.addListener(({ tabId }) => {
    void early
      .onActivated(tabId)
      .then(async (counts) => {
        const tab = counts && (await browser.tabs.get(tabId));
        if (counts && tab?.url) await savedState.onExtracted(tabId, tab.url, counts);
      })
      .catch(() => undefined); // the tab may be gone
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void previews.drop(tabId).catch(() => undefined);
    void early.forget(tabId);
    void forgetBadge(tabId);
  });
  // A new reading speed (set in the library) shows on every open tab's badge, not on its next visit.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && WPM_KEY in changes) void redrawBadges().catch((e: unknown) => console.warn('Gist: badges not redrawn', e));
  });
  // Fetches imported links in the background; its alarm resumes it after the worker was stopped.
  const queue = createImportQueue(getDb);
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void onSyncAlarm().catch((e: unknown) => console.warn('Gist: sync round not started', e));
    else queue.onAlarm(alarm.name);
  });
  installSyncAlarm();
  // Every start of the background resumes a run left going: a browser restart, an update, a disable and
  // enable, a woken worker. Firefox keeps no alarms across these, so waiting for one would wait forever.
  void queue.kick().catch((e: unknown) => console.warn('Gist: fetch queue not resumed', e));
  // First install only (not updates): open the library, whose empty state says what Gist does.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/library.html') }).catch(() => undefined);
  });

  // A database that failed to open (private window, damaged profile) is dropped so the next request
  // tries again instead of repeating the cached failure.
  const errorText = (e: unknown, action?: string) => {
    if (classifyError(e) === 'db-open' && db) {
      db.close();
      db = undefined;
    }
    console.warn('Gist:', e);
    return humanError(e, action);
  };

  async function handle(req: Request, tabId: number | undefined): Promise<ResponseMap[Request['type']]> {
    switch (req.type) {
      case 'detect:report':
        if (import.meta.env.MODE === 'e2e')
          detected[req.url] = { words: req.wordCount, cjkChars: req.cjkChars ?? 0, images: req.images ?? 0, counted: !!req.counted };
        if (tabId !== undefined) await savedState.onDetect(tabId, req, (t, url) => early.onArticle(t, url));
        return null;
      case 'popup:preview':
        try {
          // The extraction made for the badge when the tab still shows that page load, else a new one.
          await early.settled(req.tabId);
          const held = await early.held(req.tabId, identifyTab);
          const kept = held ? { extraction: held, analysis: undefined } : await extractionForSave(req.tabId, saveSource);
          const extraction = kept.extraction;
          // Tags and storage key in one call where the word table and the Public Suffix List live.
          const analysis = kept.analysis ?? (await analyzeFor(extraction, domWork.analyzePage));
          await previews.put(req.tabId, extraction, analysis).catch((e: unknown) => console.warn('Gist: preview not kept', e));
          const value = await buildPreview(extraction, analysis, getDb());
          await savedState.onPreview(req.tabId, value).catch(() => undefined); // the tab may be gone
          return { ok: true, value };
        } catch (e) {
          return { ok: false, error: errorText(e, 'read your library') };
        }
      case 'article:save':
        try {
          const { extraction, analysis } = await extractionForSave(req.tabId, saveSource);
          const value = await saveExtraction(extraction, req.tags, deps(), analysis);
          await setSavedBadge(req.tabId, true).catch(() => undefined); // the tab may be gone
          return { ok: true, value };
        } catch (e) {
          await setSavedBadge(req.tabId, false).catch(() => undefined);
          return { ok: false, error: errorText(e) };
        }
      case 'article:save-link':
        try {
          const { extraction, analysis } = await extractionForSave(req.tabId, saveSource);
          const key = (analysis ?? (await analyzeFor(extraction, domWork.analyzePage))).key;
          const tab = await browser.tabs.get(req.tabId).catch(() => undefined);
          const value = await saveLink(getDb(), linkInput(extraction, tab?.title, key));
          await setSavedBadge(req.tabId, true).catch(() => undefined);
          return { ok: true, value };
        } catch (e) {
          return { ok: false, error: errorText(e) };
        }
      case 'article:remove':
        try {
          await deleteArticle(getDb(), req.id);
          if (req.tabId !== undefined) await setUnsavedBadge(req.tabId).catch(() => undefined);
          return { ok: true, value: null };
        } catch (e) {
          return { ok: false, error: errorText(e, 'remove this article') };
        }
      case 'article:set-tags':
        try {
          await setTags(getDb(), req.id, req.tags);
          return { ok: true, value: null };
        } catch (e) {
          return { ok: false, error: errorText(e, 'change the tags') };
        }
      case 'queue:start':
      case 'queue:stop':
      case 'queue:status':
        try {
          const value =
            req.type === 'queue:start'
              ? await queue.start({ retryFailed: req.retryFailed })
              : req.type === 'queue:stop'
                ? await queue.stop()
                : await queue.status();
          return { ok: true, value };
        } catch (e) {
          return { ok: false, error: errorText(e, 'fetch the imported articles') };
        }
      case 'queue:fetch-one':
        try {
          return { ok: true, value: await queue.fetchOne(req.id) };
        } catch (e) {
          return { ok: false, error: errorText(e, 'fetch this article') };
        }
    }
  }

  browser.runtime.onMessage.addListener((msg, sender) => {
    // E2E builds only (dropped from production bundles): test hooks, see e2e-hooks.ts.
    if (import.meta.env.MODE === 'e2e' && (msg as { type?: unknown } | null)?.type === 'e2e:hook')
      return e2eHook(msg as object, sender, { saveFromShortcut });
    const req = parseRequest(msg);
    if (!req) return undefined; // not ours (e.g. a message meant for the offscreen document)
    const kind = classifySender(sender, browser.runtime.id, browser.runtime.getURL('/'));
    if (!isAllowed(req, kind)) {
      console.warn('Gist: refused', req.type, 'from', kind, sender.url);
      return undefined;
    }
    return handle(req, sender.tab?.id);
  });

  // The keyboard shortcut saves without the popup: the badge turns green (saved) or red (failed) and a
  // short note in the page says so. A page scripts cannot run in (the extraction failed there too) gets
  // the badge only.
  async function saveFromShortcut(tabId: number): Promise<boolean> {
    const toast = (message: string, ok: boolean) =>
      savedState.toast(tabId, message, ok).catch((e: unknown) => console.warn('Gist: no note in the page', e));
    try {
      const { extraction, analysis } = await extractionForSave(tabId, saveSource);
      const r = await saveExtraction(extraction, undefined, deps(), analysis);
      await setSavedBadge(tabId, true);
      await toast(r.created ? 'Saved to Gist' : 'Saved to Gist (updated)', true);
      return true;
    } catch (e) {
      const message = errorText(e);
      console.warn('Gist: save from shortcut failed:', message);
      await setSavedBadge(tabId, false).catch(() => undefined);
      await toast(`Gist could not save this page: ${message}`, false);
      return false;
    }
  }

  browser.commands?.onCommand.addListener(async (command, tab) => {
    if (command !== 'save-page') return;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId !== undefined) await saveFromShortcut(tabId);
  });

  // E2E builds only: automation cannot press a browser-level shortcut, so tests call what it calls.
  if (import.meta.env.MODE === 'e2e') {
    (globalThis as unknown as { gistTest: object }).gistTest = { saveFromShortcut, earlyMs, detected };
  }
});
