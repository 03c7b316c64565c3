// E2E harness: the built extension in real Chromium, fixture pages from a loopback-only server.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(ROOT, 'tests/fixtures/pages');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((p): p is string => !!p && existsSync(p));
  if (!found)
    throw new Error(`No Chromium found (tried ${CANDIDATES.join(', ')}); install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  return found;
}

/** The extension build to load: `.output/chrome-mv3-e2e` for tests, `.output/chrome-mv3` otherwise. */
export function extensionDir(mode: 'e2e' | 'production' = 'e2e'): string {
  const dir = join(ROOT, '.output', mode === 'e2e' ? 'chrome-mv3-e2e' : 'chrome-mv3');
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`No built extension at ${dir}: run npm run build${mode === 'e2e' ? ':e2e' : ''} first.`);
  return dir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
};

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
  /** Paths requested so far (to prove what came from the network). */
  hits: string[];
  /** Every request with the host it was addressed to and when it arrived (Date.now()). */
  requests: { path: string; host: string; at: number }[];
}

/** Serves a folder on 127.0.0.1 only, on a free port. */
export async function serveFixtures(dir = FIXTURES): Promise<FixtureServer> {
  const hits: string[] = [];
  const requests: FixtureServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    hits.push(path);
    requests.push({ path, host: req.headers.host ?? '', at: Date.now() });
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    hits,
    requests,
    url: (p) => `${origin}/${p.replace(/^\//, '')}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Serves pages written into a fresh temporary folder (generated or copied); close() also deletes it. */
export async function serveGeneratedPages(pages: Record<string, string | Buffer>): Promise<FixtureServer & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gist-pages-'));
  for (const [name, body] of Object.entries(pages)) writeFileSync(join(dir, name), body);
  const server = await serveFixtures(dir);
  return {
    ...server,
    dir,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-default-browser-check',
];

export interface ExtensionSession {
  context: BrowserContext;
  /** The browser profile (removed by close): benchmarks read the storage engine's logs from it. */
  userDataDir: string;
  extensionId: string;
  worker: Worker;
  /** The extension's service worker, fetched again in case Chromium restarted it. */
  sw(): Promise<Worker>;
  extUrl(path: string): string;
  tabIdOf(url: string): Promise<number>;
  badgeText(tabId: number): Promise<string>;
  close(): Promise<void>;
}

export async function launchWithExtension(
  opts: {
    headless?: boolean;
    extDir?: string;
    allowOrigins?: string[];
    keepInstallTab?: boolean;
    /** A profile to use and keep (benchmarks reuse a seeded library); default a fresh one, removed on close. */
    profileDir?: string;
    /** More Chromium switches (a benchmark's probes, e.g. a startup trace). */
    args?: string[];
  } = {},
): Promise<ExtensionSession> {
  const extDir = opts.extDir ?? extensionDir();
  const userDataDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'gist-e2e-'));
  // A profile used before has the extension installed already: no welcome tab opens.
  const reused = existsSync(join(userDataDir, 'Default'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: opts.headless ?? true,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, ...(opts.args ?? [])],
  });
  // Nothing leaves the machine: loopback and the extension itself only.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    const ok =
      /^(chrome-extension|blob|data):/.test(u) ||
      u.startsWith('http://127.0.0.1') ||
      (opts.allowOrigins ?? []).some((o) => u.startsWith(o));
    return ok ? route.continue() : route.abort();
  });
  let worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  // A fresh install opens the library once (the welcome). Left open, that tab would be the active one
  // and the tests' own pages would run as background tabs (throttled timers, animation frames and
  // transitions), so it is closed unless a test asks to look at it.
  if (!opts.keepInstallTab && !reused) {
    const lib = `chrome-extension://${extensionId}/library.html`;
    const end = Date.now() + 10_000;
    let tab = context.pages().find((p) => p.url().startsWith(lib));
    while (!tab && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      tab = context.pages().find((p) => p.url().startsWith(lib));
    }
    await tab?.close();
  }
  const sw = async () => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    if (live) return (worker = live);
    return (worker = await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  };
  return {
    context,
    userDataDir,
    extensionId,
    worker,
    sw,
    extUrl: (p) => `chrome-extension://${extensionId}/${p.replace(/^\//, '')}`,
    async tabIdOf(url) {
      const w = await sw();
      const id = await w.evaluate(async (u) => {
        const tabs = await chrome.tabs.query({});
        return (tabs as { id?: number; url?: string }[]).find((t) => t.url === u)?.id ?? -1;
      }, url);
      if (id < 0) throw new Error(`no tab with url ${url}`);
      return id;
    },
    async badgeText(tabId) {
      const w = await sw();
      return w.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    },
    async close() {
      await context.close();
      if (!opts.profileDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until fn returns a truthy value (badge updates arrive asynchronously). */
export async function waitFor<T>(fn: () => Promise<T>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await fn().catch(() => undefined as T);
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export async function openPopupFor(session: ExtensionSession, tabId: number): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.goto(session.extUrl(`popup.html?tabId=${tabId}`));
  return popup;
}

// ---- Library seeding (library E2E and scripts/bench-library.ts) ----

/** An article as stored, plus its body; ids are assigned by the database. */
export interface SeedArticle {
  record: Omit<import('../../lib/db/schema').ArticleRecord, 'id'>;
  html: string;
  text: string;
  /** Image bytes inline, or `pooled`: an index into the `pool` given to seedArticles (sent once). */
  images?: { src: string; type: string; bytes?: number[]; pooled?: number }[];
}

/**
 * TypeScript that imports the app's modules (paths from the repo root), bundled into one script to
 * `page.evaluate` in an extension page: seeding here, the index-build benchmark's probes.
 */
export async function bundleForPage(contents: string): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
    target: 'chrome120',
  });
  return out.outputFiles[0].text;
}

let seedBundle: string | null = null;

/**
 * Writes articles into the extension's real IndexedDB through the app's own Dexie schema (lib/db),
 * from inside an extension page (same origin as the library). Returns the new ids in order.
 */
export async function seedArticles(page: Page, articles: SeedArticle[], pool: Uint8Array[] = []): Promise<number[]> {
  if (!seedBundle) {
    seedBundle = await bundleForPage(`
          import { openDb } from './lib/db/schema';
          import { bulkPutBodies } from './lib/db/contents';
          const db = openDb();
          globalThis.__gistSeed = async (items) => db.transaction('rw', [db.articles, db.contents, db.texts, db.images], async () => {
            const ids = await db.articles.bulkAdd(items.map((i) => i.record), { allKeys: true });
            await bulkPutBodies(db, items.map((i, k) => ({ articleId: ids[k], html: i.html, text: i.text })));
            const imgs = items.flatMap((i, k) => (i.images || []).map((im) => ({ articleId: ids[k], src: im.src, blob: new Blob([im.bytes ? new Uint8Array(im.bytes) : globalThis.__gistPool[im.pooled]], { type: im.type }) })));
            if (imgs.length) await db.images.bulkAdd(imgs);
            return ids;
          });`);
  }
  await page.evaluate(seedBundle);
  await page.evaluate(
    (b64s) => {
      (globalThis as unknown as { __gistPool: Uint8Array[] }).__gistPool = b64s.map((b) =>
        Uint8Array.from(atob(b), (c) => c.charCodeAt(0)),
      );
    },
    pool.map((b) => Buffer.from(b).toString('base64')),
  );
  const ids: number[] = [];
  for (let i = 0; i < articles.length; i += 500) {
    ids.push(
      ...(await page.evaluate(
        (items) => (globalThis as unknown as { __gistSeed(x: unknown): Promise<number[]> }).__gistSeed(items),
        articles.slice(i, i + 500),
      )),
    );
  }
  return ids;
}
