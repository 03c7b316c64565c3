import { classifyError, humanError } from '../../lib/messaging/errors';

/** True for a full disk / exhausted quota, however the browser or Dexie wraps it. */
export function isQuotaError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 4; depth++) {
    const o = x as { name?: string; message?: string; inner?: unknown; cause?: unknown };
    if (o.name === 'QuotaExceededError' || /quota/i.test(o.message ?? '')) return true;
    x = o.inner ?? o.cause;
  }
  return false;
}

/** A sentence for the person, not a stack trace. */
export function describeError(action: string, e: unknown): string {
  // Private windows and damaged profiles refuse IndexedDB: the same wording as the popup's.
  const kind = classifyError(e);
  if (kind === 'db-open' || kind === 'db-version') return humanError(e, action);
  if (isQuotaError(e)) {
    return `Your disk is full, so Gist could not ${action}. Nothing already in your library was lost: free some disk space and try again.`;
  }
  return `Could not ${action}: ${e instanceof Error ? e.message : String(e)}`;
}

export { formatBytes } from '../../lib/format/bytes';
