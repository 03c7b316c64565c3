import { startFirstPage } from '../lib/db/first-page';

// The library page's first script (library/index.html loads it, a classic script in <head>): it starts
// the database's opening and the first rows' read while the page's ~600 kB bundle loads and evaluates,
// instead of after it. Plain IndexedDB, no Dexie: a few hundred bytes. The bundle picks the read up
// (lib/db/first-page.ts takeFirstPage). An IIFE: WXT builds unlisted scripts so.
export default defineUnlistedScript({
  globalName: false,
  main() {
    performance.mark?.('gist:early');
    startFirstPage(globalThis, typeof indexedDB === 'undefined' ? undefined : indexedDB);
  },
});
