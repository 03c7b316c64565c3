// A CouchDB-compatible server for tests: `pouchdb-server --in-memory` as a child process on
// 127.0.0.1, on a free port, with its config (admins, CORS) and log in a fresh temporary folder.
//
//   const couch = await startCouchServer({ adminUser: 'admin', adminPassword: 'secret', cors: false });
//   ... fetch(`${couch.url}/_session`) ...
//   await couch.stop();
//
// Known pouchdb-server 4.2 limits: with admins configured, a PUT /{db} by anyone who is not an admin
// (anonymous or a _users member) crashes the server process (express-pouchdb `db.info is not a
// function`), where CouchDB answers 401; test those answers with CouchDB's documented responses.
// CORS is on by default (any origin, credentials allowed); `cors: false` turns it off; a list of
// origins allows only those.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../node_modules/pouchdb-server/bin/pouchdb-server');

export interface CouchServerOptions {
  /** A server admin (CouchDB leaves "admin party" once one exists: anonymous writes are refused). */
  adminUser?: string;
  adminPassword?: string;
  /** true (default): any origin; false: no CORS headers at all; a list: only those origins. */
  cors?: boolean | string[];
  /** Fixed port (default: a free one). */
  port?: number;
}

export interface CouchServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  port: number;
  /** Authorization header value for the admin (undefined without one). */
  adminAuth?: string;
  /** The server's output so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited (${child.exitCode}):\n${output()}`);
    const up = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pouchdb-server did not answer on ${url} within ${timeoutMs} ms:\n${output()}`);
}

export async function startCouchServer(opts: CouchServerOptions = {}): Promise<CouchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gist-couch-'));
  const port = opts.port ?? (await freePort());
  const cors = opts.cors ?? true;
  const config: Record<string, Record<string, unknown>> = {
    httpd: { enable_cors: cors !== false },
    log: { file: join(dir, 'log.txt') },
  };
  if (Array.isArray(cors)) config.cors = { origins: cors.join(', ') };
  if (opts.adminUser) config.admins = { [opts.adminUser]: opts.adminPassword ?? '' };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const child = spawn(
    process.execPath,
    [BIN, '--in-memory', '--port', String(port), '--host', '127.0.0.1', '--config', join(dir, 'config.json'), '-n'],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, () => out, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    port,
    adminAuth: opts.adminUser ? `Basic ${Buffer.from(`${opts.adminUser}:${opts.adminPassword ?? ''}`).toString('base64')}` : undefined,
    output: () => out,
    stop,
  };
}
