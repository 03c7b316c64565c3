// Highlights in the reader in Firefox (MV2 add-on, puppeteer-core over WebDriver BiDi), the scenarios
// Chromium's tests/e2e/highlights.test.ts runs (tests/e2e/shared/highlights.ts): a real mouse selection
// across an <em> and a link, the selection toolbar, a note, a reload, the notes panel, All highlights,
// and the page saved again after it changed. Screenshots: test-results/screenshots/firefox-highlights-*.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, serveGeneratedPages } from '../harness';
import { waitForBadge } from '../shared/core-loop';
import type { UiPage } from '../shared/driver';
import {
  highlightInReader,
  highlightsViewOpensIt,
  reSavedPageKeepsHighlight,
  saveFromPopup,
  storedHighlights,
  storyPage,
  type StoredHighlight,
} from '../shared/highlights';
import { launchFirefox, type FirefoxSession } from './harness';

const SHOTS = join(ROOT, 'test-results/screenshots');

describe('highlights in the reader, in Firefox', () => {
  let d: FirefoxSession;
  let server: Awaited<ReturnType<typeof serveGeneratedPages>>;
  let lib: UiPage;
  let h: StoredHighlight;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveGeneratedPages({ 'story.html': storyPage(1) });
    d = await launchFirefox();
  });
  afterAll(async () => {
    await d?.close();
    await server?.close();
  });

  it('select across an <em> and a link, highlight from the toolbar, add a note; after a reload both are still there', async () => {
    const { tabId, page } = await d.openTab(server.url('story.html'));
    await waitForBadge(d, tabId);
    await saveFromPopup(d, tabId);
    await page.close();
    lib = await d.openExtensionPage('library.html');
    await lib.setViewport(1280, 900);
    h = await highlightInReader(lib, join(SHOTS, 'firefox-highlights'));
  });

  it('All highlights lists it with its note, and its quote opens the reader at it', async () => {
    await highlightsViewOpensIt(lib, h);
    await lib.screenshot(join(SHOTS, 'firefox-highlights-reader.png'));
  });

  it('re-saving the page after a paragraph changed and one was inserted above: the highlight is still placed on the same words', async () => {
    writeFileSync(join(server.dir, 'story.html'), storyPage(2));
    await reSavedPageKeepsHighlight(d, lib, server.url('story.html'), h);
    expect(await storedHighlights(lib)).toHaveLength(1);
  });
});
