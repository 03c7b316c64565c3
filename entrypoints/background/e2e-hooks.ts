import { browser, type Browser } from 'wxt/browser';
import { onSyncAlarm } from './sync-alarm';
import { readSyncStatus } from '../../lib/sync/status';

// E2E builds only (imported behind import.meta.env.MODE === 'e2e'). Firefox's test driver cannot reach
// the MV2 background page nor navigate to moz-extension:// pages, so a fixture page asks through the
// detect content script (entrypoints/detect.content/e2e-bridge.ts) and the background answers here.
export interface E2eDeps {
  saveFromShortcut(tabId: number): Promise<boolean>;
}

const action = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

export async function e2eHook(
  msg: { op?: unknown; arg?: unknown },
  sender: Browser.runtime.MessageSender,
  deps: E2eDeps,
): Promise<unknown> {
  const tabId = sender.tab?.id;
  const arg = msg.arg;
  switch (msg.op) {
    case 'self-tab':
      return tabId;
    case 'tab-id': {
      const tabs = await browser.tabs.query({});
      return tabs.find((t) => t.url === arg)?.id ?? null;
    }
    case 'open':
      // An extension page in the asking tab: the only way the driver gets one (see tests/e2e/README.md).
      if (tabId === undefined || typeof arg !== 'string' || !arg.startsWith('/')) throw new Error('open: needs a path like /library.html');
      await browser.tabs.update(tabId, { url: browser.runtime.getURL(arg as '/library.html') });
      return true;
    case 'open-tab':
      // The same in a new tab, for when no fixture page can load (network off).
      if (typeof arg !== 'string' || !arg.startsWith('/')) throw new Error('open-tab: needs a path like /library.html');
      return (await browser.tabs.create({ url: browser.runtime.getURL(arg as '/library.html') })).id;
    case 'badge':
      return action().getBadgeText({ tabId: Number(arg) });
    case 'shortcut':
      return deps.saveFromShortcut(Number(arg));
    case 'alarms':
      return (await browser.alarms.getAll()).map((a) => a.name);
    case 'sync-alarm': {
      // What the sync alarm runs when it fires (every 15 minutes: too long to wait for in a test);
      // answers once that round has finished, with the status it left.
      const before = (await readSyncStatus(browser.storage.local)).lastSyncedAt ?? 0;
      await onSyncAlarm();
      for (let end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
        const s = await readSyncStatus(browser.storage.local);
        if (!s.running && ((s.lastSyncedAt ?? 0) > before || s.lastError)) return { lastSyncedAt: s.lastSyncedAt, lastError: s.lastError };
      }
      throw new Error('sync-alarm: no round finished within 60 s');
    }
    case 'reload':
      // Restarts the add-on (the background page stops and starts again, as on an update), after the answer.
      setTimeout(() => browser.runtime.reload(), 100);
      return true;
    case 'commands':
      return (await browser.commands.getAll()).map((c) => ({ name: c.name, shortcut: c.shortcut }));
    default:
      throw new Error(`unknown e2e hook ${String(msg.op)}`);
  }
}
