// @vitest-environment node
// The fetch queue's state in the database: kept through a Gist JSON export and restore, and read
// through the contentState and pendingImages indexes.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb, type ArticleRecord } from '../../lib/db/schema';
import { countQueue, queueItems, retryFailed } from '../../lib/fetch-queue/store';
import { fullArticleReads, recordReads } from './db-reads';
import { rec, db, freshDbEachTest } from '../helpers/fetch-queue-harness';

freshDbEachTest();
describe('queue state through a Gist JSON export', () => {
  it('a failed link keeps its reason and attempts when the library is restored', async () => {
    const { gistJsonChunks } = await import('../../lib/export/gist-json');
    const { parseImport } = await import('../../lib/import/parse-import');
    const { applyImport } = await import('../../lib/import/apply-import');
    await db.articles.add(
      rec('http://gone.test/x', { contentState: 'failed', fetchError: 'the page is gone (HTTP 404)', fetchAttempts: 1 }) as ArticleRecord,
    );
    let json = '';
    for await (const c of gistJsonChunks(db)) json += c;
    const other = openDb(`q2-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const parsed = await parseImport('gist.json', new TextEncoder().encode(json));
    await applyImport(other, parsed.items, { sanitize: (h) => ({ html: h }) });
    const [a] = await other.articles.toArray();
    expect(a).toMatchObject({
      contentState: 'failed',
      fetchError: 'the page is gone (HTTP 404)',
      fetchAttempts: 1,
      status: 'archived',
      tags: ['mine'],
    });
    expect(countQueue([a]).failures[0].reason).toBe('the page is gone (HTTP 404)');
  });
});

describe('queue store reads', () => {
  it('finds waiting items and failed links through the contentState and pendingImages indexes, not by reading every article', async () => {
    const indexed = openDb(`q3-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const reads = recordReads(indexed);
    const ids = await indexed.articles.bulkAdd(
      [
        rec('http://done.test/1', { contentState: 'full' }),
        rec('http://wait.test/1'),
        rec('http://img.test/1', { contentState: 'full', pendingImages: ['http://img.test/1.png'] }),
        rec('http://gone.test/1', { contentState: 'failed', fetchError: 'gone' }),
        ...Array.from({ length: 20 }, (_, i) => rec(`http://read.test/${i}`, { contentState: 'full' })),
      ] as ArticleRecord[],
      { allKeys: true },
    );
    reads.length = 0;
    expect((await queueItems(indexed)).map((i) => [i.id, i.kind])).toEqual([
      [ids[1], 'page'],
      [ids[2], 'images'],
    ]);
    expect(await retryFailed(indexed)).toBe(1);
    expect(
      reads
        .filter((r) => r.table === 'articles')
        .map((r) => r.index)
        .sort(),
    ).toEqual(['contentState', 'contentState', 'pendingImages']);
    expect(fullArticleReads(reads)).toBe(0);
  });
});
