// @vitest-environment node
// The library page's storage operations (lib/db/articles.ts additions) and the change log they write
// (the search index sync over them: index-sync-db, index-sync-saved-parts).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  addTagMany,
  deleteMany,
  getReadable,
  listArticles,
  removeTagMany,
  restoreMany,
  restoreValues,
  setFavoriteMany,
  setProgress,
  setStatusMany,
  textsOf,
} from '../../lib/db/articles';
import { db, ids, freshLibraryEachTest } from '../helpers/library-db-fixture';

freshLibraryEachTest();
describe('library storage', () => {
  it('setProgress clamps, rounds, and leaves updatedAt alone', async () => {
    const before = (await db.articles.get(ids[0]))!.updatedAt;
    await setProgress(db, ids[0], 0.123456);
    await setProgress(db, ids[1], 7);
    expect(await db.articles.get(ids[0])).toMatchObject({ progress: 0.123, updatedAt: before });
    expect((await db.articles.get(ids[1]))!.progress).toBe(1);
  });

  it('bulk status and tags return exactly what they changed, and undo puts it back', async () => {
    const prev = await setStatusMany(db, ids.slice(0, 3), 'archived');
    expect(prev.size).toBe(3);
    expect((await listArticles(db)).filter((a) => a.status === 'archived')).toHaveLength(3);
    await restoreValues(db, prev);
    expect((await listArticles(db)).every((a) => a.status === 'unread')).toBe(true);

    const added = await addTagMany(db, ids, 'weekend');
    expect(added.size).toBe(4);
    const again = await addTagMany(db, ids, 'WEEKEND'); // already there, case-insensitively
    expect(again.size).toBe(0);
    const removed = await removeTagMany(db, [ids[0]], 'science');
    expect((await db.articles.get(ids[0]))!.tags).toEqual(['weekend']);
    await restoreValues(db, removed);
    expect((await db.articles.get(ids[0]))!.tags).toEqual(['Science', 'weekend']);
    await restoreValues(db, added);
    expect((await db.articles.get(ids[1]))!.tags).toEqual(['Science']);
  });

  it('deleteMany removes bodies and images; restoreMany brings everything back', async () => {
    const snaps = await deleteMany(db, ids.slice(0, 2));
    expect(snaps).toHaveLength(2);
    expect(await db.articles.count()).toBe(2);
    expect(await db.images.count()).toBe(2);
    expect(await textsOf(db, ids)).toEqual([undefined, undefined, 'Body number 3 about honeybees', 'Body number 4 about honeybees']);
    await restoreMany(db, snaps);
    const r = await getReadable(db, ids[0]);
    expect(r?.content?.text).toContain('Body number 1');
    expect(r?.images[0].blob.size).toBe(1);
  });
});

describe('change log', () => {
  it('logs saves, tag edits, deletes and restores in the same transaction; not reading position, status or favorite', async () => {
    const rows = async () => (await db.changes.toArray()).map((r) => [r.articleId, r.op]);
    expect(await rows()).toEqual(
      ids.flatMap((id) => [
        [id, 'put'],
        [id, 'put'],
      ]),
    ); // article row, then its body
    await db.changes.clear();
    await setProgress(db, ids[0], 0.5);
    await setStatusMany(db, [ids[1]], 'archived');
    await setFavoriteMany(db, [ids[1]], true);
    expect(await rows()).toEqual([]);
    await addTagMany(db, [ids[2]], 'gardening');
    const snaps = await deleteMany(db, [ids[3]]);
    await restoreMany(db, snaps);
    expect(await rows()).toEqual([
      [ids[2], 'put'],
      [ids[3], 'delete'],
      [ids[3], 'put'],
      [ids[3], 'put'],
    ]);
    // A failed transaction leaves no row behind.
    await db.changes.clear();
    await expect(
      db.transaction('rw', db.articles, async () => {
        await db.articles.update(ids[0], { title: 'Renamed' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await rows()).toEqual([]);
  });
});
