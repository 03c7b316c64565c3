import { render } from 'preact';
import { browser } from 'wxt/browser';
// The order is the cascade: base rules before the components' stylesheets (which refine them), the theme and focus
// ring after them (they win ties, as the single library.css did).
import '../../components/shared/base.css';
import '../../components/library/library-base.css';
import { Library } from '../../components/library/library-page';
import { PrivateWindowNotice } from '../../components/library/private-window';
import { openDb } from '../../lib/db/schema';
import { takeFirstPage } from '../../lib/db/first-page';
import { openReaderSettings } from '../../lib/reader/settings-store';
import { dexieConnector } from './dexie-connector';
import { keepAnchoring } from '../../lib/annotate/anchor-stored';
import '../../components/library/library-theme.css';

performance.mark?.('gist:script');
const localStore = (() => {
  try {
    return localStorage;
  } catch {
    return null;
  }
})(); // may throw when storage is disabled
const app = document.getElementById('app')!;
if ((browser.extension as typeof browser.extension | undefined)?.inIncognitoContext) {
  // A private window's extension page has its own, temporary database (Firefox): opening it here would
  // show an empty library and keep nothing. The background, where saves go, spans windows.
  const url = browser.runtime.getURL(`/library.html${location.hash}`);
  render(
    <PrivateWindowNotice onOpenNormal={() => void browser.windows.create({ url, incognito: false }).then(() => window.close())} />,
    app,
  );
} else {
  const db = openDb();
  // The first rows' read began in index.html's first script; the database opens here, alongside it, not
  // after the settings and a first render. Marks for the library benchmark's timeline.
  const early = takeFirstPage(globalThis);
  void early?.then(() => performance.mark?.('gist:early-rows'));
  void db.open().then(
    () => performance.mark?.('gist:db-open'),
    () => {},
  );
  // The reading speed (storage.local) is read before the first paint so no time shows at the wrong speed.
  void openReaderSettings(browser.storage.local, localStore, (msg, e) => console.warn(msg, e)).then((settings) => {
    performance.mark?.('gist:settings');
    // Imported highlights wait for content the fetch queue brings (its service worker has no DOM to place them).
    // Started after the first rows: its list subscription reads every article, which the first page must not wait behind.
    const connector = dexieConnector(db, settings, () => keepAnchoring(db, window, connector), early);
    render(<Library connector={connector} />, app);
  });
}
