// Firefox-only checks of the MV2 add-on: the keyboard shortcut is registered with its key and saves the
// tab without the popup (what the command runs; automation cannot press it), and the MV2 manifest asks
// image hosts as optional_permissions (MV2 has no optional_host_permissions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtures, type FixtureServer } from '../harness';
import { waitForBadge } from '../shared/core-loop';
import { launchFirefox, type FirefoxSession } from './harness';

describe('Firefox MV2 specifics', () => {
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

  it('declares image hosts as optional permissions, none granted beyond the e2e loopback at install', async () => {
    const lib = await d.openExtensionPage('library.html');
    const manifest = await lib.eval<{ optional_permissions?: string[]; manifest_version: number }>('browser.runtime.getManifest()');
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.optional_permissions).toEqual(['http://*/*', 'https://*/*']);
    const granted = await lib.eval<{ origins: string[] }>('browser.permissions.getAll()');
    expect(granted.origins.filter((o) => !o.startsWith('http://127.0.0.1'))).toEqual([]);
  });
});
