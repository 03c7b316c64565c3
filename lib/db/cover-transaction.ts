import type { DBCore } from 'dexie';

/**
 * The `transaction` of a Dexie middleware that writes a side table (the search change log, the sync
 * outbox): every read-write transaction over a tracked table also covers `side`, so the side row
 * commits (or not) with the change.
 */
export function coverTransaction(down: DBCore, tracked: Set<string>, side: string): DBCore['transaction'] {
  return (stores, mode, options) => {
    const more = mode === 'readwrite' && stores.some((s) => tracked.has(s)) && !stores.includes(side);
    return down.transaction(more ? [...stores, side] : stores, mode, options);
  };
}
