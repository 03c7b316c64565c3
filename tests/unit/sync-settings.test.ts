// @vitest-environment node
// Sync settings (#18): https only except loopback, bad stored data → not set up with a message (and
// nothing deleted), the status record's API, and credentials never in any export.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { strFromU8, unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import {
  checkDatabaseName,
  checkServerUrl,
  EMPTY_SYNC_FORM,
  forgetSyncSettings,
  loadSyncSettings,
  parseStoredSettings,
  redactSettings,
  saveSyncSettings,
  SYNC_SETTINGS_KEY,
  validateSyncInput,
  type SyncStorageArea,
} from '../../lib/sync/settings';
import { IDLE_SYNC_STATUS, parseSyncStatus, readSyncStatus, SYNC_STATUS_KEY, syncStatusUpdates } from '../../lib/sync/status';
import { statusWords } from '../../lib/sync/status-text';
import { openDb, type ArticleRecord } from '../../lib/db/schema';
import { exportGistJson } from '../../lib/export/gist-json';
import { exportNetscapeHtml } from '../../lib/export/netscape-html';
import { exportMarkdownZip } from '../../lib/export/markdown-zip';
import { putBody } from '../../lib/db/contents';

const area = () => browser.storage.local as unknown as SyncStorageArea;
beforeEach(() => fakeBrowser.reset());

describe('server address', () => {
  it('accepts https:// anywhere and strips the trailing slash', () => {
    expect(checkServerUrl('https://couch.example.org/')).toEqual({ ok: true, value: 'https://couch.example.org' });
    expect(checkServerUrl(' https://example.org:6984/couch/ ')).toEqual({ ok: true, value: 'https://example.org:6984/couch' });
  });
  it('accepts http:// only for loopback (127.0.0.1, ::1, localhost)', () => {
    for (const u of ['http://127.0.0.1:5984', 'http://localhost:5984', 'http://[::1]:5984', 'http://127.0.0.2'])
      expect(checkServerUrl(u), u).toEqual({ ok: true, value: u });
    const r = checkServerUrl('http://couch.example.org:5984');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/Use https:\/\/ for couch\.example\.org.*unencrypted/);
    // Names that only look like loopback are not.
    expect(checkServerUrl('http://127.0.0.1.example.org').ok).toBe(false);
    expect(checkServerUrl('http://localhost.example.org').ok).toBe(false);
    expect(checkServerUrl('http://192.168.1.5:5984').ok).toBe(false);
  });
  it('refuses other schemes, garbage, credentials in the address and query strings, each with its own message', () => {
    const msg = (u: string) => {
      const r = checkServerUrl(u);
      return r.ok ? '' : r.error;
    };
    expect(msg('ftp://example.org')).toMatch(/https:\/\/ only/);
    expect(msg('couch.example.org')).toMatch(/not a web address/);
    expect(msg('')).toMatch(/Enter the address/);
    expect(msg('https://me:pw@example.org')).toMatch(/in their own fields/);
    expect(msg('https://example.org/?x=1')).toMatch(/no "\?…"/);
  });
});

describe('database name', () => {
  it("follows CouchDB's rule", () => {
    expect(checkDatabaseName('gist').ok).toBe(true);
    expect(checkDatabaseName('gist-anna_2$').ok).toBe(true);
    expect(checkDatabaseName('Gist').ok).toBe(false);
    expect(checkDatabaseName('_users').ok).toBe(false);
    expect(checkDatabaseName('9lives').ok).toBe(false);
    expect(checkDatabaseName('').ok).toBe(false);
  });
});

describe('saving and loading', () => {
  const good = { serverUrl: 'https://couch.example.org/', database: 'gist', username: 'anna', password: 'pä$$ wörd', autoSync: true };

  it('stores validated settings under syncSettings and reads them back', async () => {
    const r = await saveSyncSettings(area(), good);
    expect(r.ok).toBe(true);
    const stored = (await browser.storage.local.get(SYNC_SETTINGS_KEY))[SYNC_SETTINGS_KEY];
    expect(stored).toEqual({ ...good, serverUrl: 'https://couch.example.org' });
    const loaded = await loadSyncSettings(area());
    expect(loaded.problem).toBeNull();
    expect(loaded.settings).toEqual({ ...good, serverUrl: 'https://couch.example.org' });
  });

  it('writes nothing and names each bad field when the input is bad', async () => {
    const r = await saveSyncSettings(area(), { ...good, serverUrl: 'http://couch.example.org', database: 'Gist', password: '' });
    expect(r.ok).toBe(false);
    expect(!r.ok && Object.keys(r.errors).sort()).toEqual(['database', 'password', 'serverUrl']);
    expect(await browser.storage.local.get(SYNC_SETTINGS_KEY)).toEqual({});
  });

  it('reads absent settings as not set up, without a problem', async () => {
    expect(await loadSyncSettings(area())).toEqual({ settings: null, problem: null, form: EMPTY_SYNC_FORM });
  });

  it('reads bad stored data as not set up with a message naming the fields, keeps the good fields for the form, deletes nothing', async () => {
    const bad = { serverUrl: 'http://evil.example.org', database: 'gist', username: 'anna', password: 42, autoSync: 'yes' };
    await browser.storage.local.set({ [SYNC_SETTINGS_KEY]: bad });
    const loaded = await loadSyncSettings(area());
    expect(loaded.settings).toBeNull();
    expect(loaded.problem).toMatch(/could not be used \(bad server address, password, automatic sync\)/);
    expect(loaded.form).toEqual({ ...EMPTY_SYNC_FORM, database: 'gist', username: 'anna' });
    expect((await browser.storage.local.get(SYNC_SETTINGS_KEY))[SYNC_SETTINGS_KEY]).toEqual(bad);
    expect(parseStoredSettings('a string').problem).toMatch(/could not be used/);
    expect(parseStoredSettings([1, 2]).settings).toBeNull();
  });

  it('a user name needs its password and the other way round', () => {
    expect(validateSyncInput({ ...good, username: '' }).ok).toBe(false);
    expect(validateSyncInput({ ...good, username: '', password: '' }).ok).toBe(true); // a public database
  });

  it('Disconnect forgets settings and status and nothing else', async () => {
    await saveSyncSettings(area(), good);
    await syncStatusUpdates.finished(area(), 1000);
    await browser.storage.local.set({ other: 1 });
    await forgetSyncSettings(area(), SYNC_STATUS_KEY);
    expect(await browser.storage.local.get(null)).toEqual({ other: 1 });
  });

  it('redactSettings leaves out the user name and password', () => {
    const text = JSON.stringify(redactSettings({ ...good, serverUrl: 'https://couch.example.org' }));
    expect(text).not.toContain('anna');
    expect(text).not.toContain('wörd');
    expect(text).toContain('couch.example.org');
  });
});

describe('sync status record', () => {
  it('moves through a run: started, progress, finished; failed keeps the last synced time', async () => {
    await syncStatusUpdates.pending(area(), 3);
    await syncStatusUpdates.started(area(), 1000, 50);
    await syncStatusUpdates.progress(area(), { docs: 20, bytes: 4096, totalDocs: 50 });
    expect(await readSyncStatus(area())).toMatchObject({ running: true, pending: 3, progress: { docs: 20, bytes: 4096, totalDocs: 50 } });
    await syncStatusUpdates.finished(area(), 2000);
    expect(await readSyncStatus(area())).toMatchObject({ running: false, progress: null, lastSyncedAt: 2000, lastError: null });
    await syncStatusUpdates.started(area(), 3000);
    await syncStatusUpdates.failed(area(), 'The server went away.', 4000);
    expect(await readSyncStatus(area())).toMatchObject({
      running: false,
      lastSyncedAt: 2000,
      lastError: 'The server went away.',
      lastErrorAt: 4000,
    });
  });

  it('reads damaged fields as their idle value, keeping the rest', () => {
    expect(parseSyncStatus({ lastSyncedAt: 5, pending: -3, progress: 'x', lastError: 7 })).toEqual({
      ...IDLE_SYNC_STATUS,
      lastSyncedAt: 5,
    });
    expect(parseSyncStatus('nonsense')).toEqual(IDLE_SYNC_STATUS);
  });

  it('says it in words', () => {
    const now = 10 * 60_000;
    expect(statusWords({ ...IDLE_SYNC_STATUS, lastSyncedAt: now - 5 * 60_000, pending: 3 }, now)).toEqual({
      main: 'Last synced 5 min ago',
      pending: '3 changes to send',
      error: null,
    });
    expect(
      statusWords({ ...IDLE_SYNC_STATUS, running: true, progress: { docs: 120, bytes: 4.2 * 1024 * 1024, totalDocs: 1000 } }, now).main,
    ).toBe('Syncing… 120 of 1,000 documents, 4.2 MB');
    expect(statusWords({ ...IDLE_SYNC_STATUS, lastError: 'Wrong password.', lastErrorAt: now }, now).error).toBe(
      'Last sync failed just now: Wrong password.',
    );
    expect(statusWords(IDLE_SYNC_STATUS, now).main).toBe('Not synced yet');
  });
});

describe('exports never carry sync credentials', () => {
  it('no export format contains the stored user name, password or server', async () => {
    await saveSyncSettings(area(), {
      serverUrl: 'https://couch-secret-host.example.org',
      database: 'gistdb',
      username: 'user-7f3a',
      password: 'pw-9c1e',
      autoSync: true,
    });
    const db = openDb(`sync-export-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const id = (await db.articles.add({
      url: 'https://news.example.org/a',
      originalUrl: 'https://news.example.org/a',
      title: 'An article',
      byline: null,
      siteName: 'News',
      lang: 'en',
      publishedTime: null,
      excerpt: 'About things',
      savedAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
      status: 'unread',
      favorite: 0,
      tags: ['tag'],
      wordCount: 6,
      readingMinutes: 1,
      progress: 0,
      contentState: 'full',
    } as unknown as ArticleRecord)) as number;
    await putBody(db, { articleId: id, html: '<p>Some words of the article body.</p>', text: 'Some words of the article body.' });
    const texts = [
      await (await exportGistJson(db)).text(),
      await (await exportNetscapeHtml(db)).text(),
      ...Object.values(unzipSync(new Uint8Array(await (await exportMarkdownZip(db)).arrayBuffer()))).map((b) => strFromU8(b)),
    ];
    expect(texts[0]).toContain('An article'); // the export did run over the library
    for (const t of texts) for (const secret of ['user-7f3a', 'pw-9c1e', 'couch-secret-host']) expect(t).not.toContain(secret);
  });
});
