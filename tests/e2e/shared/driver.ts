// What a core-loop scenario needs from a browser, so one scenario runs in Chromium (playwright-core,
// tests/e2e/shared/playwright-driver.ts) and in Firefox (puppeteer-core over WebDriver BiDi,
// tests/e2e/firefox/harness.ts). Selectors are CSS; page code is passed as an expression string (no
// functions: a bundler's helpers such as __name would not exist in the page).

export interface UiPage {
  /** textContent of the first match, or null when nothing matches. */
  text(selector: string): Promise<string | null>;
  texts(selector: string): Promise<string[]>;
  count(selector: string): Promise<number>;
  /** True when the selector matches an element that is rendered (has a box). */
  visible(selector: string): Promise<boolean>;
  /** A real pointer click on the first match (scrolled into view). */
  click(selector: string): Promise<void>;
  /** Clicks the button whose whole visible text is `name`. */
  clickButton(name: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  /** Focuses the first match and presses a key (with Control held for 'Control+Enter'). */
  press(selector: string, key: 'Enter' | 'Control+Enter'): Promise<void>;
  /** A person's mouse drag: press at `from`, move, release at `to` (viewport pixels). */
  drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void>;
  /** Saves what the viewport shows as a PNG. */
  screenshot(path: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Sets a file input's file, as choosing it in the picker does. */
  uploadFile(selector: string, path: string): Promise<void>;
  /** Evaluates an expression (it may be a promise) in the page and returns its JSON value. */
  eval<T>(expression: string): Promise<T>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserDriver {
  readonly name: 'chromium' | 'firefox';
  /** Opens a web page in a new tab and returns the browser's id for that tab. */
  openTab(url: string): Promise<{ tabId: number; page: UiPage }>;
  /** The toolbar badge text for a tab ('' when none). */
  badgeText(tabId: number): Promise<string>;
  /** Opens an extension page ('popup.html?tabId=3', 'library.html') in a new tab. */
  openExtensionPage(path: string): Promise<UiPage>;
  /** Network off (or back on) for every page, open or opened later. */
  setOffline(offline: boolean): Promise<void>;
  /** What the keyboard shortcut runs (automation cannot press a browser-level shortcut). */
  saveFromShortcut(tabId: number): Promise<boolean>;
  /** The extension's registered commands with their shortcuts. */
  commands(): Promise<{ name?: string; shortcut?: string }[]>;
  close(): Promise<void>;
}

/** The mouse both drivers have (Playwright's and Puppeteer's share these calls). */
export interface DragMouse {
  move(x: number, y: number, options?: { steps?: number }): Promise<unknown>;
  down(): Promise<unknown>;
  up(): Promise<unknown>;
}

/** UiPage.drag for either driver: press, move through the midpoint in steps (selection follows), release. */
export async function dragWith(mouse: DragMouse, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await mouse.move(from.x, from.y);
  await mouse.down();
  await mouse.move((from.x + to.x) / 2, to.y, { steps: 5 });
  await mouse.move(to.x, to.y, { steps: 5 });
  await mouse.up();
}
