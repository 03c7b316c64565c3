// Firefox E2E harness: Debian's firefox-esr driven by puppeteer-core 24 over WebDriver BiDi, with the
// built MV2 add-on (.output/firefox-mv2-e2e) installed through browser.installExtension().
//
// What works (Firefox ESR 153, Node 20), and why the harness looks like this:
// - puppeteer-core 25 needs Node 22; 24 is the last for Node 20. No geckodriver here.
// - The driver cannot navigate to moz-extension:// pages (page.goto needs --remote-allow-system-access
//   and may then never return), and cannot reach the MV2 background page. So the e2e build's detect
//   content script carries a bridge (entrypoints/detect.content/e2e-bridge.ts): a page on the fixture
//   server posts { gistE2E, op, arg } to itself and the background answers (entrypoints/background/
//   e2e-hooks.ts): badge text, tab ids, "open this extension page in a new tab" (tabs.create), the
//   shortcut's save, the registered commands. The harness keeps one "control" tab on its own loopback
//   page for that, so extension pages open even after the fixture server is gone (offline reading).
// - A tab the extension opened shows up as a new target (browser.waitForTarget); its page.url() can
//   stay stale, so the harness reads location.href in the page instead.
// - Extension pages have `browser.*` in their own scope: page.evaluate there reaches the real APIs.
// - page.setOfflineMode(true) works per page over BiDi (fetch fails, navigator.onLine is false); the
//   driver applies it to every open page and to pages opened later.
// - The extension UUID is pinned with the pref extensions.webextensions.uuids, so moz-extension URLs
//   are stable across runs.
// - Page code is passed as strings: functions would be serialised with the test bundler's helpers.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { ROOT, serveGeneratedPages } from '../harness';
import { dragWith, type BrowserDriver, type UiPage } from '../shared/driver';

export const GECKO_ID = 'gist-reader@gist.local';
export const EXTENSION_UUID = '6f1c3f0e-6a43-4d2b-9f2e-3b8e8d1c0a11';
const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export function findFirefox(): string | null {
  return [process.env.FIREFOX_PATH, ...CANDIDATES].find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** The manifest version under test: GIST_FIREFOX_MV=3 runs the same tests on the MV3 build (2, the shipped one, by default). */
export const FIREFOX_MV: 2 | 3 = process.env.GIST_FIREFOX_MV === '3' ? 3 : 2;

/** `.output/firefox-mv2-e2e` (or -mv3-): the Firefox build with the e2e hooks (npx wxt build -b firefox --mode e2e [--mv3]). */
export function firefoxExtensionDir(): string {
  const dir = join(ROOT, `.output/firefox-mv${FIREFOX_MV}-e2e`);
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`No built add-on at ${dir}: run npx wxt build -b firefox --mode e2e${FIREFOX_MV === 3 ? ' --mv3' : ''} first.`);
  return dir;
}

const q = (v: unknown) => JSON.stringify(v);

export function puppeteerPage(page: Page): UiPage {
  const one = async (s: string): Promise<ElementHandle<Element>> => {
    const h = await page.waitForSelector(s, { timeout: 15_000 });
    if (!h) throw new Error(`no element matches ${s}`);
    return h;
  };
  return {
    text: (s) => page.evaluate(`document.querySelector(${q(s)})?.textContent ?? null`) as Promise<string | null>,
    texts: (s) => page.evaluate(`[...document.querySelectorAll(${q(s)})].map((e) => e.textContent ?? '')`) as Promise<string[]>,
    count: (s) => page.evaluate(`document.querySelectorAll(${q(s)}).length`) as Promise<number>,
    visible: (s) =>
      page.evaluate(
        `(() => { const e = document.querySelector(${q(s)}); return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'; })()`,
      ) as Promise<boolean>,
    click: async (s) => (await one(s)).click(),
    async clickButton(name) {
      const h = await page.waitForFunction(
        `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${q(name)} && b.getClientRects().length > 0)`,
        { timeout: 15_000 },
      );
      const el = h.asElement() as ElementHandle<Element> | null;
      if (!el) throw new Error(`no button named ${name}`);
      await el.click();
    },
    async fill(s, v) {
      const el = await one(s);
      // Ctrl+A, then type over it: a triple click over BiDi does not always select the whole value
      // (seen: a new server address typed after the old one).
      await el.click();
      await page.keyboard.down('Control');
      await page.keyboard.press('a');
      await page.keyboard.up('Control');
      await el.type(v);
      const now = await page.evaluate(`document.querySelector(${q(s)}).value`);
      if (now !== v) throw new Error(`fill ${s}: the field holds ${JSON.stringify(now)}, not ${JSON.stringify(v)}`);
    },
    async press(s, key) {
      await (await one(s)).focus();
      if (key === 'Control+Enter') {
        await page.keyboard.down('Control');
        await page.keyboard.press('Enter');
        await page.keyboard.up('Control');
      } else await page.keyboard.press(key);
    },
    drag: (from, to) => dragWith(page.mouse, from, to),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    setViewport: (width, height) => page.setViewport({ width, height }),
    uploadFile: async (s, path) => ((await one(s)) as ElementHandle<HTMLInputElement>).uploadFile(path),
    eval: <T>(e: string) => page.evaluate(e) as Promise<T>,
    async reload() {
      // page.reload() waits on a navigation event that moz-extension pages may never report.
      await page.evaluate('location.reload()');
      await page.waitForFunction(`document.readyState === 'complete' && !!document.querySelector('#app > *')`, {
        timeout: 20_000,
        polling: 100,
      });
    },
    close: () => page.close(),
  };
}

export interface FirefoxSession extends BrowserDriver {
  browser: Browser;
  /** Calls a background e2e hook through the control tab. */
  hook<T>(op: string, arg?: unknown): Promise<T>;
  extUrl(path: string): string;
  /** Restarts the add-on (runtime.reload: its background page stops and starts, its pages close), then reconnects the control tab. */
  restartAddon(): Promise<void>;
}

const HOOK = `(op, arg) => new Promise((ok, bad) => {
  const id = Math.random();
  const on = (e) => {
    if (!e.data || e.data.gistE2EReply !== id) return;
    removeEventListener('message', on);
    if (e.data.error) bad(new Error(e.data.error)); else ok(e.data.value);
  };
  addEventListener('message', on);
  postMessage({ gistE2E: id, op, arg }, location.origin);
})`;

export async function launchFirefox(opts: { extDir?: string; prefs?: Record<string, unknown> } = {}): Promise<FirefoxSession> {
  const executablePath = findFirefox();
  if (!executablePath)
    throw new Error('No Firefox found (tried FIREFOX_PATH, /usr/bin/firefox-esr, /usr/bin/firefox): apt-get install firefox-esr.');
  const extDir = opts.extDir ?? firefoxExtensionDir();
  const control = await serveGeneratedPages({
    'bridge.html': '<!doctype html><meta charset="utf-8"><title>Gist e2e control</title><p>Test control page.</p>',
  });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // Nothing leaves the machine: no update checks, telemetry, captive portal or safe-browsing lists.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.update.enabled': false,
      ...opts.prefs,
    },
  });
  let offline = false;
  try {
    await browser.installExtension(extDir);
    const controlPage = (await browser.pages())[0] ?? (await browser.newPage());
    await controlPage.goto(control.url('bridge.html'));
    await controlPage.waitForSelector('html[data-gist-e2e=ready]', { timeout: 20_000 });
    const hook = <T>(op: string, arg?: unknown) => controlPage.evaluate(`(${HOOK})(${q(op)}, ${q(arg ?? null)})`) as Promise<T>;
    const tabIdOf = async (url: string) => {
      const id = await hook<number | null>('tab-id', url);
      if (id === null) throw new Error(`no tab with url ${url}`);
      return id;
    };
    return {
      name: 'firefox',
      browser,
      hook,
      extUrl: (p) => `moz-extension://${EXTENSION_UUID}/${p.replace(/^\//, '')}`,
      async openTab(url) {
        const page = await browser.newPage();
        if (offline) await page.setOfflineMode(true);
        await page.goto(url);
        return { tabId: await tabIdOf(url), page: puppeteerPage(page) };
      },
      badgeText: (tabId) => hook<string>('badge', tabId),
      async openExtensionPage(path) {
        const known = new Set(browser.targets());
        const url = `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//, '')}`;
        const [target] = await Promise.all([
          browser.waitForTarget((t) => t.type() === 'page' && !known.has(t), { timeout: 20_000 }),
          hook('open-tab', `/${path.replace(/^\//, '')}`),
        ]);
        const page = await target.page();
        if (!page) throw new Error(`no page for ${path}`);
        await page.waitForFunction(`location.href === ${q(url)} && document.readyState === 'complete'`, { timeout: 20_000, polling: 100 });
        if (offline) await page.setOfflineMode(true);
        return puppeteerPage(page);
      },
      async setOffline(on) {
        offline = on;
        // browser.pages() can still list a tab that was just closed: BiDi then answers "no such frame".
        for (const p of await browser.pages()) {
          if (!p.isClosed())
            await p.setOfflineMode(on).catch((e: unknown) => {
              if (!/no such frame/i.test(String(e))) throw e;
            });
        }
      },
      saveFromShortcut: (tabId) => hook<boolean>('shortcut', tabId),
      async restartAddon() {
        await hook('reload');
        // The old content script lost its add-on; a fresh load of the control page gets the new one.
        await new Promise((r) => setTimeout(r, 1_000));
        await controlPage.goto(control.url('bridge.html'));
        await controlPage.waitForSelector('html[data-gist-e2e=ready]', { timeout: 20_000 });
        for (let i = 0; ; i++) {
          // The new background page may still be starting: no receiver yet.
          if (
            (await hook('self-tab').then(
              () => true,
              () => false,
            )) ||
            i >= 40
          )
            break;
          await new Promise((r) => setTimeout(r, 250));
        }
      },
      commands: () => hook('commands'),
      async close() {
        await browser.close();
        await control.close();
      },
    };
  } catch (e) {
    await browser.close().catch(() => undefined);
    await control.close();
    throw e;
  }
}
