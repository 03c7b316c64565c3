// BrowserDriver for Chromium: playwright-core on the harness's ExtensionSession.
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../harness';
import { dragWith, type BrowserDriver, type UiPage } from './driver';

export function playwrightPage(page: Page): UiPage {
  return {
    text: async (s) => ((await page.locator(s).count()) ? page.locator(s).first().textContent() : null),
    texts: (s) => page.locator(s).allTextContents(),
    count: (s) => page.locator(s).count(),
    visible: (s) => page.locator(s).first().isVisible(),
    click: (s) => page.locator(s).first().click(),
    clickButton: (name) => page.getByRole('button', { name, exact: true }).click(),
    fill: (s, v) => page.locator(s).first().fill(v),
    press: (s, k) => page.locator(s).first().press(k),
    drag: (from, to) => dragWith(page.mouse, from, to),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    uploadFile: (s, p) => page.locator(s).first().setInputFiles(p),
    eval: <T>(e: string) => page.evaluate(e) as Promise<T>,
    reload: async () => {
      await page.reload();
    },
    close: () => page.close(),
  };
}

export function playwrightDriver(s: ExtensionSession): BrowserDriver {
  return {
    name: 'chromium',
    async openTab(url) {
      const page = await s.context.newPage();
      await page.goto(url);
      return { tabId: await s.tabIdOf(url), page: playwrightPage(page) };
    },
    badgeText: (tabId) => s.badgeText(tabId),
    async openExtensionPage(path) {
      const page = await s.context.newPage();
      await page.goto(s.extUrl(path));
      return playwrightPage(page);
    },
    setOffline: (offline) => s.context.setOffline(offline),
    async saveFromShortcut(tabId) {
      const w = await s.sw();
      return w.evaluate(
        (id) => (globalThis as unknown as { gistTest: { saveFromShortcut(t: number): Promise<boolean> } }).gistTest.saveFromShortcut(id),
        tabId,
      );
    },
    async commands() {
      const w = await s.sw();
      return w.evaluate(() => chrome.commands.getAll());
    },
    close: () => s.close(),
  };
}
