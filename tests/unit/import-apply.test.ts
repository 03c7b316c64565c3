// @vitest-environment node
// Writing parsed items into the library: dedup by canonical URL, merge, sanitize, outcomes (repeats
// inside one file: import-apply-repeats; highlights of unlisted URLs: import-stray-highlights).
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyImport } from '../../lib/import/apply-import';
import { parseImport } from '../../lib/import/parse-import';
import { itCorpus, sharedPath } from './corpus';
import { getBody } from '../../lib/db/contents';
import { deps, item, db, freshDbEachTest } from '../helpers/import-apply-fixture';

freshDbEachTest();
const WALLABAG_V2 = sharedPath('corpora/import-samples/wallabag/wallabag/wallabag-v2.json');

describe('applyImport', () => {
  it('imports new items with their state, dates, tags and sanitized content', async () => {
    const out = await applyImport(
      db,
      [
        item({
          url: 'https://example.com/a?utm_source=rss',
          title: 'A',
          tags: ['x'],
          savedAt: '2020-01-02T03:04:05.000Z',
          status: 'archived',
          favorite: true,
          progress: 0.5,
          highlights: [{ text: 'q', note: 'n' }],
          content: '<p>Hello <b>world</b> and more words here<script>alert(1)</script><img src="/pic.png" onerror="x()"></p>',
          author: 'Ann',
          excerpt: 'ex',
        }),
        item({ url: 'https://example.com/b', title: '' }),
      ],
      deps({ source: 'import:test' }),
    );
    expect(out.map((o) => o.outcome)).toEqual(['imported', 'imported']);
    expect(out[0].pendingImages).toEqual(['https://example.com/pic.png']);
    const a = (await db.articles.where('url').equals('https://example.com/a').first())!;
    expect(a).toMatchObject({
      originalUrl: 'https://example.com/a?utm_source=rss',
      status: 'archived',
      favorite: 1,
      progress: 0.5,
      tags: ['x'],
      tagsEdited: true,
      savedAt: Date.parse('2020-01-02T03:04:05.000Z'),
      byline: 'Ann',
      excerpt: 'ex',
      contentState: 'full',
      imageCount: 1,
      source: 'import:test',
      siteName: 'example.com',
    });
    expect(await db.highlights.where('articleId').equals(a.id).toArray()).toEqual([
      expect.objectContaining({
        quote: { type: 'TextQuoteSelector', exact: 'q', prefix: '', suffix: '' },
        note: 'n',
        source: 'import:test',
      }),
    ]);
    expect(a).not.toHaveProperty('highlights');
    expect(a.wordCount).toBe(6);
    const c = (await getBody(db, a.id))!;
    expect(c.html).not.toMatch(/script|onerror/);
    expect(c.html).toContain('<b>world</b>');
    expect(c.text).toMatch(/^Hello world and more words here/);
    const b = (await db.articles.where('url').equals('https://example.com/b').first())!;
    expect(b).toMatchObject({ title: 'https://example.com/b', contentState: 'pending', savedAt: 1_800_000_000_000, tagsEdited: false });
    expect(await db.contents.get(b.id)).toBeUndefined();
  });

  it('merges duplicates into the existing article: tags united, earliest date, highlights, content filled', async () => {
    await applyImport(db, [item({ tags: ['one'], savedAt: '2021-01-01T00:00:00.000Z', status: 'archived' })], deps());
    const out = await applyImport(
      db,
      [
        item({
          url: 'https://example.com/a#frag',
          tags: ['One', 'two'],
          savedAt: '2019-01-01T00:00:00.000Z',
          status: 'unread',
          favorite: true,
          highlights: [{ text: 'h' }],
          content: '<p>Body text</p>',
        }),
      ],
      deps(),
    );
    expect(out[0]).toMatchObject({
      outcome: 'merged',
      reason: expect.stringMatching(
        /1 tag added.*earlier save date.*favorite.*content added, 1 highlight added; kept archived \(the file says unread\)/,
      ),
    });
    expect(await db.articles.count()).toBe(1);
    const a = (await db.articles.toArray())[0];
    expect(a).toMatchObject({
      tags: ['one', 'two'],
      savedAt: Date.parse('2019-01-01T00:00:00.000Z'),
      status: 'archived',
      favorite: 1,
      contentState: 'full',
    });
    expect((await db.highlights.toArray()).map((h) => [h.articleId, h.quote.exact])).toEqual([[a.id, 'h']]);
    expect((await db.contents.get(a.id))!.html).toBe('<p>Body text</p>');
  });

  it("the file's archived state, favorite and further reading progress win over the library's", async () => {
    await applyImport(db, [item({ status: 'unread', favorite: false, progress: 0.2 })], deps());
    const out = await applyImport(db, [item({ status: 'archived', favorite: true, progress: 0.7 })], deps());
    expect(out[0]).toMatchObject({
      outcome: 'merged',
      reason: 'already in the library; merged: archived, marked favorite, reading progress 20% → 70%',
    });
    expect((await db.articles.toArray())[0]).toMatchObject({ status: 'archived', favorite: 1, progress: 0.7 });
  });

  it('where the library says more (archived, favorite, further progress) it is kept, and the report says so', async () => {
    await applyImport(db, [item({ status: 'archived', favorite: true, progress: 0.8, tags: ['t'] })], deps());
    const before = await db.articles.toArray();
    const out = await applyImport(
      db,
      [item({ status: 'unread', favorite: false, progress: 0.3, tags: ['T'] })],
      deps({ now: () => 1_900_000_000_000 }),
    );
    expect(out[0]).toMatchObject({
      outcome: 'duplicate',
      reason:
        'already in the library; nothing new; kept archived (the file says unread), kept favorite (the file says not), kept reading progress 80% (the file says 30%)',
    });
    expect(await db.articles.toArray()).toEqual(before);
    // A file without a reading position says nothing about it.
    const none = await applyImport(db, [item({ status: 'archived', favorite: true, tags: ['t'] })], deps());
    expect(none[0]).toMatchObject({ outcome: 'duplicate', reason: 'already in the library; nothing new' });
  });

  it('says which new articles wait for their page in a typed field', async () => {
    const out = await applyImport(
      db,
      [
        item({ url: 'https://example.com/x' }),
        item({ url: 'https://example.com/y', content: '<p>Body</p>' }),
        item({ url: 'https://example.com/z', gist: { contentState: 'failed', fetchError: 'the page is gone (HTTP 404)' } }),
      ],
      deps(),
    );
    expect(out.map((o) => [o.outcome, o.needsFetch])).toEqual([
      ['imported', true],
      ['imported', false],
      ['imported', false],
    ]);
    expect(out[2].reason).toBe('imported; its page could not be fetched before (the page is gone (HTTP 404))');
  });

  it('invalid URLs fail with a reason; a bad item does not sink its chunk', async () => {
    const out = await applyImport(
      db,
      [item({ url: 'nope' }), item({ url: 'ftp://x/' }), item({ url: 'https://example.com/ok' })],
      deps({ chunkSize: 10 }),
    );
    expect(out.map((o) => [o.outcome, o.index])).toEqual([
      ['failed', 0],
      ['failed', 1],
      ['imported', 2],
    ]);
    expect(out[1].reason).toMatch(/ftp:/);
  });

  it('content that cannot be sanitized is dropped with a reason, the article kept as pending', async () => {
    const out = await applyImport(
      db,
      [item({ content: '<p>x</p>' })],
      deps({
        sanitize: () => {
          throw new Error('no DOM');
        },
      }),
    );
    expect(out[0]).toMatchObject({ outcome: 'imported', reason: expect.stringMatching(/could not be sanitized \(no DOM\)/) });
    expect((await db.articles.toArray())[0].contentState).toBe('pending');
  });

  it('reports progress per chunk', async () => {
    const seen: number[] = [];
    await applyImport(
      db,
      Array.from({ length: 25 }, (_, i) => item({ url: `https://example.com/${i}` })),
      deps({ chunkSize: 10, onProgress: (d) => seen.push(d) }),
    );
    expect(seen).toEqual([10, 20, 25]);
    expect(await db.articles.count()).toBe(25);
  });

  itCorpus('importing the same real file twice changes nothing the second time', WALLABAG_V2, async () => {
    const bytes = new Uint8Array(readFileSync(WALLABAG_V2));
    const first = await applyImport(db, (await parseImport('wallabag-v2.json', bytes)).items, deps());
    expect(first.map((o) => o.outcome)).toEqual(Array(6).fill('imported'));
    const dump = async () => JSON.stringify([await db.articles.toArray(), await db.contents.toArray(), await db.texts.toArray()]);
    const snapshot = await dump();
    const second = await applyImport(db, (await parseImport('wallabag-v2.json', bytes)).items, deps({ now: () => 1_900_000_000_000 }));
    expect(second.every((o) => o.outcome === 'duplicate' && /nothing new/.test(o.reason))).toBe(true);
    expect(await dump()).toBe(snapshot);
    const mediapart = (await db.articles.where('url').equals('https://www.mediapart.fr/').first())!;
    expect(mediapart).toMatchObject({ favorite: 1, tags: ['mediapart', 'blog'], lang: 'fr', contentState: 'full' });
    expect(mediapart.wordCount).toBeGreaterThan(50);
  });
});
