// PouchDB's browser build (what the extension ships) in Node, on fake-indexeddb: it expects `self`,
// `navigator` and `FileReader` (attachments are read through it). Only the FileReader methods PouchDB
// calls are provided, backed by Blob.arrayBuffer().
import 'fake-indexeddb/auto';
import type { PouchCtor } from '../../lib/sync/pouch-types';

class NodeFileReader {
  result: ArrayBuffer | null = null;
  onload: ((e: { target: NodeFileReader }) => void) | null = null;
  onloadend: ((e: { target: NodeFileReader }) => void) | null = null;
  readAsArrayBuffer(blob: Blob): void {
    void blob.arrayBuffer().then((buf) => {
      this.result = buf;
      this.onload?.({ target: this });
      this.onloadend?.({ target: this });
    });
  }
}

export async function loadPouch(): Promise<PouchCtor> {
  const g = globalThis as Record<string, unknown>;
  g.self ??= globalThis;
  if (typeof g.navigator === 'undefined') g.navigator = { userAgent: 'node' };
  g.FileReader ??= NodeFileReader;
  return (await import('../../lib/sync/pouchdb.js')).default;
}
