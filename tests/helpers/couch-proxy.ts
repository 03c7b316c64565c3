// A CouchDB-compatible server for sync tests that can disappear without losing its data: the
// pouchdb-server of couch-server.ts, reached through an in-process TCP proxy the test can cut (every
// connection dropped, new ones refused) and restore on the same port — restarting an in-memory
// server would lose the data.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort, startCouchServer } from './couch-server';

export interface CouchProxyServer {
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

export async function startCouch(): Promise<CouchProxyServer> {
  const couch = await startCouchServer();
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  let proxy: Server | null = null;
  const proxyPort = await freePort();
  const listen = async () => {
    if (proxy) return;
    proxy = createServer((client) => {
      const upstream = connect(couch.port, '127.0.0.1');
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
      await couch.stop();
    },
  };
}
