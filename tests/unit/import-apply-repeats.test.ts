// @vitest-environment node
// A URL that comes more than once in one import (in one chunk, or anywhere in the file) becomes one
// article whose state merges the copies'.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyImport } from '../../lib/import/apply-import';
import { parseImport } from '../../lib/import/parse-import';
import { deps, item, db, freshDbEachTest } from '../helpers/import-apply-fixture';

freshDbEachTest();
describe('applyImport within one list', () => {
  it('a URL repeated in the same chunk merges into the article just added', async () => {
    const out = await applyImport(
      db,
      [item({ tags: ['a'] }), item({ url: 'https://example.com/a/', tags: ['b'], favorite: true })],
      deps(),
    );
    expect(out.map((o) => o.outcome)).toEqual(['imported', 'merged']);
    expect(await db.articles.count()).toBe(1);
    expect((await db.articles.toArray())[0]).toMatchObject({ tags: ['a', 'b'], favorite: 1 });
  });
});

describe('repeats inside one file', () => {
  it('merge their states: tags united, archived beats unread, favorite, further progress, earliest save, content from the copy that has it', async () => {
    const json = JSON.stringify([
      {
        slug: 'a',
        url: 'https://example.com/r',
        title: 'First',
        labels: [{ name: 'x' }],
        savedAt: '2024-03-01T00:00:00Z',
        state: 'Succeeded',
        readingProgress: 20,
      },
      {
        slug: 'b',
        url: 'https://example.com/r?utm_source=feed',
        title: 'Second',
        labels: [{ name: 'y' }],
        savedAt: '2024-01-01T00:00:00Z',
        state: 'Archived',
        readingProgress: 90,
        content: '<p>Only the repeat has the body</p>',
      },
      {
        slug: 'c',
        url: 'https://example.com/r#top',
        title: 'Third',
        labels: [{ name: 'X' }],
        savedAt: '2024-02-01T00:00:00Z',
        state: 'Succeeded',
        readingProgress: 50,
      },
    ]);
    const parsed = await parseImport('omnivore.json', new TextEncoder().encode(json));
    expect(parsed.format).toBe('omnivore');
    expect(parsed.items).toHaveLength(1);
    expect(parsed.duplicates.map((d) => d.where)).toEqual(['omnivore.json#1', 'omnivore.json#2']);
    expect(parsed.items[0]).toMatchObject({
      title: 'First',
      tags: ['x', 'y'],
      status: 'archived',
      progress: 0.9,
      savedAt: '2024-01-01T00:00:00.000Z',
      content: '<p>Only the repeat has the body</p>',
    });
    const out = await applyImport(db, parsed.items, deps());
    expect(out.map((o) => o.outcome)).toEqual(['imported']);
    expect((await db.articles.toArray())[0]).toMatchObject({ status: 'archived', progress: 0.9, tags: ['x', 'y'], contentState: 'full' });
  });
});
