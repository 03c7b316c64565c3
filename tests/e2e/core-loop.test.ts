// The core loop in Chromium; the scenarios are shared with Firefox (tests/e2e/shared/core-loop.ts).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchWithExtension, serveFixtures, type FixtureServer } from './harness';
import { coreLoop } from './shared/core-loop';
import type { BrowserDriver, UiPage } from './shared/driver';
import { playwrightDriver } from './shared/playwright-driver';

describe('core loop in Chromium', () => {
  let d: BrowserDriver;
  let server: FixtureServer;
  let tabId = -1;
  let lib: UiPage;

  beforeAll(async () => {
    server = await serveFixtures();
    d = playwrightDriver(await launchWithExtension());
  });
  afterAll(async () => {
    await d?.close();
    await server?.close();
  });

  it('shows the reading time on an article and no badge on a section front', async () => {
    tabId = await coreLoop.badgeOnArticleNotOnSection(d, server);
  });
  it('popup shows the article, edits tags and saves it; saving again updates', async () => {
    await coreLoop.popupShowsAndSaves(d, tabId);
  });
  it('the library reads it offline with images from the database', async () => {
    lib = await coreLoop.libraryReadsOffline(d, server);
    await d.setOffline(false);
  });
  it('delete and undo in the library, remove from the popup', async () => {
    await coreLoop.removeAndUndo(d, lib, tabId);
  });
});
