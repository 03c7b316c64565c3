import type { PopupConnector } from '../../components/popup/popup';
import type { PageRequest, ResponseMap } from '../../lib/messaging/protocol';
import { originPatterns } from '../../lib/url/match-patterns';
import { loadWpm, type KeyValueArea } from '../../lib/reading-time/speed';

/** The browser APIs the popup uses (a narrow type, so tests can pass a fake). */
export interface PopupBrowser {
  runtime: { sendMessage(message: unknown): Promise<unknown>; getURL(path: string): string };
  tabs: { create(props: { url: string }): Promise<unknown> };
  windows?: { create(props: { url: string; incognito: boolean }): Promise<unknown> };
  /** inIncognitoContext: this page belongs to a private window. */
  extension?: { inIncognitoContext?: boolean };
  storage: { local: KeyValueArea };
  permissions: { contains(p: { origins: string[] }): Promise<boolean>; request(p: { origins: string[] }): Promise<boolean> };
}

/** The popup wired to the background and the browser, for the tab it works on. */
export function popupConnector(browser: PopupBrowser, tabId: Promise<number>): PopupConnector {
  // Saves from a private window go to the background page, which spans windows: the normal library.
  const privateWindow = browser.extension?.inIncognitoContext === true;
  const send = <R extends PageRequest>(req: R) => browser.runtime.sendMessage(req) as Promise<ResponseMap[R['type']]>;
  return {
    preview: async () => send({ type: 'popup:preview', tabId: await tabId }),
    save: async (tags) => send({ type: 'article:save', tabId: await tabId, ...(tags ? { tags } : {}) }),
    saveLink: async () => send({ type: 'article:save-link', tabId: await tabId }),
    remove: async (id) => send({ type: 'article:remove', id, tabId: await tabId }),
    setTags: (id, tags) => send({ type: 'article:set-tags', id, tags }),
    openLibrary: (id) => {
      const url = browser.runtime.getURL(`/library.html${id !== undefined ? `#article/${id}` : ''}`);
      // From a private window, in a normal one: Firefox would open it in the private window with that
      // window's own, empty and temporary storage instead of the library.
      if (privateWindow && browser.windows) void browser.windows.create({ url, incognito: false });
      else void browser.tabs.create({ url });
      window.close();
    },
    hasImageAccess: (origins) => browser.permissions.contains({ origins: originPatterns(origins) }),
    // Only the sites this article's images come from; all-sites access is asked by the import queue.
    requestImageAccess: (origins) => browser.permissions.request({ origins: originPatterns(origins) }),
    readingSpeed: () => loadWpm(browser.storage.local),
    privateWindow,
  };
}
