// The slice of PouchDB's API sync uses, typed here: @types/pouchdb-core declares a global `Buffer`
// interface that breaks Node's Buffer typing across the project, so those types are never imported.
// Load the runtime through lib/sync/pouchdb.js (typed by pouchdb.d.ts, which names these types).

export interface PouchError {
  status?: number;
  name?: string;
  message?: string;
  reason?: string;
  error?: boolean | string;
}

export interface DocMeta {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  _attachments?: Record<string, unknown>;
}

export interface BulkResult {
  ok?: boolean;
  id?: string;
  rev?: string;
  error?: boolean | string;
  status?: number;
  message?: string;
}

export interface AllDocsRow {
  id: string;
  key: string;
  value: { rev: string; deleted?: boolean };
  doc?: (DocMeta & Record<string, unknown>) | null;
  error?: string;
}

export interface ChangesResult {
  results: { id: string; seq: number | string; changes: { rev: string }[]; deleted?: boolean; doc?: DocMeta & Record<string, unknown> }[];
  last_seq: number | string;
}

/** PouchDB's EventEmitter-plus-promise handles (replication, live changes). */
export interface Emitter<T> extends PromiseLike<T> {
  on(event: string, listener: (arg: never) => void): this;
  cancel(): void;
}

export interface ReplicationResult {
  ok: boolean;
  status?: string;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  errors: unknown[];
  last_seq?: number | string;
}

export interface ReplicationChange {
  docs: (DocMeta & Record<string, unknown>)[];
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  last_seq?: number | string;
}

export interface ReplicateOptions {
  live?: boolean;
  retry?: boolean;
  batch_size?: number;
  batches_limit?: number;
  checkpoint?: 'source' | 'target' | false;
}

export interface Pouch {
  name: string;
  get<T = DocMeta & Record<string, unknown>>(
    id: string,
    opts?: { rev?: string; conflicts?: boolean; attachments?: boolean; binary?: boolean; revs?: boolean },
  ): Promise<T & DocMeta>;
  put(doc: DocMeta & Record<string, unknown>): Promise<BulkResult>;
  bulkDocs(docs: object[]): Promise<BulkResult[]>;
  allDocs(opts: {
    keys?: string[];
    startkey?: string;
    endkey?: string;
    include_docs?: boolean;
    conflicts?: boolean;
    limit?: number;
  }): Promise<{ rows: AllDocsRow[]; total_rows: number }>;
  changes(opts: {
    since?: number | string;
    limit?: number;
    include_docs?: boolean;
    conflicts?: boolean;
    live?: true;
    style?: 'all_docs';
  }): Emitter<ChangesResult> & PromiseLike<ChangesResult>;
  info(): Promise<{ doc_count: number; update_seq: number | string }>;
  replicate: {
    to(target: Pouch, opts?: ReplicateOptions): Emitter<ReplicationResult>;
    from(source: Pouch, opts?: ReplicateOptions): Emitter<ReplicationResult>;
  };
  close(): Promise<void>;
  destroy(): Promise<void>;
}

export interface PouchOptions {
  auth?: { username: string; password: string };
  skip_setup?: boolean;
  fetch?: (url: string | Request, opts?: RequestInit) => Promise<Response>;
}

export type PouchCtor = new (name: string, opts?: PouchOptions) => Pouch;
