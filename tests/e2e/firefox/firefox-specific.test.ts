// Firefox-only checks of the MV2 add-on: the keyboard shortcut is registered with its key and saves the
// tab without the popup (what the command runs; automation cannot press it), and the MV2 manifest asks
// image hosts as optional_permissions (MV2 has no optional_host_permissions), and unlimitedStorage makes the
// library persistent without the prompt navigator.storage.persist() would otherwise show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtures, type FixtureServer } from '../harness';
import { waitForBadge } from '../shared/core-loop';
import { FIREFOX_MV, launchFirefox, type FirefoxSession } from './harness';

describe(`Firefox MV${FIREFOX_MV} specifics`, () => {
  let d: FirefoxSession;
  let server: FixtureServer;

  beforeAll(async () => {
    server = await serveFixtures();
    d = await launchFirefox();
  });
  afterAll(async () => {
    await d?.close();
    await server?.close();
  });

  it('registers Alt+Shift+S and the shortcut saves the page without the popup', async () => {
    expect(await d.commands()).toContainEqual({ name: 'save-page', shortcut: 'Alt+Shift+S' });
    const { tabId } = await d.openTab(server.url('article.html'));
    await waitForBadge(d, tabId);
    expect(await d.saveFromShortcut(tabId)).toBe(true);
    const lib = await d.openExtensionPage('library.html');
    await expect
      .poll(() => lib.texts('[data-testid=article-row]'), { timeout: 20_000 })
      .toEqual([expect.stringContaining('The Quiet Return of Rooftop Beekeeping')]);
  });

  it('the library asks for persistent storage and Firefox grants it with no prompt (unlimitedStorage); the footer says so', async () => {
    const lib = await d.openExtensionPage('library.html');
    // Firefox's persisted() stays false until someone asks: true here means the library asked, and a
    // prompt would have left the answer pending (headless, nobody clicks).
    await expect.poll(() => lib.eval<boolean>('navigator.storage.persisted()'), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(() => lib.text('[data-testid=storage]'), { timeout: 20_000 })
      .toMatch(/^[\d.]+ (B|KB|MB) used · kept permanently · Details$/);
    expect(await lib.count('[data-testid=keep-storage]')).toBe(0);
    expect(
      await lib.eval<unknown>(`Promise.race([navigator.storage.persist(), new Promise((r) => setTimeout(() => r('no answer'), 3000))])`),
    ).toBe(true);
    await lib.close();
  });

  it('private windows: one spanning background (saves go to the normal library); the driver cannot open one', async () => {
    const lib = await d.openExtensionPage('library.html');
    expect(await lib.eval<boolean>('browser.extension.inIncognitoContext')).toBe(false);
    // No "incognito" key: Firefox's default, "spanning" (one background page for normal and private windows).
    expect(await lib.eval<unknown>('browser.runtime.getManifest().incognito ?? null')).toBe('spanning');
    // Running in private windows is the user's choice in about:addons; an add-on installed by the driver is
    // not allowed, and the driver cannot reach about:addons, so the private-window UI is unit-tested
    // (tests/unit/popup.test.tsx, tests/unit/private-window.test.tsx; see tests/e2e/README.md).
    expect(await lib.eval<boolean>('browser.extension.isAllowedIncognitoAccess()')).toBe(false);
    expect(await lib.eval<string>(`browser.windows.create({ incognito: true }).then(() => 'opened', (e) => String(e))`)).toMatch(
      /permission for incognito/,
    );
    await lib.close();
  });

  it('declares image hosts as optional permissions; in MV2, none granted beyond the e2e loopback at install', async () => {
    const lib = await d.openExtensionPage('library.html');
    const manifest = await lib.eval<{ optional_permissions?: string[]; optional_host_permissions?: string[]; manifest_version: number }>(
      'browser.runtime.getManifest()',
    );
    expect(manifest.manifest_version).toBe(FIREFOX_MV);
    // MV2 has no optional_host_permissions; MV3 has it (GIST_FIREFOX_MV=3).
    if (FIREFOX_MV === 2) expect(manifest.optional_permissions).toEqual(['http://*/*', 'https://*/*']);
    else expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    const granted = await lib.eval<{ origins: string[] }>('browser.permissions.getAll()');
    // Firefox grants a temporarily installed MV3 add-on its optional host permissions too (measured on
    // ESR 153: http://*/* and https://*/* listed at once), so only MV2 can show "none at install" here.
    if (FIREFOX_MV === 2) expect(granted.origins.filter((o) => !o.startsWith('http://127.0.0.1'))).toEqual([]);
    else expect(granted.origins).toEqual(expect.arrayContaining(['http://127.0.0.1/*']));
  });
});
