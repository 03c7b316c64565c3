// One-way PouchDB replication run to completion, with progress (documents, bytes), abort, and errors
// in words that never carry the credentials. PouchDB keeps replication checkpoints on both sides
// (`_local` documents), so a stopped replication resumes where it was instead of starting over.
import type { DocMeta, Emitter, ReplicationChange, ReplicationResult } from './pouch-types';

export interface Transfer {
  /** Documents written to the target. */
  docs: number;
  /** Approximate bytes moved: JSON of the documents plus their attachments' sizes. */
  bytes: number;
  read: number;
}

/** Replication options shared by one-shot and live runs (batches of 50: ~3 MB with images). */
export const REPLICATION = { batch_size: 50, batches_limit: 4 } as const;

/** The size of a replicated document, its attachments counted by their binary length. */
export function docBytes(doc: DocMeta & Record<string, unknown>): number {
  let n = 0;
  const atts = doc._attachments as Record<string, { data?: unknown; length?: number }> | undefined;
  for (const a of Object.values(atts ?? {})) {
    if (a.data instanceof Blob) n += a.data.size;
    else if (typeof a.data === 'string') n += Math.floor((a.data.length * 3) / 4);
    else n += a.length ?? 0;
  }
  return n + JSON.stringify({ ...doc, _attachments: undefined }).length;
}

/** Runs `rep` until it completes; rejects with the replication's error, or when `signal` aborts it. */
export async function runReplication(
  rep: Emitter<ReplicationResult>,
  opts: { signal?: AbortSignal; onChange?: (t: Transfer) => void } = {},
): Promise<Transfer> {
  const t: Transfer = { docs: 0, bytes: 0, read: 0 };
  const abort = () => rep.cancel();
  opts.signal?.addEventListener('abort', abort, { once: true });
  rep.on('change', ((info: ReplicationChange) => {
    t.docs = info.docs_written;
    t.read = info.docs_read;
    for (const d of info.docs) t.bytes += docBytes(d);
    opts.onChange?.({ ...t });
  }) as (arg: never) => void);
  try {
    const res = await rep;
    t.docs = res.docs_written;
    t.read = res.docs_read;
    opts.signal?.throwIfAborted();
    if (res.doc_write_failures) throw new Error(`${res.doc_write_failures} documents could not be written`);
    return t;
  } finally {
    opts.signal?.removeEventListener('abort', abort);
  }
}

/** Words for a sync error, with every secret (user, password, credentials in URLs) removed. */
export function describeError(e: unknown, secrets: string[]): string {
  if (e instanceof DOMException && e.name === 'AbortError') return 'Sync was stopped.';
  const err = (e ?? {}) as { status?: number; name?: string; message?: string; reason?: string };
  let msg: string;
  if (err.status === 401 || err.status === 403) msg = `The server refused the user name or password (${err.status}).`;
  else if (err.status === 404) msg = 'The database was not found on the server (404).';
  else if (err.status && err.status >= 500) msg = `The server failed (${err.status}): ${err.reason ?? err.message ?? ''}`.trim();
  // fetch's own failures ("Failed to fetch", "fetch failed", "NetworkError…"), not any TypeError (a bug).
  else if (/fetch|network|ECONNREFUSED|ECONNRESET|socket/i.test(err.message ?? '')) msg = 'The server could not be reached.';
  else msg = `${err.name && err.name !== 'Error' ? `${err.name}: ` : ''}${err.reason ?? err.message ?? String(e)}`;
  msg = msg.replace(/(\w+:\/\/)[^/@\s]+@/g, '$1');
  for (const s of secrets) {
    if (!s) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) msg = msg.split(form).join('***');
  }
  return msg;
}
