// @vitest-environment node
// Test connection (#18) against a real CouchDB-compatible server (pouchdb-server --in-memory on
// 127.0.0.1, started here): ok, unreachable, TLS, wrong credentials, database missing + create,
// remove, not CouchDB; CORS through a fetch that applies the browser's CORS rule to the real
// server's answers (Node's own fetch ignores CORS; tests/e2e/sync-settings.test.ts checks it in Chromium).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnection, createDatabase, deleteDatabase, type FetchLike } from '../../lib/sync/connection-check';
import type { SyncSettings } from '../../lib/sync/settings';
import { freePort, startCouchServer, type CouchServer } from '../helpers/couch-server';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
let secured: CouchServer; // with an admin
let noCors: CouchServer; // admin party, CORS off
const settings = (over: Partial<SyncSettings> = {}): SyncSettings => ({
  serverUrl: secured.url,
  database: 'gist',
  username: 'admin',
  password: 'secret',
  autoSync: true,
  ...over,
});

beforeAll(async () => {
  [secured, noCors] = await Promise.all([
    startCouchServer({ adminUser: 'admin', adminPassword: 'secret' }),
    startCouchServer({ cors: false }),
  ]);
});
afterAll(async () => {
  await Promise.all([secured?.stop(), noCors?.stop()]);
});

const dbExists = async (server: CouchServer, name: string) =>
  (await fetch(`${server.url}/${name}`, { headers: server.adminAuth ? { Authorization: server.adminAuth } : {} })).status === 200;

describe('checkConnection on pouchdb-server', () => {
  it('ok: right credentials and an existing database', async () => {
    await fetch(`${secured.url}/present`, { method: 'PUT', headers: { Authorization: secured.adminAuth! } });
    const r = await checkConnection(settings({ database: 'present' }), fetch);
    expect(r).toEqual({ kind: 'ok', message: `Connected to 127.0.0.1:${secured.port}, database "present".` });
  });

  it('wrong credentials: a wrong password, and an unknown user', async () => {
    const r = await checkConnection(settings({ password: 'wrong' }), fetch);
    expect(r.kind).toBe('wrong-credentials');
    expect(r.message).toMatch(/refused the user name or password for "admin"/);
    expect(r.message).not.toContain('wrong'); // never the password
    expect((await checkConnection(settings({ username: 'nobody', password: 'x' }), fetch)).kind).toBe('wrong-credentials');
  });

  it('database missing, then createDatabase creates it (seen on the server), then ok; creating again is fine', async () => {
    const s = settings({ database: 'fresh-db' });
    const r = await checkConnection(s, fetch);
    expect(r.kind).toBe('database-missing');
    expect(r.message).toMatch(/no database "fresh-db"/);
    expect(await dbExists(secured, 'fresh-db')).toBe(false);
    expect(await createDatabase(s, fetch)).toEqual({ ok: true, message: `Created the database "fresh-db" on 127.0.0.1:${secured.port}.` });
    expect(await dbExists(secured, 'fresh-db')).toBe(true);
    expect((await checkConnection(s, fetch)).kind).toBe('ok');
    expect((await createDatabase(s, fetch)).message).toMatch(/already exists/);
  });

  it('createDatabase with a wrong password says so and creates nothing', async () => {
    const r = await createDatabase(settings({ database: 'not-made', password: 'wrong' }), fetch);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/only a server admin can/);
    expect(await dbExists(secured, 'not-made')).toBe(false);
  });

  it('deleteDatabase removes the remote database', async () => {
    const s = settings({ database: 'to-remove' });
    await createDatabase(s, fetch);
    expect(await dbExists(secured, 'to-remove')).toBe(true);
    expect((await deleteDatabase(s, fetch)).ok).toBe(true);
    expect(await dbExists(secured, 'to-remove')).toBe(false);
    expect((await deleteDatabase(settings({ database: 'present', password: 'wrong' }), fetch)).ok).toBe(false);
    expect(await dbExists(secured, 'present')).toBe(true);
  });

  it('unreachable: a closed port', async () => {
    const port = await freePort();
    const r = await checkConnection(settings({ serverUrl: `http://127.0.0.1:${port}` }), fetch);
    expect(r.kind).toBe('unreachable');
    expect(r.message).toBe(
      `Gist could not reach 127.0.0.1:${port} (connection refused). Check the address and port, and that CouchDB is running.`,
    );
  });

  it('unreachable: a server that never answers times out', async () => {
    const silent: Server = createHttpServer(() => {});
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    const port = (silent.address() as { port: number }).port;
    try {
      const r = await checkConnection(settings({ serverUrl: `http://127.0.0.1:${port}` }), fetch, { timeoutMs: 300 });
      expect(r.kind).toBe('unreachable');
      expect(r.message).toMatch(/^127\.0\.0\.1:\d+ did not answer within 1 second\. Check the address/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('not CouchDB: a web page at that address', async () => {
    const web: Server = createHttpServer((_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Hello</h1>'));
    await new Promise<void>((ok) => web.listen(0, '127.0.0.1', ok));
    try {
      const r = await checkConnection(settings({ serverUrl: `http://127.0.0.1:${(web.address() as { port: number }).port}` }), fetch);
      expect(r.kind).toBe('not-couchdb');
    } finally {
      web.close();
    }
  });
});

describe('TLS', () => {
  let dir: string;
  let tls: Server;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gist-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    tls = createHttpsServer({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) }, (_q, res) => res.end('{}'));
    await new Promise<void>((ok) => tls.listen(0, '127.0.0.1', ok));
    url = `https://127.0.0.1:${(tls.address() as { port: number }).port}`;
  });
  afterAll(() => {
    tls?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a self-signed certificate is a TLS error, not "unreachable", where the platform names the cause (Node)', async () => {
    const r = await checkConnection(settings({ serverUrl: url }), fetch);
    expect(r.kind).toBe('tls');
    expect(r.message).toMatch(/certificate was refused \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  });

  it('in a browser (no cause given, the probe fails too) the message names both possibilities', async () => {
    const r = await checkConnection(settings({ serverUrl: url }), browserLikeFetch(ORIGIN));
    expect(r.kind).toBe('unreachable');
    expect(r.message).toMatch(/TLS certificate was refused/);
    expect(r.message).toMatch(/Open https:\/\/127\.0\.0\.1:\d+\/ in a tab/);
  });
});

/**
 * Node's fetch made to fail as a browser's does: no cause on network errors, and CORS applied to the
 * real answer (a cors-mode response without Access-Control-Allow-Origin for our origin is a TypeError).
 */
function browserLikeFetch(origin: string): FetchLike {
  return async (url, init = {}) => {
    let r: Response;
    try {
      r = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Origin: origin } });
    } catch {
      throw new TypeError('Failed to fetch');
    }
    if (init.mode === 'no-cors') return r;
    const allowed = r.headers.get('access-control-allow-origin');
    if (allowed !== origin && allowed !== '*') throw new TypeError('Failed to fetch');
    return r;
  };
}

describe('CORS (browser rule applied to the real server)', () => {
  it('a server without CORS: reachable by the no-cors probe → the CORS message with the settings for this origin', async () => {
    const r = await checkConnection(settings({ serverUrl: noCors.url, username: '', password: '' }), browserLikeFetch(ORIGIN), {
      extensionOrigins: [ORIGIN],
    });
    expect(r.kind).toBe('cors');
    expect(r.message).toMatch(/CORS is not enabled/);
    expect(r.corsHelp?.ini).toContain('[chttpd]\nenable_cors = true');
    expect(r.corsHelp?.ini).toContain(`origins = ${ORIGIN}`);
    expect(r.corsHelp?.curl).toContain(`${noCors.url}/_node/_local/_config/cors/origins -d '"${ORIGIN}"'`);
  });

  it('the same server with CORS on: connected', async () => {
    const r = await checkConnection(settings({ database: 'present' }), browserLikeFetch(ORIGIN));
    expect(r.kind).toBe('ok');
  });

  it('a closed port in a browser: unreachable, not CORS', async () => {
    const r = await checkConnection(settings({ serverUrl: `http://127.0.0.1:${await freePort()}` }), browserLikeFetch(ORIGIN));
    expect(r.kind).toBe('unreachable');
    expect(r.message).toMatch(/^Gist could not reach 127\.0\.0\.1:\d+\. Check the address/);
  });
});

describe("CouchDB's answers pouchdb-server cannot give (it crashes on a non-admin PUT /{db})", () => {
  // CouchDB 3: creating a database as a non-admin is 401 {"error":"unauthorized","reason":"You are not a server admin."};
  // a validate/ proxy rule may answer 403. Scripted answers, same code path.
  const answer =
    (status: number, body: object): FetchLike =>
    async () =>
      new Response(JSON.stringify(body), { status });
  it('401 and 403 on create each have their own message', async () => {
    const s = settings({ username: 'anna', password: 'pw' });
    const r401 = await createDatabase(s, answer(401, { error: 'unauthorized', reason: 'You are not a server admin.' }));
    expect(r401).toEqual({
      ok: false,
      message: expect.stringMatching(/did not let "anna" create a database: on CouchDB only a server admin can/),
    });
    const r403 = await createDatabase(s, answer(403, { error: 'forbidden', reason: 'Database creation is disabled.' }));
    expect(r403).toEqual({
      ok: false,
      message: expect.stringMatching(/forbids creating the database "gist" \(Database creation is disabled\.\)/),
    });
  });
  it('403 on the database: signed in but not a member', async () => {
    let n = 0;
    const f: FetchLike = async () =>
      n++ === 0
        ? new Response(JSON.stringify({ ok: true, userCtx: { name: 'anna', roles: [] } }), { status: 200 })
        : new Response(JSON.stringify({ error: 'forbidden', reason: 'You are not allowed to access this db.' }), { status: 403 });
    const r = await checkConnection(settings({ username: 'anna', password: 'pw' }), f);
    expect(r.kind).toBe('forbidden');
    expect(r.message).toMatch(/add anna to its members/);
  });
});
