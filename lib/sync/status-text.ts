// The sync status line in words: "Last synced 5 min ago · 3 changes to send", "Syncing… 120 documents, 4.2 MB".
import { formatBytes } from '../format/bytes';
import { countOf } from '../format/count';
import type { SyncStatus } from './status';

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function ago(at: number, now: number): string {
  const min = Math.floor(Math.max(0, now - at) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.floor(h / 24);
  return d === 1 ? 'yesterday' : `${d} days ago`;
}

export interface StatusWords {
  /** Last synced / never synced / syncing with progress. */
  main: string;
  pending: string | null;
  error: string | null;
}

export function statusWords(s: SyncStatus, now: number): StatusWords {
  let main: string;
  if (s.running) {
    const p = s.progress;
    const docs = p
      ? p.totalDocs
        ? `${p.docs.toLocaleString('en')} of ${countOf(p.totalDocs, 'document', 'documents')}`
        : countOf(p.docs, 'document', 'documents')
      : '';
    main = p ? `Syncing… ${docs}, ${formatBytes(p.bytes)}` : 'Syncing…';
  } else main = s.lastSyncedAt !== null ? `Last synced ${ago(s.lastSyncedAt, now)}` : 'Not synced yet';
  return {
    main,
    pending: s.pending > 0 ? `${countOf(s.pending, 'change', 'changes')} to send` : null,
    error: s.lastError ? `Last sync failed${s.lastErrorAt !== null ? ` ${ago(s.lastErrorAt, now)}` : ''}: ${s.lastError}` : null,
  };
}
