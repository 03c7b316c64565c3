// Gist export files written by hand for the import tests: version 2 JSON Lines and version 1 JSON
// around article objects with a body and a base64 image, and a fresh fake-indexeddb database.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb } from '../../lib/db/schema';
import type { ImportResult } from '../../lib/import/parse-import';

export const fresh = () => openDb(`gist-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
export const enc = (s: string) => new TextEncoder().encode(s);
export const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, ...Array.from({ length: 600 }, (_, i) => i % 256)]);
export const b64 = Buffer.from(PNG).toString('base64');
export const HEADER = '{"format":"gist-export","version":2,"exportedAt":"2027-01-15T08:00:00.000Z"}';
export const V1_HEADER = '{"format":"gist-export","version":1,"exportedAt":"2027-01-15T08:00:00.000Z","articles":[';

/** Version 2: header, one article per line, end line. */
export const jsonl = (articles: unknown[]) =>
  `${[HEADER, ...articles.map((a) => JSON.stringify(a)), JSON.stringify({ end: true, articles: articles.length })].join('\n')}\n`;
/** Version 1 exactly as the first exporter wrote it: the object, one article per line after the "[". */
export const v1 = (articles: unknown[]) => `${V1_HEADER}${articles.map((a, i) => `${i ? ',' : ''}\n${JSON.stringify(a)}`).join('')}\n]}\n`;
/** A version 1 file from version 2 lines (the same article objects). */
export const toV1 = (text: string) =>
  v1(
    text
      .split('\n')
      .filter(Boolean)
      .slice(1, -1)
      .map((l) => JSON.parse(l)),
  );

export function article(n: number, over: Record<string, unknown> = {}) {
  return {
    url: `https://example.com/${n}`,
    originalUrl: `https://example.com/${n}?ref=x`,
    title: `Article ${n}`,
    byline: null,
    siteName: 'Example',
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    savedAt: 1_600_000_000_000 + n,
    updatedAt: 1_700_000_000_000 + n,
    status: 'unread',
    favorite: 0,
    tags: ['t'],
    tagCandidates: [],
    tagsEdited: true,
    wordCount: 2,
    cjkChars: 0,
    imageCount: 1,
    readingMinutes: 1,
    progress: 0,
    contentState: 'full',
    highlights: [{ text: 'Hello', note: null, createdAt: null }],
    content: { html: `<p>Hello ${n} <img src="https://cdn.example.com/${n}.png"></p>`, text: `Hello ${n}` },
    images: [{ src: `https://cdn.example.com/${n}.png`, type: 'image/png', data: b64 }],
    ...over,
  };
}

export const urls = (r: ImportResult) => r.items.map((i) => i.url);
