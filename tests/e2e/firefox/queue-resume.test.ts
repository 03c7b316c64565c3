// The import fetch queue survives its background page stopping, in Firefox: six imported links on a
// loopback host (one request a second per host), the queue started from the library, and the add-on
// restarted after the first page (runtime.reload: the background page stops and starts again, as on an
// update or a disable/enable; its alarms go with it). No extension page is open afterwards, so nothing
// but the background itself can resume the queue: every remaining page must still be fetched. (Before
// the fix nothing did: Firefox had dropped the alarm, and the status stayed "running" until the library
// was opened again.) The links are on 127.0.0.1:PORT, which also checks host access for an origin with a
// port: Firefox matches no permission pattern that has one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, serveFixtures, type FixtureServer } from '../harness';
import { launchFirefox, type FirefoxSession } from './harness';

const PAGES = join(ROOT, 'tests/fixtures/import-e2e');
const STORIES = [1, 2, 3, 4, 5, 6].map((i) => `story-${i}.html`);
const T = (id: string) => `[data-testid=${id}]`;

describe('import queue resumes after the background restarts (Firefox)', () => {
  let d: FirefoxSession;
  let server: FixtureServer;
  let tmp = '';

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'gist-ff-queue-'));
    server = await serveFixtures(PAGES);
    d = await launchFirefox();
  });
  afterAll(async () => {
    await d?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const fetched = () => new Set(server.requests.filter((r) => STORIES.includes(r.path.slice(1))).map((r) => r.path.slice(1)));

  it('fetches the remaining pages after a restart mid-queue, with no library page open', async () => {
    const file = join(tmp, 'ril_export.html');
    const li = STORIES.map((p, i) => `<li><a href="${server.url(p)}" time_added="${1_700_000_000 + i}" tags="">Story ${i + 1}</a></li>`);
    writeFileSync(file, `<!DOCTYPE html><html><body><h1>Unread</h1><ul>${li.join('\n')}</ul></body></html>`);

    const lib = await d.openExtensionPage('library.html');
    await expect.poll(() => lib.count(T('list-area')), { timeout: 20_000 }).toBe(1);
    await lib.click(T('import-export'));
    await lib.uploadFile(T('import-file'), file);
    await expect.poll(() => lib.count(T('import-result')), { timeout: 30_000 }).toBe(1);
    expect(await lib.eval<string>(`document.querySelector('[data-testid=import-result]').dataset.imported`)).toBe('6');
    await expect.poll(() => lib.eval<string>(`document.querySelector('[data-testid=queue-section]')?.dataset.pending`)).toBe('6');

    await lib.click(T('queue-start'));
    await expect.poll(() => fetched().size, { timeout: 20_000 }).toBeGreaterThan(0);
    const before = fetched().size;
    await d.restartAddon(); // closes the library page too
    const restartedAt = Date.now();
    expect(before, 'the restart came mid-queue').toBeLessThan(STORIES.length);

    await expect.poll(() => fetched().size, { timeout: 20_000, interval: 250 }).toBe(STORIES.length);
    const firstAfter = Math.min(...server.requests.filter((r) => r.at >= restartedAt).map((r) => r.at));
    console.log(`firefox queue: ${before} page(s) before the restart; resumed ${firstAfter - restartedAt} ms after it`);

    // The library agrees: nothing pending, the queue finished by itself, every page stored in full.
    const again = await d.openExtensionPage('library.html');
    const states = await again.eval<string[]>(`new Promise((ok, ko) => {
      const r = indexedDB.open('gist');
      r.onerror = () => ko(r.error);
      r.onsuccess = () => {
        const q = r.result.transaction('articles').objectStore('articles').getAll();
        q.onsuccess = () => { ok(q.result.map((a) => a.contentState)); r.result.close(); };
      };
    })`);
    expect(states).toEqual(STORIES.map(() => 'full'));
    const status = await again.eval<{ value: { running: boolean; done: number } }>(`browser.runtime.sendMessage({ type: 'queue:status' })`);
    expect(status.value.running).toBe(false);
    expect(await d.hook('alarms'), 'the alarm ends with the run').toEqual([]);
  });
});
