// @vitest-environment node
// Writing parsed items into the library: dedup by canonical URL, merge, sanitize, outcomes.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { JSDOM } from 'jsdom';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import { applyImport, type ApplyDeps } from '../../lib/import/apply-import';
import { parseImport, type ImportItem } from '../../lib/import/parse-import';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';

const win = new JSDOM('').window as unknown as Window;
const deps = (over: Partial<ApplyDeps> = {}): ApplyDeps => ({ sanitize: (html, base) => prepareStoredHtml(html, win, base), now: () => 1_800_000_000_000, ...over });
const SAMPLES = resolve(__dirname, '../../../shared/corpora/import-samples');

const item = (over: Partial<ImportItem>): ImportItem => ({ url: 'https://example.com/a', title: 'A', tags: [], savedAt: null, status: 'unread', favorite: false, where: 'f:1', ...over });

let db: GistDB;
beforeEach(() => {
  db = openDb(`imp-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});

describe('applyImport', () => {
  it('imports new items with their state, dates, tags and sanitized content', async () => {
    const out = await applyImport(db, [
      item({ url: 'https://example.com/a?utm_source=rss', title: 'A', tags: ['x'], savedAt: '2020-01-02T03:04:05.000Z', status: 'archived', favorite: true, progress: 0.5, highlights: [{ text: 'q', note: 'n' }],
        content: '<p>Hello <b>world</b> and more words here<script>alert(1)</script><img src="/pic.png" onerror="x()"></p>', author: 'Ann', excerpt: 'ex' }),
      item({ url: 'https://example.com/b', title: '' }),
    ], deps({ source: 'import:test' }));
    expect(out.map((o) => o.outcome)).toEqual(['imported', 'imported']);
    expect(out[0].pendingImages).toEqual(['https://example.com/pic.png']);
    const a = (await db.articles.where('url').equals('https://example.com/a').first())!;
    expect(a).toMatchObject({ originalUrl: 'https://example.com/a?utm_source=rss', status: 'archived', favorite: 1, progress: 0.5, tags: ['x'], tagsEdited: true,
      savedAt: Date.parse('2020-01-02T03:04:05.000Z'), byline: 'Ann', excerpt: 'ex', contentState: 'full', imageCount: 1, source: 'import:test', siteName: 'example.com' });
    expect(a.highlights).toEqual([{ text: 'q', note: 'n' }]);
    expect(a.wordCount).toBe(6);
    const c = (await db.contents.get(a.id))!;
    expect(c.html).not.toMatch(/script|onerror/);
    expect(c.html).toContain('<b>world</b>');
    expect(c.text).toMatch(/^Hello world and more words here/);
    const b = (await db.articles.where('url').equals('https://example.com/b').first())!;
    expect(b).toMatchObject({ title: 'https://example.com/b', contentState: 'pending', savedAt: 1_800_000_000_000, tagsEdited: false });
    expect(await db.contents.get(b.id)).toBeUndefined();
  });

  it('merges duplicates into the existing article: tags united, earliest date, highlights, content filled', async () => {
    await applyImport(db, [item({ tags: ['one'], savedAt: '2021-01-01T00:00:00.000Z', status: 'archived' })], deps());
    const out = await applyImport(db, [item({ url: 'https://example.com/a#frag', tags: ['One', 'two'], savedAt: '2019-01-01T00:00:00.000Z', status: 'unread', favorite: true, highlights: [{ text: 'h' }], content: '<p>Body text</p>' })], deps());
    expect(out[0]).toMatchObject({ outcome: 'duplicate', reason: expect.stringMatching(/1 tag\(s\) added.*earlier save date.*favorite.*1 highlight.*content added/) });
    expect(await db.articles.count()).toBe(1);
    const a = (await db.articles.toArray())[0];
    expect(a).toMatchObject({ tags: ['one', 'two'], savedAt: Date.parse('2019-01-01T00:00:00.000Z'), status: 'archived', favorite: 1, contentState: 'full', highlights: [{ text: 'h' }] });
    expect((await db.contents.get(a.id))!.html).toBe('<p>Body text</p>');
  });

  it('invalid URLs fail with a reason; a bad item does not sink its chunk', async () => {
    const out = await applyImport(db, [item({ url: 'nope' }), item({ url: 'ftp://x/' }), item({ url: 'https://example.com/ok' })], deps({ chunkSize: 10 }));
    expect(out.map((o) => [o.outcome, o.index])).toEqual([['failed', 0], ['failed', 1], ['imported', 2]]);
    expect(out[1].reason).toMatch(/ftp:/);
  });

  it('content that cannot be sanitized is dropped with a reason, the article kept as pending', async () => {
    const out = await applyImport(db, [item({ content: '<p>x</p>' })], deps({ sanitize: () => { throw new Error('no DOM'); } }));
    expect(out[0]).toMatchObject({ outcome: 'imported', reason: expect.stringMatching(/could not be sanitized \(no DOM\)/) });
    expect((await db.articles.toArray())[0].contentState).toBe('pending');
  });

  it('reports progress per chunk', async () => {
    const seen: number[] = [];
    await applyImport(db, Array.from({ length: 25 }, (_, i) => item({ url: `https://example.com/${i}` })), deps({ chunkSize: 10, onProgress: (d) => seen.push(d) }));
    expect(seen).toEqual([10, 20, 25]);
    expect(await db.articles.count()).toBe(25);
  });

  it.skipIf(!existsSync(SAMPLES))('importing the same real file twice changes nothing the second time', async () => {
    const bytes = new Uint8Array(readFileSync(resolve(SAMPLES, 'wallabag/wallabag/wallabag-v2.json')));
    const first = await applyImport(db, (await parseImport('wallabag-v2.json', bytes)).items, deps());
    expect(first.map((o) => o.outcome)).toEqual(Array(6).fill('imported'));
    const snapshot = JSON.stringify(await db.articles.toArray()) + JSON.stringify(await db.contents.toArray());
    const second = await applyImport(db, (await parseImport('wallabag-v2.json', bytes)).items, deps({ now: () => 1_900_000_000_000 }));
    expect(second.every((o) => o.outcome === 'duplicate' && /nothing new/.test(o.reason))).toBe(true);
    expect(JSON.stringify(await db.articles.toArray()) + JSON.stringify(await db.contents.toArray())).toBe(snapshot);
    const mediapart = (await db.articles.where('url').equals('https://www.mediapart.fr/').first())!;
    expect(mediapart).toMatchObject({ favorite: 1, tags: ['mediapart', 'blog'], lang: 'fr', contentState: 'full' });
    expect(mediapart.wordCount).toBeGreaterThan(50);
  });
});

describe('applyImport within one list', () => {
  it('a URL repeated in the same chunk merges into the article just added', async () => {
    const out = await applyImport(db, [item({ tags: ['a'] }), item({ url: 'https://example.com/a/', tags: ['b'], favorite: true })], deps());
    expect(out.map((o) => o.outcome)).toEqual(['imported', 'duplicate']);
    expect(await db.articles.count()).toBe(1);
    expect((await db.articles.toArray())[0]).toMatchObject({ tags: ['a', 'b'], favorite: 1 });
  });
});
