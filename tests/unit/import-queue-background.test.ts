// @vitest-environment node
// The background's fetch queue wiring: when the database refuses to record a failed fetch, the run
// stops, the status in storage carries the error (the library shows it) and it is logged.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createImportQueue } from '../../entrypoints/background/import-queue';
import { openDb, type ArticleRecord } from '../../lib/db/schema';
import { parseQueueStatus, QUEUE_STATUS_KEY } from '../../lib/fetch-queue/status';
import { storedLink } from '../helpers/article-record';

const rec = (url: string) => storedLink(url);

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('createImportQueue', () => {
  it('stops and reports (status error + log) when a fetch failure cannot be written', async () => {
    const db = openDb(`bgq-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.articles.add(rec('http://127.0.0.1:9/page') as ArticleRecord);
    // No host access: the fetch fails for good at once, without touching the network.
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    db.articles.update = (() => Promise.reject(new Error('QuotaExceededError: the disk is full'))) as unknown as typeof db.articles.update;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const queue = createImportQueue(() => db);
    await queue.start();
    const status = async () => parseQueueStatus((await fakeBrowser.storage.local.get(QUEUE_STATUS_KEY))[QUEUE_STATUS_KEY]);
    await vi.waitFor(async () => expect((await status()).running).toBe(false), { timeout: 5_000 });
    const s = await status();
    expect(s.error).toMatch(
      /^could not record that http:\/\/127\.0\.0\.1:9\/page failed \(Gist has no permission to read 127\.0\.0\.1:9.*\): QuotaExceededError: the disk is full$/,
    );
    expect(logged).toHaveBeenCalledWith('Gist: fetch queue stopped:', s.error);
    expect((await db.articles.toArray())[0]).toMatchObject({ contentState: 'pending' });
  });
});
