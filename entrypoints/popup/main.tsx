import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup, type PopupConnector } from '../../components/popup/popup';
import type { PageRequest, ResponseMap } from '../../lib/messaging/protocol';
import { loadWpm } from '../../lib/reading-time/speed';
import '../../components/shared/base.css';
import '../../components/popup/popup.css';

function send<R extends PageRequest>(req: R): Promise<ResponseMap[R['type']]> {
  return browser.runtime.sendMessage(req) as Promise<ResponseMap[R['type']]>;
}

// The toolbar popup works on the active tab; opened as a page (tests, keyboard users) it takes ?tabId=N.
async function targetTab(): Promise<number> {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('No tab to read.');
  return tab.id;
}

const ALL_HOSTS = ['http://*/*', 'https://*/*'];

const tabId = targetTab();
const connector: PopupConnector = {
  preview: async () => send({ type: 'popup:preview', tabId: await tabId }),
  save: async (tags) => send({ type: 'article:save', tabId: await tabId, ...(tags ? { tags } : {}) }),
  remove: (id) => send({ type: 'article:remove', id }),
  setTags: (id, tags) => send({ type: 'article:set-tags', id, tags }),
  openLibrary: (id) => {
    void browser.tabs.create({ url: browser.runtime.getURL(`/library.html${id !== undefined ? `#article/${id}` : ''}`) });
    window.close();
  },
  hasImageAccess: (origins) => browser.permissions.contains({ origins: origins.map((o) => `${o}/*`) }),
  // Asked once for all sites so later saves keep their images without another prompt.
  requestImageAccess: () => browser.permissions.request({ origins: ALL_HOSTS }),
  readingSpeed: () => loadWpm(browser.storage.local),
};

render(<Popup connector={connector} />, document.getElementById('app')!);
