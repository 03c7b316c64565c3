// "Test connection" (issue #18): what stands between Gist and the user's CouchDB, in plain words with
// what to do. Only CouchDB's HTTP API is used (GET /_session, GET/PUT/DELETE /{db}); the replication
// itself is the engine's (lib/sync/engine.ts).
//
// What a browser lets script see of a failed request: nothing but "TypeError: Failed to fetch"
// (Chromium) / "NetworkError when attempting to fetch resource." (Firefox) for a refused connection,
// an unknown host, a refused TLS certificate and a missing CORS header alike; the reason is only in
// the devtools console. Two things still tell them apart:
//   - CORS: a `no-cors` request is not subject to CORS and succeeds (opaque response) whenever the
//     server answered at all; so "normal request failed, no-cors probe succeeded" = CORS.
//   - TLS: Node's fetch (undici) names the cause (`cause.code`, e.g. DEPTH_ZERO_SELF_SIGNED_CERT);
//     a browser does not, so for an https:// address that cannot be reached the message says it is
//     either unreachable or its certificate was refused, and how to tell which (open it in a tab).
import type { SyncSettings } from './settings';
import { countOf } from '../format/count';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type CheckKind =
  'ok' | 'unreachable' | 'tls' | 'cors' | 'wrong-credentials' | 'forbidden' | 'database-missing' | 'not-couchdb' | 'server-error';

export interface CheckResult {
  kind: CheckKind;
  /** One or two sentences: what is wrong and what to do. */
  message: string;
  /** For 'cors': the settings to add (CouchDB's local.ini), and the same as curl commands. */
  corsHelp?: { ini: string; curl: string };
}

export interface CheckOptions {
  /** This extension's origin(s), named in the CORS instructions (chrome-extension://…, moz-extension://…). */
  extensionOrigins?: string[];
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** HTTP Basic credentials, UTF-8 (btoa alone fails on non-Latin-1 passwords). */
export function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

const dbUrl = (s: SyncSettings) => `${s.serverUrl}/${encodeURIComponent(s.database)}`;
const hostOf = (s: SyncSettings) => new URL(s.serverUrl).host;

function init(s: SyncSettings, method: string, timeoutMs: number): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (s.username) headers.Authorization = basicAuth(s.username, s.password);
  // No cookies: a Fauxton session in this browser must not make a wrong password look right.
  return { method, headers, credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) };
}

const TLS_CODES =
  /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH|ERR_TLS_CERT_ALTNAME_INVALID)/;

/** The platform's reason for a network failure when it gives one (Node: `cause.code`); browsers give none. */
function causeCode(e: unknown): string | null {
  for (let x: unknown = e, i = 0; x && typeof x === 'object' && i < 4; i++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    x = (x as { cause?: unknown }).cause;
  }
  return null;
}

const isTimeout = (e: unknown) => e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');

export function corsHelp(serverUrl: string, extensionOrigins: string[]): { ini: string; curl: string } {
  const origins = extensionOrigins.length
    ? extensionOrigins.join(', ')
    : 'chrome-extension://<extension id>, moz-extension://<extension uuid>';
  const ini = [
    '[chttpd]',
    'enable_cors = true',
    '',
    '[cors]',
    `origins = ${origins}`,
    'credentials = true',
    'methods = GET, PUT, POST, HEAD, DELETE',
    'headers = accept, authorization, content-type, origin, referer',
  ].join('\n');
  const put = (path: string, value: string) => `curl -u ADMIN:PASSWORD -X PUT ${serverUrl}/_node/_local/_config/${path} -d '"${value}"'`;
  const curl = [
    put('chttpd/enable_cors', 'true'),
    put('cors/origins', origins),
    put('cors/credentials', 'true'),
    put('cors/methods', 'GET, PUT, POST, HEAD, DELETE'),
    put('cors/headers', 'accept, authorization, content-type, origin, referer'),
  ].join('\n');
  return { ini, curl };
}

/** Why a request that never got an answer failed: timeout, TLS (when the platform says), CORS (probe), or unreachable. */
async function networkFailure(e: unknown, s: SyncSettings, fetchFn: FetchLike, opts: CheckOptions): Promise<CheckResult> {
  const host = hostOf(s);
  if (isTimeout(e)) {
    const sec = Math.max(1, Math.round((opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000));
    return {
      kind: 'unreachable',
      message: `${host} did not answer within ${countOf(sec, 'second')}. Check the address and that CouchDB is running and reachable from this computer, then try again.`,
    };
  }
  const code = causeCode(e);
  if (code && TLS_CODES.test(code))
    return {
      kind: 'tls',
      message: `The secure connection to ${host} failed: its certificate was refused (${code}). Give the server a certificate browsers trust for this name (e.g. from Let's Encrypt) and check the address.`,
    };
  if (code)
    return {
      kind: 'unreachable',
      message: `Gist could not reach ${host} (${code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'no such host' : code === 'ECONNREFUSED' ? 'connection refused' : code}). Check the address and port, and that CouchDB is running.`,
    };
  // A browser: no reason given. Reachable without CORS rules means the server answered but did not allow this extension.
  const reachable = await fetchFn(`${s.serverUrl}/`, {
    mode: 'no-cors',
    credentials: 'omit',
    cache: 'no-store',
    signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  }).then(
    () => true,
    () => false,
  );
  if (reachable) {
    const help = corsHelp(s.serverUrl, opts.extensionOrigins ?? []);
    return {
      kind: 'cors',
      message: `${host} answered, but does not allow Gist to read its answers: CORS is not enabled for this extension. As the CouchDB admin, add the settings below (local.ini, or Fauxton → Configuration → CORS), or run the curl commands, then test again.`,
      corsHelp: help,
    };
  }
  if (new URL(s.serverUrl).protocol === 'https:')
    return {
      kind: 'unreachable',
      message: `Gist could not reach ${host}: the server is down or unreachable from here, or its TLS certificate was refused (self-signed, expired or for another name; the browser does not say which). Open ${s.serverUrl}/ in a tab: a certificate warning means the certificate needs fixing; a page that does not load means the address, port or server.`,
    };
  return { kind: 'unreachable', message: `Gist could not reach ${host}. Check the address and port, and that CouchDB is running.` };
}

async function reasonOf(r: Response): Promise<string> {
  try {
    const j = (await r.json()) as { reason?: unknown; error?: unknown };
    return typeof j.reason === 'string' ? j.reason : typeof j.error === 'string' ? j.error : '';
  } catch {
    return '';
  }
}

function wrongCredentials(s: SyncSettings): CheckResult {
  return {
    kind: 'wrong-credentials',
    message: s.username
      ? `${hostOf(s)} refused the user name or password for "${s.username}". Check both (they are case-sensitive) and test again.`
      : `${hostOf(s)} asks for a user name and password. Enter those of your CouchDB account and test again.`,
  };
}

/**
 * Tests the settings against the server: reachable, CORS, credentials (GET /_session), then the
 * database (GET /{db}). Never throws; never puts the password in a message.
 */
export async function checkConnection(s: SyncSettings, fetchFn: FetchLike, opts: CheckOptions = {}): Promise<CheckResult> {
  const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const host = hostOf(s);
  let session: Response;
  try {
    session = await fetchFn(`${s.serverUrl}/_session`, init(s, 'GET', timeout));
  } catch (e) {
    return networkFailure(e, s, fetchFn, opts);
  }
  if (session.status === 401) return wrongCredentials(s);
  const body = (await session.json().catch(() => null)) as { userCtx?: { name?: unknown } } | null;
  if (!session.ok || !body || typeof body.userCtx !== 'object')
    return {
      kind: 'not-couchdb',
      message: `${host} answered, but not as CouchDB (HTTP ${session.status} for /_session). Check the address: it is the server's base URL (e.g. https://couch.example.org, or the path CouchDB is served under), not a database or a web page.`,
    };
  let db: Response;
  try {
    db = await fetchFn(dbUrl(s), init(s, 'GET', timeout));
  } catch (e) {
    return networkFailure(e, s, fetchFn, opts);
  }
  if (db.ok) return { kind: 'ok', message: `Connected to ${host}, database "${s.database}".` };
  if (db.status === 404)
    return {
      kind: 'database-missing',
      message: `Connected to ${host}, but there is no database "${s.database}" there. Gist can create it, or check the name.`,
    };
  if ((db.status === 401 || db.status === 403) && !s.username) return wrongCredentials(s);
  if (db.status === 401 || db.status === 403)
    return {
      kind: 'forbidden',
      message: `"${s.username}" signed in, but may not use the database "${s.database}". Ask the CouchDB admin to add ${s.username} to its members (Fauxton → the database → Permissions), or use a database of your own.`,
    };
  return {
    kind: 'server-error',
    message: `${host} answered HTTP ${db.status} for the database "${s.database}"${await reasonOf(db).then((r) => (r ? ` (${r})` : ''))}. Try again later or check the server's log.`,
  };
}

export type DbActionResult = { ok: true; message: string } | { ok: false; message: string };

/** Creates the database (PUT /{db}); an existing one counts as created. */
export async function createDatabase(s: SyncSettings, fetchFn: FetchLike, opts: CheckOptions = {}): Promise<DbActionResult> {
  const host = hostOf(s);
  let r: Response;
  try {
    r = await fetchFn(dbUrl(s), init(s, 'PUT', opts.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  } catch (e) {
    return { ok: false, message: (await networkFailure(e, s, fetchFn, opts)).message };
  }
  if (r.status === 201 || r.status === 202) return { ok: true, message: `Created the database "${s.database}" on ${host}.` };
  if (r.status === 412) return { ok: true, message: `The database "${s.database}" already exists on ${host}.` };
  if (r.status === 401)
    return {
      ok: false,
      message: s.username
        ? `${host} did not let "${s.username}" create a database: on CouchDB only a server admin can. Ask your admin to create "${s.database}" and add ${s.username} to its members, or sign in as an admin.`
        : `${host} needs a server admin's user name and password to create a database. Enter them, or ask your admin to create "${s.database}".`,
    };
  if (r.status === 403)
    return {
      ok: false,
      message: `${host} forbids creating the database "${s.database}"${await reasonOf(r).then((x) => (x ? ` (${x})` : ''))}. Ask your CouchDB admin to create it for you.`,
    };
  if (r.status === 400)
    return {
      ok: false,
      message: `${host} refused "${s.database}" as a database name${await reasonOf(r).then((x) => (x ? ` (${x})` : ''))}.`,
    };
  return {
    ok: false,
    message: `${host} answered HTTP ${r.status} when creating "${s.database}". Try again later or check the server's log.`,
  };
}

/** "Remove from server": deletes the remote database (DELETE /{db}); the local library is not touched. */
export async function deleteDatabase(s: SyncSettings, fetchFn: FetchLike, opts: CheckOptions = {}): Promise<DbActionResult> {
  const host = hostOf(s);
  let r: Response;
  try {
    r = await fetchFn(dbUrl(s), init(s, 'DELETE', opts.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  } catch (e) {
    return { ok: false, message: (await networkFailure(e, s, fetchFn, opts)).message };
  }
  if (r.ok) return { ok: true, message: `Deleted the database "${s.database}" from ${host}. Your library on this device is unchanged.` };
  if (r.status === 404) return { ok: true, message: `There was no database "${s.database}" on ${host}: nothing to remove.` };
  if (r.status === 401 || r.status === 403)
    return {
      ok: false,
      message: `${host} did not let ${s.username ? `"${s.username}"` : 'Gist'} delete "${s.database}": only a server admin can. Nothing was deleted.`,
    };
  return { ok: false, message: `${host} answered HTTP ${r.status}; "${s.database}" was not deleted.` };
}
