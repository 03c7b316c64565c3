// Conflict resolution in the local PouchDB: every live revision of a conflicted document is merged by
// the rules in merge.ts, the merge is written on the winning revision and the losing revisions are
// deleted, in one bulkDocs. Deterministic: two devices resolving the same conflict write the same
// revision, so resolving never creates a new conflict.
import type { DocMeta, Pouch } from './pouch-types';
import { mergeRevisions } from './merge';
import type { SyncDoc } from './doc-types';

type Doc = SyncDoc & DocMeta;

/** Resolves `id` if it has conflicts; returns true when it did. */
export async function resolveConflict(pouch: Pouch, id: string): Promise<boolean> {
  const head = await pouch.get<Doc>(id, { conflicts: true }).catch((e: { status?: number }) => {
    if (e.status === 404) return null;
    throw e;
  });
  if (!head?._conflicts?.length || !head._rev) return false;
  const losers = head._conflicts;
  // Content documents carry their attachments into the merge (the kept body may be a loser's).
  const full = (rev: string) => pouch.get<Doc>(id, { rev, attachments: true, binary: true });
  const revs = await Promise.all([head._rev, ...losers].map(full));
  const merged = mergeRevisions(revs as SyncDoc[]) as Doc;
  const res = await pouch.bulkDocs([
    { ...merged, _id: id, _rev: head._rev },
    ...losers.map((rev) => ({ _id: id, _rev: rev, _deleted: true })),
  ]);
  const failed = res.find((r) => r.error);
  // Someone wrote the doc meanwhile: its next change brings it back here.
  if (failed && failed.status !== 409) throw new Error(`Could not store the merge of ${id}: ${failed.message ?? failed.error}`);
  return !failed;
}
