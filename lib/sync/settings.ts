// Sync settings (issue #18): where the user's CouchDB is and how to sign in, kept in storage.local
// under one key. They hold a password, so they are never exported (lib/export reads only the
// database) and never logged: anything printed goes through `redactSettings`.
import * as v from 'valibot';

import { SYNC_SETTINGS_KEY } from './keys';

export { SYNC_SETTINGS_KEY };

/** The part of storage.local these functions use (browser.storage.local, or a fake in tests). */
export interface SyncStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string | string[]): Promise<void>;
}

export interface SyncSettings {
  /** The server's base URL without a trailing slash, e.g. https://couch.example.org or http://127.0.0.1:5984. */
  serverUrl: string;
  database: string;
  /** Empty when the database is public (CouchDB's "admin party" or a db without members). */
  username: string;
  password: string;
  autoSync: boolean;
}

/** What the form holds before it is validated (every field a string, as typed). */
export type SyncSettingsInput = Omit<SyncSettings, 'autoSync'> & { autoSync: boolean };

export const EMPTY_SYNC_FORM: SyncSettingsInput = { serverUrl: '', database: 'gist', username: '', password: '', autoSync: true };

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** True for loopback hosts, the only ones allowed over plain http (nothing leaves the machine). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** The server URL normalised (no trailing slash), or why it cannot be used. */
export function checkServerUrl(raw: string): Checked<string> {
  const text = raw.trim();
  if (!text) return { ok: false, error: 'Enter the address of your CouchDB server, e.g. https://couch.example.org.' };
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, error: `"${text}" is not a web address. It starts with https://, e.g. https://couch.example.org.` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return { ok: false, error: `Gist syncs over https:// only; "${u.protocol}" addresses are not supported.` };
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname))
    return {
      ok: false,
      error: `Use https:// for ${u.hostname}: over plain http your password and library would cross the network unencrypted. Put TLS in front of CouchDB (see the README's Sync section); http:// is allowed only for this computer (127.0.0.1, localhost, ::1).`,
    };
  if (u.username || u.password)
    return { ok: false, error: 'Leave the user name and password out of the address and type them in their own fields.' };
  if (u.search || u.hash)
    return { ok: false, error: 'The server address takes no "?…" or "#…" part: only the server (and a path, if CouchDB is under one).' };
  return { ok: true, value: `${u.origin}${u.pathname.replace(/\/+$/, '')}` };
}

// CouchDB's own rule for database names (https://docs.couchdb.org/en/stable/api/database/common.html).
const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

export function checkDatabaseName(raw: string): Checked<string> {
  const name = raw.trim();
  if (!name) return { ok: false, error: 'Enter a database name, e.g. gist (one database per person).' };
  if (name.length > 238) return { ok: false, error: 'CouchDB database names are at most 238 characters long.' };
  if (!DB_NAME.test(name))
    return {
      ok: false,
      error: `"${name}" is not a CouchDB database name: it starts with a lowercase letter and has only lowercase letters, digits and _ $ ( ) + - /.`,
    };
  return { ok: true, value: name };
}

const Stored = v.object({
  serverUrl: v.pipe(
    v.string(),
    v.check((s) => checkServerUrl(s).ok, 'not a usable server address'),
  ),
  database: v.pipe(
    v.string(),
    v.check((s) => checkDatabaseName(s).ok, 'not a CouchDB database name'),
  ),
  username: v.pipe(v.string(), v.maxLength(1000)),
  password: v.pipe(v.string(), v.maxLength(1000)),
  autoSync: v.boolean(),
});

export type FieldErrors = Partial<Record<keyof SyncSettings, string>>;

/** Validates what the user typed: the settings to keep, or a message per bad field. */
export function validateSyncInput(input: SyncSettingsInput): { ok: true; settings: SyncSettings } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const url = checkServerUrl(input.serverUrl);
  const db = checkDatabaseName(input.database);
  if (!url.ok) errors.serverUrl = url.error;
  if (!db.ok) errors.database = db.error;
  if (input.password && !input.username.trim()) errors.username = 'Enter the user name that goes with this password.';
  if (input.username.trim() && !input.password) errors.password = `Enter the password of ${input.username.trim()}.`;
  if (!url.ok || !db.ok || Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      serverUrl: url.value,
      database: db.value,
      username: input.username.trim(),
      password: input.password,
      autoSync: input.autoSync,
    },
  };
}

export interface LoadedSettings {
  /** null: sync is not set up (or what was stored could not be used). */
  settings: SyncSettings | null;
  /** What was wrong with the stored settings, in words; null when they were fine or absent. */
  problem: string | null;
  /** The form's starting values: the stored ones that are still usable, defaults for the rest. */
  form: SyncSettingsInput;
}

const FIELD_WORDS: Record<keyof SyncSettings, string> = {
  serverUrl: 'server address',
  database: 'database name',
  username: 'user name',
  password: 'password',
  autoSync: 'automatic sync',
};

/**
 * Reads stored settings defensively (a downgrade, a damaged profile or another version may have left
 * anything). Bad data becomes "not set up" with a message naming the fields; it is not deleted, so
 * nothing is lost until the user saves again.
 */
export function parseStoredSettings(raw: unknown): LoadedSettings {
  if (raw === undefined || raw === null) return { settings: null, problem: null, form: { ...EMPTY_SYNC_FORM } };
  const r = v.safeParse(Stored, raw);
  if (r.success) return { settings: r.output, problem: null, form: r.output };
  const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const form = { ...EMPTY_SYNC_FORM };
  const bad: string[] = [];
  for (const key of Object.keys(FIELD_WORDS) as (keyof SyncSettings)[]) {
    const one = v.safeParse(Stored.entries[key], obj[key]);
    if (one.success) (form as Record<string, unknown>)[key] = one.output;
    else bad.push(FIELD_WORDS[key]);
  }
  return {
    settings: null,
    problem: `The saved sync settings could not be used (${bad.length ? `bad ${bad.join(', ')}` : 'not a settings record'}). Sync is off until you check them and save again.`,
    form,
  };
}

export async function loadSyncSettings(area: SyncStorageArea): Promise<LoadedSettings> {
  return parseStoredSettings((await area.get(SYNC_SETTINGS_KEY))[SYNC_SETTINGS_KEY]);
}

/** Validates and stores the settings; on bad input nothing is written and each bad field says why. */
export async function saveSyncSettings(
  area: SyncStorageArea,
  input: SyncSettingsInput,
): Promise<{ ok: true; settings: SyncSettings } | { ok: false; errors: FieldErrors }> {
  const r = validateSyncInput(input);
  if (r.ok) await area.set({ [SYNC_SETTINGS_KEY]: r.settings });
  return r;
}

/** "Disconnect": forgets the server, the credentials and the status; the local library is untouched. */
export async function forgetSyncSettings(area: SyncStorageArea, statusKey: string): Promise<void> {
  await area.remove([SYNC_SETTINGS_KEY, statusKey]);
}

/** The settings as they may appear in a log or an error report: no password, no user name. */
export function redactSettings(s: SyncSettings): { serverUrl: string; database: string; autoSync: boolean; signedIn: boolean } {
  return { serverUrl: s.serverUrl, database: s.database, autoSync: s.autoSync, signedIn: !!s.username };
}
