import { extractPage } from '../lib/save/extract-page';
import type { TabExtraction } from '../lib/save/tab-extraction';

// Injected on demand (popup or shortcut) with scripting.executeScript; its return value is the result.
// An unlisted script, not a content script: WXT's content-script wrapper (a ContentScriptContext that
// posts a message to the page, and the webextension polyfill it imports) ran on every injection and
// this script uses neither.
export default defineUnlistedScript((): TabExtraction => extractPage(document));
