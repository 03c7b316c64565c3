// The library the export tests read: two articles (one full with a body, an image and highlights, one
// waiting for its page with a highlight), seeded into a fresh fake-indexeddb database per test.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { openDb, type ArticleRecord, type GistDB, type HighlightRecord, type ImageRecord } from '../../lib/db/schema';
import { putBody } from '../../lib/db/contents';

export const fresh = () => openDb(`exp-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });

export const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());
export const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 1, 2, 3, 250, 251]);

export function record(over: Partial<ArticleRecord>): Omit<ArticleRecord, 'id'> {
  return {
    url: 'https://example.com/a',
    originalUrl: 'https://example.com/a?utm_source=x',
    title: 'Alpha: "quoted" <title>',
    byline: 'Ann',
    siteName: 'Example',
    lang: 'en',
    publishedTime: '2019-05-05T00:00:00.000Z',
    excerpt: 'An excerpt, with & ampersand',
    savedAt: 1_600_000_000_123,
    updatedAt: 1_700_000_000_456,
    status: 'archived',
    favorite: 1,
    tags: ['science', 'peanut, butter'],
    tagCandidates: ['science', 'bees'],
    tagsEdited: true,
    wordCount: 3,
    cjkChars: 0,
    imageCount: 1,
    readingMinutes: 1,
    progress: 0.25,
    contentState: 'full',
    note: 'Why I kept this:\n"quotes", colons: and more',
    source: 'popup',
    ...over,
  };
}

export async function seed(db: GistDB) {
  const a = (await db.articles.add(record({}) as ArticleRecord)) as number;
  await putBody(db, {
    articleId: a,
    html: '<h2>Part</h2><p>Hello <b>big</b> world <img src="https://cdn.example.com/i.png" alt="pic"></p>',
    text: 'Part\n\nHello big world',
  });
  await db.images.add({ articleId: a, src: 'https://cdn.example.com/i.png', blob: new Blob([PNG], { type: 'image/png' }) } as ImageRecord);
  await db.highlights.bulkAdd(HIGHLIGHTS(a));
  const b = (await db.articles.add(
    record({
      url: 'https://example.org/b',
      originalUrl: 'https://example.org/b',
      title: 'Beta',
      status: 'unread',
      favorite: 0,
      tags: [],
      note: undefined,
      contentState: 'pending',
      excerpt: null,
      byline: null,
      progress: 0,
      source: undefined,
    }) as ArticleRecord,
  )) as number;
  await db.highlights.add({
    id: '33333333-3333-4333-8333-333333333333',
    articleId: b,
    quote: { type: 'TextQuoteSelector', exact: 'waiting for its page', prefix: '', suffix: '' },
    position: null,
    color: 'yellow',
    note: null,
    createdAt: 1_650_000_000_000,
    updatedAt: 1_650_000_000_000,
    anchor: 'waiting',
    source: 'import:omnivore',
  });
  return { a, b };
}

/** Placed with selectors and a note, and one the text no longer holds. */
export const HIGHLIGHTS = (articleId: number): HighlightRecord[] => [
  {
    id: '11111111-1111-4111-8111-111111111111',
    articleId,
    quote: { type: 'TextQuoteSelector', exact: 'big world', prefix: 'Part\n\nHello ', suffix: '' },
    position: { type: 'TextPositionSelector', start: 12, end: 21 },
    color: 'green',
    note: 'a note\nover two lines',
    createdAt: 1_610_000_000_000,
    updatedAt: 1_620_000_000_000,
    anchor: 'placed',
    source: 'gist',
  },
  {
    id: '22222222-2222-4222-8222-222222222222',
    articleId,
    quote: { type: 'TextQuoteSelector', exact: 'Hello', prefix: 'Part\n\n', suffix: ' big world' },
    position: { type: 'TextPositionSelector', start: 6, end: 11 },
    color: 'pink',
    note: null,
    createdAt: 1_630_000_000_000,
    updatedAt: 1_630_000_000_000,
    anchor: 'placed',
    source: 'gist',
  },
  {
    id: '44444444-4444-4444-8444-444444444444',
    articleId,
    quote: { type: 'TextQuoteSelector', exact: 'a sentence since edited away', prefix: 'x', suffix: 'y' },
    position: { type: 'TextPositionSelector', start: 30, end: 58 },
    color: 'blue',
    note: 'keep me',
    createdAt: 1_600_000_000_000,
    updatedAt: 1_600_000_000_000,
    anchor: 'unplaced',
    source: 'gist',
  },
];

export let db: GistDB;
/** A fresh database holding the seeded library for each test of the calling file. */
export function seededLibraryEachTest(): void {
  beforeEach(async () => {
    db = fresh();
    await seed(db);
  });
}
