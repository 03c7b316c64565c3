// Messages between the library page and parse-worker.ts, and the page's side of it.
import type { ImportItem, ImportResult } from '../../lib/import/types';
import { parseImport } from '../../lib/import/parse-import';

/**
 * Items per message from the worker: the page deserializes a message in one task (5,000 Pocket CSV
 * items were a ~400 ms task, 262 ms of it the message, in bench-import-page's profile at load ~20).
 */
export const PARSE_SLICE = 2000;

export interface ParseRequest {
  name: string;
  bytes: Uint8Array;
}

export type ParseReply =
  | { kind: 'items'; items: ImportItem[]; keys?: string[] }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'error'; name: string; message: string };

/**
 * parseImport in a worker; on the page itself where workers are unavailable (or the worker script
 * cannot start). A file the reader refuses gives the same error, with the same message, either way.
 */
export function parseOffThread(name: string, bytes: Uint8Array, makeWorker: () => Worker): Promise<ImportResult> {
  let worker: Worker;
  try {
    worker = makeWorker();
  } catch {
    return parseImport(name, bytes);
  }
  return new Promise<ImportResult>((resolve, reject) => {
    const items: ImportItem[] = [];
    const keys: string[] = [];
    let heard = false;
    worker.onmessage = (e: MessageEvent<ParseReply>) => {
      heard = true;
      const m = e.data;
      if (m.kind === 'items') {
        for (const it of m.items) items.push(it);
        for (const k of m.keys ?? []) keys.push(k);
        return;
      }
      worker.terminate();
      if (m.kind === 'done') resolve({ ...m.result, items, keys: keys.length === items.length ? keys : undefined });
      else reject(Object.assign(new Error(m.message), { name: m.name }));
    };
    worker.onerror = (e) => {
      worker.terminate();
      // The worker did not load (nothing heard yet): read the file here instead.
      if (!heard) parseImport(name, bytes).then(resolve, reject);
      else reject(new Error(`reading the file failed: ${e.message || 'the reader stopped'}`));
    };
    worker.postMessage({ name, bytes } satisfies ParseRequest);
  });
}
