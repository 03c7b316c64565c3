// Import and export in the real library page (Chromium + the built extension): a Pocket export of
// links to loopback fixture pages is imported, the background queue fetches them (per-host gap
// between every two requests to one host, two hosts side by side, failures with reasons, stop, resume after the service worker was stopped), imported content reads
// at once, re-importing changes nothing, and a JSON export restores the library in a fresh profile.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, ROOT, serveFixtures, type ExtensionSession, type FixtureServer } from './harness';
import { itCorpus, sharedPath } from '../unit/corpus';

const PAGES = join(ROOT, 'tests/fixtures/import-e2e');
// A private copy of the build can be given (other runs may rebuild .output meanwhile).
const SHOTS = join(ROOT, 'test-results/screenshots');
const EXT_DIR = process.env.GIST_E2E_EXT || undefined;
const SAMPLE = sharedPath('corpora/import-samples/pocket/wallabag/ril_export.html');

interface Dump {
  articles: Record<string, Record<string, unknown>>;
  contents: Record<string, { html: string; text: string }>;
  images: Record<string, { src: string; size: number; type: string }[]>;
}

/** The whole library keyed by URL (ids differ between profiles), read straight from IndexedDB. */
async function dump(page: Page): Promise<Dump> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, ko) => {
      const r = indexedDB.open('gist');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((ok) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result as T[]);
      });
    const articles = await all<Record<string, unknown> & { id: number; url: string }>('articles');
    const contents = await all<{ articleId: number; html: string }>('contents');
    const texts = new Map((await all<{ articleId: number; text: string }>('texts')).map((t) => [t.articleId, t.text]));
    const images = await all<{ articleId: number; src: string; blob: Blob }>('images');
    db.close();
    const urlOf = new Map(articles.map((a) => [a.id, a.url]));
    const out: Dump = { articles: {}, contents: {}, images: {} };
    for (const { id: _id, ...a } of articles) out.articles[a.url] = a;
    for (const c of contents)
      out.contents[urlOf.get(c.articleId) ?? `orphan:${c.articleId}`] = { html: c.html, text: texts.get(c.articleId)! };
    for (const im of images)
      (out.images[urlOf.get(im.articleId) ?? `orphan:${im.articleId}`] ??= []).push({
        src: im.src,
        size: im.blob.size,
        type: im.blob.type,
      });
    for (const k of Object.keys(out.images)) out.images[k].sort((x, y) => x.src.localeCompare(y.src));
    return out;
  });
}

function pocketHtml(
  links: { url: string; title: string; tags?: string; time: number }[],
  archived: { url: string; title: string; time: number }[] = [],
): string {
  const li = (l: { url: string; title: string; tags?: string; time: number }) =>
    `<li><a href="${l.url}" time_added="${l.time}" tags="${l.tags ?? ''}">${l.title}</a></li>`;
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Pocket Export</title></head><body>\n<h1>Unread</h1>\n<ul>\n${links.map(li).join('\n')}\n</ul>\n<h1>Read Archive</h1>\n<ul>\n${archived.map(li).join('\n')}\n</ul>\n</body></html>\n`;
}

describe('import and export in Chromium', () => {
  let s: ExtensionSession;
  let server: FixtureServer;
  // A second host (another port: the queue keys hosts with their port), to show hosts don't wait for each other.
  let server2: FixtureServer;
  let page: Page;
  let tmp: string;
  let firstFile: string;
  const queue = () => page.getByTestId('queue-section');
  const attr = async (name: string) => Number(await queue().getAttribute(name));

  async function openPanel() {
    if (await page.getByTestId('import-export-panel').count()) return;
    await page.getByTestId('import-export').click();
    await page.getByTestId('import-export-panel').waitFor();
  }
  async function closePanel() {
    await page.getByTestId('import-export-close').click();
    await page.getByTestId('import-export-panel').waitFor({ state: 'detached' });
  }
  async function importFile(path: string) {
    await openPanel();
    const summary = page.getByTestId('import-summary');
    const before = (await summary.count()) ? await summary.textContent() : null;
    await page.getByTestId('import-file').setInputFiles(path);
    // The same file twice gives a new summary too (its counts differ, and so does its time).
    await expect
      .poll(
        async () =>
          (await page.getByTestId('import-progress').count()) === 0 &&
          (await summary.count()) > 0 &&
          (await summary.textContent()) !== before,
        { timeout: 30_000 },
      )
      .toBe(true);
    const r = page.getByTestId('import-result');
    return {
      imported: Number(await r.getAttribute('data-imported')),
      merged: Number(await r.getAttribute('data-merged')),
      duplicate: Number(await r.getAttribute('data-duplicate')),
      failed: Number(await r.getAttribute('data-failed')),
      problem: Number(await r.getAttribute('data-problem')),
      summary: (await page.getByTestId('import-summary').textContent()) ?? '',
    };
  }

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'gist-import-e2e-'));
    server = await serveFixtures(PAGES);
    server2 = await serveFixtures(PAGES);
    s = await launchWithExtension({ extDir: EXT_DIR });
    page = await s.context.newPage();
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(s.extUrl('library.html'));
    await page.waitForSelector('[data-testid=list-area]', { timeout: 20_000 });
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
    await server2?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('imports a Pocket export: links saved as not yet fetched, in-file repeats merged, bad rows failed with a reason', async () => {
    firstFile = join(tmp, 'ril_export.html');
    writeFileSync(
      firstFile,
      pocketHtml(
        [
          { url: server.url('story-1.html'), title: 'Tidal mills (saved title)', tags: 'coast,history', time: 1_700_000_000 },
          { url: server.url('story-2.html'), title: 'Lighthouse logbooks', time: 1_700_000_100 },
          { url: server.url('missing.html'), title: 'A page that is gone', time: 1_700_000_200 },
          { url: server.url('feed.json'), title: 'Not a page', time: 1_700_000_300 },
          { url: `${server.url('story-1.html')}?utm_source=newsletter`, title: 'Tidal mills again', tags: 'mills', time: 1_700_000_400 },
          { url: 'javascript:alert(1)', title: 'Evil', time: 1_700_000_500 },
          { url: server2.url('story-6.html'), title: 'Harbour on another host', time: 1_700_000_600 },
        ],
        [{ url: server.url('story-3.html'), title: 'Salt marsh', time: 1_600_000_000 }],
      ),
    );
    const r = await importFile(firstFile);
    expect(r).toMatchObject({ imported: 6, merged: 0, duplicate: 1 });
    expect(r.failed + r.problem).toBeGreaterThanOrEqual(1); // the javascript: link, with its reason
    expect(await page.getByTestId('import-report-rows').textContent()).toMatch(/javascript/);
    // The saved report lists every item of the file with its outcome and reason.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-save-report').click()]);
    const reportPath = join(tmp, dl.suggestedFilename());
    await dl.saveAs(reportPath);
    const lines = readFileSync(reportPath, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('where,url,outcome,reason');
    expect(lines.filter((l) => /,imported,/.test(l))).toHaveLength(6);
    expect(lines.filter((l) => /,duplicate,/.test(l))).toHaveLength(1);
    expect(lines.some((l) => l.includes('javascript:') && /,(failed|problem),/.test(l))).toBe(true);
    const d = await dump(page);
    const story1 = d.articles[server.url('story-1.html')];
    expect(story1).toMatchObject({ contentState: 'pending', title: 'Tidal mills (saved title)', savedAt: 1_700_000_000_000 });
    expect(story1.tags).toEqual(expect.arrayContaining(['coast', 'history', 'mills']));
    expect(d.articles[server.url('story-3.html')]).toMatchObject({ status: 'archived' });
    expect(Object.keys(d.contents)).toHaveLength(0);
    await expect.poll(() => attr('data-pending')).toBe(6);
    expect(await page.getByTestId('queue-start').textContent()).toBe('Fetch 6 articles');
  });

  it('the queue fetches each page once, a second apart per host, hosts side by side; pages become readable, failures keep their reason', async () => {
    const hitsBefore = server.hits.length;
    const reqBefore = [server.requests.length, server2.requests.length];
    const t0 = Date.now();
    await page.getByTestId('queue-start').click();
    await expect.poll(() => queue().getAttribute('data-running')).toBe('1');
    await expect
      .poll(async () => (await attr('data-pending')) === 0 && (await queue().getAttribute('data-running')) === '0', { timeout: 60_000 })
      .toBe(true);
    const ms = Date.now() - t0;
    expect(await attr('data-failed')).toBe(2);
    const reasons = await page
      .getByTestId('queue-failures')
      .textContent({ timeout: 1000 })
      .catch(async () => {
        await queue().locator('summary').click();
        return page.getByTestId('queue-failures').textContent();
      });
    expect(reasons).toContain('the page is gone (HTTP 404)');
    expect(reasons).toContain('Not a page: not a web page (application/octet-stream)');
    const pageHits = server.hits.slice(hitsBefore).filter((h) => !h.startsWith('/img/'));
    expect(new Set(pageHits).size).toBe(5);
    // Each page request as the servers saw it (images are part of their page's item, not paced).
    const pages = [...server.requests.slice(reqBefore[0]), ...server2.requests.slice(reqBefore[1])].filter(
      (r) => !r.path.startsWith('/img/'),
    );
    const byHost = new Map<string, number[]>();
    for (const r of pages) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r.at]);
    const gaps = [...byHost.values()].flatMap((at) => at.slice(1).map((t, i) => t - at[i]));
    console.log(`import e2e: queue fetched 6 pages (2 failed) on two hosts in ${ms} ms; gaps on one host ${gaps.join(', ')} ms`);
    // Every two consecutive requests to one host at least a second apart (a literal: the promise, not the setting).
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(1000);
    expect([...byHost.values()].map((at) => at.length).sort()).toEqual([1, 5]);
    // The other host is not held back by the first one's gap: its request comes within a second of one there.
    const [other] = byHost.get(new URL(server2.origin).host)!;
    expect(byHost.get(new URL(server.origin).host)!.some((t) => Math.abs(t - other) < 1000)).toBe(true);
    const d = await dump(page);
    const story1 = d.articles[server.url('story-1.html')];
    // What the import had is kept; what the page adds is filled in.
    expect(story1).toMatchObject({
      contentState: 'full',
      title: 'Tidal mills (saved title)',
      savedAt: 1_700_000_000_000,
      byline: 'Ines Halvorsen',
      imageCount: 1,
    });
    expect(d.contents[server.url('story-1.html')].text).toContain('The mills story continues (see the related piece)');
    expect(d.contents[server.url('story-1.html')].html).toContain(`href="${server.url('related.html')}"`);
    expect(d.images[server.url('story-1.html')]).toEqual([
      { src: server.url('img/frame.png'), size: readFileSync(join(PAGES, 'img/frame.png')).length, type: 'image/png' },
    ]);
    expect(d.articles[server.url('story-3.html')]).toMatchObject({ contentState: 'full', status: 'archived' });
    expect(d.articles[server.url('missing.html')]).toMatchObject({ contentState: 'failed', fetchError: 'the page is gone (HTTP 404)' });
  });

  it('Stop halts the queue; after the service worker is stopped, starting again resumes from the database', async () => {
    const file = join(tmp, 'second.html');
    writeFileSync(
      file,
      pocketHtml(
        ['story-4.html', 'story-5.html', 'story-6.html'].map((p, i) => ({
          url: server.url(p),
          title: `Second ${i}`,
          time: 1_700_001_000 + i,
        })),
      ),
    );
    expect((await importFile(file)).imported).toBe(3);
    await expect.poll(() => attr('data-pending')).toBe(3);
    await page.getByTestId('queue-start').click();
    await expect.poll(() => attr('data-pending'), { timeout: 20_000 }).toBeLessThan(3);
    await page.getByTestId('queue-stop').click();
    await expect.poll(() => queue().getAttribute('data-running')).toBe('0');
    const left = await attr('data-pending');
    await new Promise((r) => setTimeout(r, 2_500)); // > the host gap: nothing more may start
    expect(await attr('data-pending')).toBe(left);
    expect(left).toBeGreaterThan(0);

    const cdp = await s.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await closePanel();
    await openPanel();
    await page.getByTestId('queue-start').click();
    await expect
      .poll(async () => (await attr('data-pending')) === 0 && (await queue().getAttribute('data-running')) === '0', { timeout: 60_000 })
      .toBe(true);
    const d = await dump(page);
    for (const p of ['story-4.html', 'story-5.html', 'story-6.html']) expect(d.articles[server.url(p)].contentState).toBe('full');
  });

  it('imports content dropped onto the library (wallabag JSON): readable at once, images fetched by the queue', async () => {
    await closePanel();
    const json = JSON.stringify([
      {
        url: 'http://127.0.0.1:9/only-in-export',
        title: 'Kept from the export',
        is_archived: 0,
        is_starred: 1,
        tags: ['export'],
        created_at: '2024-01-02T03:04:05+00:00',
        content: `<p>Exported body with <b>words</b> that reads offline.</p><img src="${server.url('img/frame.png')}"><script>alert(1)</script><p onclick="x()">More</p>`,
      },
    ]);
    await page.evaluate(
      ({ json }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([json], 'wallabag-export.json', { type: 'application/json' }));
        document.querySelector('.library')!.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        document.querySelector('.library')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { json },
    );
    // The earlier files' reports stay on the page: wait for this file's.
    await page.locator('[data-testid=import-result][data-file="wallabag-export.json"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-result').getAttribute('data-imported')).toBe('1');
    const d = await dump(page);
    const a = d.articles['http://127.0.0.1:9/only-in-export'];
    expect(a).toMatchObject({ contentState: 'full', favorite: 1, tags: ['export'], pendingImages: [server.url('img/frame.png')] });
    expect(d.contents['http://127.0.0.1:9/only-in-export'].html).not.toMatch(/script|onclick/);
    await expect.poll(() => attr('data-images')).toBe(1);
    await page.getByTestId('queue-start').click();
    await expect
      .poll(async () => (await attr('data-images')) === 0 && (await queue().getAttribute('data-running')) === '0', { timeout: 30_000 })
      .toBe(true);
    expect((await dump(page)).images['http://127.0.0.1:9/only-in-export']).toHaveLength(1);
  });

  it('importing the same file again changes nothing', async () => {
    const before = await dump(page);
    const r = await importFile(firstFile);
    expect(r.imported).toBe(0);
    expect(r.duplicate).toBe(7); // 6 already there + the in-file repeat
    expect(await dump(page)).toEqual(before);
  });

  it('imported articles read offline', async () => {
    await closePanel();
    await server.close();
    await page.getByTestId('search').fill('Tidal');
    await page.getByTestId('article-row').filter({ hasText: 'Tidal mills (saved title)' }).first().click();
    await expect.poll(() => page.getByTestId('reader-body').textContent()).toContain('mills story continues');
    expect(await page.getByTestId('reader-body').locator('img').first().getAttribute('src')).toMatch(/^blob:/);
    server = await serveFixtures(PAGES); // for afterAll
    await page.goBack();
  });

  it('exports Gist JSON Lines that restores the same library in a fresh profile; bookmarks and Markdown download too', async () => {
    await page.goto(s.extUrl('library.html'));
    await openPanel();
    const saved: Record<string, string> = {};
    for (const kind of ['gist-json', 'netscape-html', 'markdown-zip']) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${kind}`).click()]);
      saved[kind] = join(tmp, dl.suggestedFilename());
      await dl.saveAs(saved[kind]);
      await expect.poll(() => page.getByTestId('export-message').textContent()).toContain('Saved');
    }
    expect(saved['gist-json']).toMatch(/gist-library-\d{4}-\d\d-\d\d\.jsonl$/);
    const lines = readFileSync(saved['gist-json'], 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'gist-export', version: 2 });
    expect(lines.at(-1)).toEqual({ end: true, articles: lines.length - 2 });
    expect(readFileSync(saved['netscape-html'], 'utf8')).toMatch(
      /<A HREF="http:\/\/127\.0\.0\.1:\d+\/story-1\.html" ADD_DATE="1700000000"[^>]* TAGS="coast,history,mills"/,
    );
    expect(readFileSync(saved['markdown-zip']).subarray(0, 2).toString()).toBe('PK');
    const original = await dump(page);

    const fresh = await launchWithExtension({ extDir: EXT_DIR });
    try {
      const p2 = await fresh.context.newPage();
      await p2.goto(fresh.extUrl('library.html'));
      await p2.getByTestId('import-export').click();
      await p2.getByTestId('import-file').setInputFiles(saved['gist-json']);
      await p2.getByTestId('import-result').waitFor({ timeout: 30_000 });
      expect(Number(await p2.getByTestId('import-result').getAttribute('data-imported'))).toBe(Object.keys(original.articles).length);
      const restored = await dump(p2);
      expect(restored).toEqual(original);
    } finally {
      await fresh.close();
    }
  });

  itCorpus('imports a real Pocket export (../shared sample) and a second time changes nothing', SAMPLE, async () => {
    const fresh = await launchWithExtension({ extDir: EXT_DIR });
    try {
      const p = await fresh.context.newPage();
      await p.goto(fresh.extUrl('library.html'));
      await p.getByTestId('import-export').click();
      await p.getByTestId('import-file').setInputFiles(SAMPLE);
      await p.getByTestId('import-result').waitFor({ timeout: 30_000 });
      const imported = Number(await p.getByTestId('import-result').getAttribute('data-imported'));
      expect(imported).toBeGreaterThan(0);
      const once = await dump(p);
      expect(Object.keys(once.articles)).toHaveLength(imported);
      await p.getByTestId('import-file').setInputFiles(SAMPLE);
      await expect.poll(() => p.getByTestId('import-result').getAttribute('data-imported')).toBe('0');
      expect(await dump(p)).toEqual(once);
      await expect.poll(() => p.getByTestId('queue-section').getAttribute('data-pending')).toBe(String(imported));
    } finally {
      await fresh.close();
    }
  });

  it('the report offers "Fetch now" on each link-only article: that page is fetched ahead of the queue, a failure says why', async () => {
    // Links no other test imported (a query makes a new key for the same fixture page).
    const ok = server2.url('story-2.html?via=fetch-now');
    const gone = server2.url('gone.html?via=fetch-now');
    const waiting = server2.url('story-3.html?via=fetch-now');
    const file = join(tmp, 'fetch-now.html');
    writeFileSync(
      file,
      pocketHtml(
        [
          { url: ok, title: 'Fetch me now', time: 1_700_001_000 },
          { url: gone, title: 'Gone already', time: 1_700_001_100 },
          { url: waiting, title: 'Left for the queue', time: 1_700_001_200 },
        ],
        [],
      ),
    );
    expect(await importFile(file)).toMatchObject({ imported: 3 });
    const rows = page.getByTestId('import-links').locator('li');
    await expect.poll(() => rows.count()).toBe(3);
    const row = (url: string) => page.locator(`[data-testid="import-links"] li[data-url="${url}"]`);
    for (const u of [ok, gone, waiting]) expect(await row(u).getByRole('button').textContent()).toBe('Fetch now');
    await page.getByTestId('import-links').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'import-report-fetch-now.png') });

    const before = server2.requests.length;
    await row(ok).getByRole('button', { name: 'Fetch now' }).click();
    await expect.poll(() => row(ok).getAttribute('data-state'), { timeout: 30_000 }).toBe('fetched');
    expect(await row(ok).textContent()).toContain('Fetched');
    await row(gone).getByRole('button', { name: 'Fetch now' }).click();
    await expect.poll(() => row(gone).getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
    expect(await row(gone).getByRole('alert').textContent()).toBe('Could not fetch: the page is gone (HTTP 404)');
    expect(await row(gone).getByRole('button').textContent()).toBe('Try again');
    await page.screenshot({ path: join(SHOTS, 'import-report-fetch-now-done.png') });

    // Only the two pages asked for went out; the third waits for the queue, which was not started.
    const paths = server2.requests.slice(before).map((r) => r.path);
    expect(paths.filter((p) => !p.startsWith('/img/')).sort()).toEqual(['/gone.html', '/story-2.html']);
    const d = await dump(page);
    const key = (u: string) => Object.keys(d.articles).find((k) => d.articles[k].originalUrl === u)!;
    expect(d.articles[key(ok)]).toMatchObject({ contentState: 'full', title: 'Fetch me now' });
    expect(d.contents[key(ok)].text.length).toBeGreaterThan(100);
    expect(d.articles[key(gone)]).toMatchObject({ contentState: 'failed', fetchError: 'the page is gone (HTTP 404)' });
    expect(d.articles[key(waiting)]).toMatchObject({ contentState: 'pending' });
    expect(await queue().getAttribute('data-running')).toBe('0');
  });
});
