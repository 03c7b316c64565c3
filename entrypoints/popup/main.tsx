import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/popup';
import { popupConnector } from './connector';
import '../../components/shared/base.css';
import '../../components/popup/popup.css';

// The toolbar popup works on the active tab; opened as a page (tests, keyboard users) it takes ?tabId=N.
async function targetTab(): Promise<number> {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('No tab to read.');
  return tab.id;
}

render(<Popup connector={popupConnector(browser, targetTab())} />, document.getElementById('app')!);
