// What the background reports about the fetch queue; kept in extension storage so a restarted worker
// (and the library page) see the same state.

export interface QueueStatus {
  /** The user started the queue and has not stopped it; it runs until nothing is left. */
  running: boolean;
  /** Items finished and failed since the user last pressed Fetch. */
  done: number;
  failed: number;
  startedAt: number | null;
  /** When the worker will continue (waiting out a backoff), or null. */
  resumeAt: number | null;
  /** The last failure's reason (for the panel), or null. */
  lastError: string | null;
  /** Why the queue stopped by itself (the database refused a write, the loop crashed); shown until the next start. */
  error: string | null;
}

export const QUEUE_STATUS_KEY = 'gist-fetch-queue';

export const IDLE_STATUS: QueueStatus = {
  running: false,
  done: 0,
  failed: 0,
  startedAt: null,
  resumeAt: null,
  lastError: null,
  error: null,
};

/** Reads a stored status defensively (storage may hold anything after a downgrade). */
export function parseQueueStatus(v: unknown): QueueStatus {
  if (!v || typeof v !== 'object') return { ...IDLE_STATUS };
  const o = v as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0);
  const numOrNull = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  return {
    running: o.running === true,
    done: num(o.done),
    failed: num(o.failed),
    startedAt: numOrNull(o.startedAt),
    resumeAt: numOrNull(o.resumeAt),
    lastError: typeof o.lastError === 'string' ? o.lastError.slice(0, 500) : null,
    error: typeof o.error === 'string' ? o.error.slice(0, 500) : null,
  };
}
