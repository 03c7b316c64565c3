// @vitest-environment happy-dom
// Settings → Sync view with a backend over an in-memory storage area (the real settings code): host
// access is asked synchronously in the click (the user gesture), the check does not wait for the
// browser's prompt and runs again once access is granted, the CORS answer shows the settings to add,
// and bad fields are named before any request.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncSettingsPage } from '../../components/library/sync-settings';
import type { SyncBackend } from '../../components/library/library-connector';
import { forgetSyncSettings, loadSyncSettings, saveSyncSettings, type SyncSettings, type SyncStorageArea } from '../../lib/sync/settings';
import { corsHelp, type CheckResult } from '../../lib/sync/connection-check';
import { IDLE_SYNC_STATUS, SYNC_STATUS_KEY } from '../../lib/sync/status';
import { SYNC_ALARM_MINUTES } from '../../lib/sync/keys';
import { parseRoute, routeHash } from '../../components/library/route';

function memoryArea(): SyncStorageArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (k) => (k in data ? { [k]: data[k] } : {}),
    set: async (items) => void Object.assign(data, items),
    remove: async (keys) => {
      for (const k of [keys].flat()) delete data[k];
    },
  };
}

const CORS: CheckResult = {
  kind: 'cors',
  message: 'couch.example.org answered, but does not allow Gist to read its answers: CORS is not enabled for this extension.',
  corsHelp: corsHelp('https://couch.example.org', ['chrome-extension://abc']),
};
const OK: CheckResult = { kind: 'ok', message: 'Connected to couch.example.org, database "gist".' };

function backend(area: SyncStorageArea, answers: CheckResult[]) {
  const calls: string[] = [];
  let grant: (g: boolean) => void = () => {};
  const b: SyncBackend = {
    load: () => loadSyncSettings(area),
    save: (input) => saveSyncSettings(area, input),
    requestAccess: (url) => {
      calls.push(`access ${url}`);
      return new Promise((ok) => (grant = ok));
    },
    check: async (s: SyncSettings) => {
      calls.push(`check ${s.serverUrl}`);
      return answers.shift() ?? OK;
    },
    createDatabase: async () => ({ ok: true, message: 'Created.' }),
    removeFromServer: async () => ({ ok: true, message: 'Deleted.' }),
    forget: () => forgetSyncSettings(area, SYNC_STATUS_KEY),
    syncNow: async () => ({ ok: true }),
    stopSync: async () => ({ ok: true }),
    subscribeStatus: (cb) => {
      cb(IDLE_SYNC_STATUS);
      return () => {};
    },
  };
  return { b, calls, grant: (g: boolean) => grant(g) };
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
/** Renders the view and waits for the stored settings to load. */
async function open(b: SyncBackend) {
  render(<SyncSettingsPage sync={b} onBack={() => {}} />, root);
  for (let i = 0; i < 50 && !root.querySelector('[data-testid=sync-serverUrl]'); i++) await settle();
}
const $ = (id: string) => root.querySelector(`[data-testid=${id}]`) as HTMLInputElement;
const type = (id: string, v: string) => {
  const el = $(id);
  el.value = v;
  el.dispatchEvent(new Event('input', { bubbles: true }));
};

describe('Settings → Sync view', () => {
  it('asks for host access inside the click, checks without waiting for the answer, and checks again once granted', async () => {
    const area = memoryArea();
    const { b, calls, grant } = backend(area, [CORS, OK]);
    await open(b);
    await act(() => {
      type('sync-serverUrl', 'https://couch.example.org');
      type('sync-username', 'anna');
      type('sync-password', 'pw');
    });
    $('sync-test').click();
    // Synchronously in the click, before anything is awaited (the user gesture is still there), and first.
    expect(calls[0]).toBe('access https://couch.example.org');
    await settle();
    // The check ran although the browser has not answered yet.
    expect(calls).toEqual(['access https://couch.example.org', 'check https://couch.example.org']);
    const result = $('sync-result');
    expect(result.dataset.kind).toBe('cors');
    expect($('sync-cors-ini').textContent).toContain('[chttpd]\nenable_cors = true\n\n[cors]\norigins = chrome-extension://abc');
    expect(result.textContent).toContain('curl -u ADMIN:PASSWORD -X PUT https://couch.example.org/_node/_local/_config/cors/origins');
    await act(async () => grant(true));
    await settle();
    expect(calls.at(-1)).toBe('check https://couch.example.org');
    expect($('sync-result').dataset.kind).toBe('ok');
    expect($('sync-result').textContent).toBe('Connected. Connected to couch.example.org, database "gist".');
  });

  it('says when access was refused', async () => {
    const { b, grant } = backend(memoryArea(), [CORS]);
    await open(b);
    await act(() => type('sync-serverUrl', 'https://couch.example.org'));
    $('sync-test').click();
    await act(async () => grant(false));
    await settle();
    expect($('sync-access-refused').textContent).toContain('not given access to couch.example.org');
  });

  it('names bad fields and sends nothing', async () => {
    const { b, calls } = backend(memoryArea(), []);
    await open(b);
    await act(() => type('sync-serverUrl', 'http://couch.example.org'));
    await act(() => $('sync-test').click());
    expect(calls).toEqual([]);
    expect(root.querySelector('#sync-err-serverUrl')?.textContent).toMatch(/Use https:\/\/ for couch\.example\.org/);
  });

  it('Save stores the settings (then shows the status and Sync now); bad stored data shows its message', async () => {
    const area = memoryArea();
    area.data.syncSettings = { serverUrl: 'ftp://x', database: 'gist', username: '', password: '', autoSync: true };
    const { b } = backend(area, [OK]);
    await open(b);
    expect($('sync-problem').textContent).toMatch(/could not be used \(bad server address\)/);
    expect($('sync-database').value).toBe('gist');
    await act(() => type('sync-serverUrl', 'http://127.0.0.1:5984'));
    await act(() => (root.querySelector('form') as HTMLFormElement).requestSubmit());
    await settle();
    expect(area.data.syncSettings).toEqual({
      serverUrl: 'http://127.0.0.1:5984',
      database: 'gist',
      username: '',
      password: '',
      autoSync: true,
    });
    expect($('sync-now')).not.toBeNull();
    expect(root.querySelector('[data-testid=sync-problem]')).toBeNull();
  });

  it('the automatic-sync label states the background interval the alarm uses', async () => {
    const { b } = backend(memoryArea(), []);
    await open(b);
    const label = $('sync-auto').closest('label')?.textContent ?? '';
    expect(label).toContain(`every ${SYNC_ALARM_MINUTES} minutes in the background`);
    expect(SYNC_ALARM_MINUTES).toBe(15);
  });
});

describe('route', () => {
  it('#settings/sync opens Settings → Sync and round-trips', () => {
    expect(parseRoute('#settings/sync')).toEqual({ kind: 'sync-settings' });
    expect(routeHash({ kind: 'sync-settings' })).toBe('#settings/sync');
    expect(parseRoute('#settings/syncx')).toEqual({ kind: 'list' });
  });
});
