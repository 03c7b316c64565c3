// What bench:library reads from the library page and its storage, apart from the visits it times: the
// first-row and index-ready marks, the saved index's watermark, LevelDB's log, the service worker.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { INDEX_KEY } from '../../lib/search/index-store';

/** Init script: stamps window.__firstRowAt (first article row painted) and window.__indexReadyAt. */
export const FIRST_ROW_SCRIPT = `(() => {
      const mark = () => { if (window.__firstRowAt) return; if (document.querySelector('[data-testid=article-row]')) {
        window.__firstRowSeen = performance.now();
        requestAnimationFrame(() => setTimeout(() => { window.__firstRowAt = performance.now(); }, 0)); } };
      const ready = () => { if (!window.__indexReadyAt && document.querySelector('[data-testid=list-area][data-index=ready]')) window.__indexReadyAt = performance.now(); };
      new MutationObserver(mark).observe(document, { childList: true, subtree: true });
      new MutationObserver(ready).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-index'] });
    })();`;

/** The extension origin's IndexedDB is one LevelDB; its LOG says when it compacted or replayed its log. */
export function storageLog(userDataDir: string, from: number, to: number): string[] {
  const base = join(userDataDir, 'Default', 'IndexedDB');
  if (!existsSync(base)) return [];
  const lines: string[] = [];
  for (const d of readdirSync(base).filter((x) => x.startsWith('chrome-extension') && x.endsWith('.leveldb')))
    for (const f of ['LOG.old', 'LOG'])
      if (existsSync(join(base, d, f)))
        for (const line of readFileSync(join(base, d, f), 'utf8').split('\n')) {
          const m = /^(\d{4})\/(\d\d)\/(\d\d)-(\d\d):(\d\d):(\d\d\.\d+)/.exec(line);
          if (!m) continue;
          const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) + Number(m[6]) * 1000;
          if (t >= from && t <= to) lines.push(`    ${((t - from) / 1000).toFixed(3)} s ${line.slice(27)}`);
        }
  return lines;
}

/** Stops the extension's service worker through CDP, as Chrome does after 30 s idle. */
export async function stopWorker(context: BrowserContext): Promise<void> {
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await p.close();
}

// The saved index (gist-search-cache), read straight from IndexedDB: its watermark once written,
// and the newest change-log row of the library.
const read = (page: Page, js: string) => page.evaluate(js) as Promise<number | null>;
export const lastSeq = (page: Page) =>
  read(
    page,
    `new Promise((resolve) => { const r = indexedDB.open('gist'); r.onsuccess = () => { const db = r.result;
          const c = db.transaction('changes').objectStore('changes').openCursor(null, 'prev');
          c.onsuccess = () => { db.close(); resolve(c.result ? c.result.key : 0); }; }; r.onerror = () => resolve(null); })`,
  );
export const savedWatermark = (page: Page) =>
  read(
    page,
    `new Promise((resolve) => {
        const r = indexedDB.open('gist-search-cache');
        r.onerror = () => resolve(null);
        r.onsuccess = () => { const db = r.result;
          if (!db.objectStoreNames.contains('kv')) { db.close(); return resolve(null); }
          const g = db.transaction('kv').objectStore('kv').get('${INDEX_KEY}');
          g.onsuccess = () => { db.close(); resolve(g.result ? g.result.value.watermark : null); };
          g.onerror = () => { db.close(); resolve(null); }; };
      })`,
  );

/** Waits until the page's whole list, counts and decoded postings are in, then a second for storage to idle. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => ['gist:list', 'gist:counts', 'gist:postings-decoded'].every((m) => performance.getEntriesByName(m).length),
    null,
    {
      timeout: 120_000,
      polling: 100,
    },
  );
  await page.waitForTimeout(1000);
}
