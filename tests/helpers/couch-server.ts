// A CouchDB-compatible server for sync tests: `pouchdb-server --in-memory` as a child process on
// 127.0.0.1, reached through an in-process TCP proxy the test can cut (every connection dropped, new
// ones refused) and restore on the same port — a server that disappears without losing its data,
// which restarting an in-memory server would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface CouchServer {
  /** Base URL through the proxy, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Request lines (`GET /db/_changes?since=…`) seen by the proxy, oldest first; the test may clear it. */
  requests: string[];
  /** Creates a database and returns its URL. */
  createDb(name: string): Promise<string>;
  cut(): Promise<void>;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function waitUp(url: string, child: ChildProcess, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`pouchdb-server did not answer on ${url} within ${ms} ms`);
}

export async function startCouch(): Promise<CouchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gist-couch-'));
  const port = await freePort();
  const bin = resolve(import.meta.dirname, '../../node_modules/pouchdb-server/bin/pouchdb-server');
  const child = spawn(
    process.execPath,
    [bin, '--in-memory', '--port', String(port), '--host', '127.0.0.1', '-n', '-c', join(dir, 'config.json')],
    {
      cwd: dir,
      stdio: 'ignore',
    },
  );
  await waitUp(`http://127.0.0.1:${port}/`, child);

  const sockets = new Set<Socket>();
  const requests: string[] = [];
  let proxy: Server | null = null;
  const proxyPort = await freePort();
  const listen = async () => {
    if (proxy) return;
    proxy = createServer((client) => {
      const upstream = connect(port, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.on('data', (chunk: Buffer) => {
        for (const m of chunk.toString('latin1').matchAll(/(?:GET|POST|PUT|DELETE|HEAD) \/\S* HTTP\/1\.1/g)) requests.push(m[0]);
      });
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => proxy!.listen(proxyPort, '127.0.0.1', r));
  };
  await listen();
  const url = `http://127.0.0.1:${proxyPort}`;
  const cut = async () => {
    const p = proxy;
    proxy = null;
    for (const s of sockets) s.destroy();
    if (p) await new Promise((r) => p.close(r));
  };
  return {
    url,
    requests,
    async createDb(name) {
      const res = await fetch(`${url}/${name}`, { method: 'PUT' });
      if (!res.ok && res.status !== 412) throw new Error(`Could not create ${name}: ${res.status}`);
      return `${url}/${name}`;
    },
    cut,
    restore: listen,
    async stop() {
      await cut();
      child.kill();
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
