// @vitest-environment node
// Writing parsed items into the library: dedup by canonical URL, merge, sanitize, outcomes.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import { applyImport, type ApplyDeps } from '../../lib/import/apply-import';
import { parseImport, type ImportItem } from '../../lib/import/parse-import';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { itCorpus, sharedPath } from './corpus';
import { getBody } from '../../lib/db/contents';

const win = new JSDOM('').window as unknown as Window;
const deps = (over: Partial<ApplyDeps> = {}): ApplyDeps => ({
  sanitize: (html, base) => prepareStoredHtml(html, win, base),
  now: () => 1_800_000_000_000,
  ...over,
});
const WALLABAG_V2 = sharedPath('corpora/import-samples/wallabag/wallabag/wallabag-v2.json');

const item = (over: Partial<ImportItem>): ImportItem => ({
  url: 'https://example.com/a',
  title: 'A',
  tags: [],
  savedAt: null,
  status: 'unread',
  favorite: false,
  where: 'f:1',
  ...over,
});

let db: GistDB;
beforeEach(() => {
  db = openDb(`imp-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});

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

describe('highlights for URLs the file does not list', () => {
  it("are added to the library's article when it has one, and reported with the URL and count when nothing matches", async () => {
    const { applyStrayHighlights } = await import('../../lib/import/stray-highlights');
    await applyImport(db, [item({ url: 'https://example.com/known', highlights: [{ text: 'old' }] })], deps());
    const { zipSync } = await import('fflate');
    const enc = (s: string) => new TextEncoder().encode(s);
    const zip = zipSync({
      'part_000000.csv': enc('title,url,time_added,tags,status\nListed,https://example.com/listed,1700000000,,unread\n'),
      'annotations/part_000000.json': enc(
        JSON.stringify([
          {
            url: 'https://example.com/known?utm_source=x',
            title: 'K',
            highlights: [
              { quote: 'old', created_at: 1700000100 },
              { quote: 'new one', created_at: 1700000100 },
            ],
          },
          {
            url: 'https://example.com/nowhere',
            title: 'N',
            highlights: [
              { quote: 'a', created_at: 1700000100 },
              { quote: 'b', created_at: 1700000100 },
            ],
          },
        ]),
      ),
    });
    const parsed = await parseImport('pocket.zip', zip);
    expect(parsed.strayHighlights.map((s) => [s.url, s.highlights.length])).toEqual([
      ['https://example.com/known', 2],
      ['https://example.com/nowhere', 2],
    ]);
    await applyImport(db, parsed.items, deps());
    const out = await applyStrayHighlights(db, parsed.strayHighlights);
    expect(out.map((o) => [o.url, o.outcome, o.count])).toEqual([
      ['https://example.com/known', 'merged', 2],
      ['https://example.com/nowhere', 'unmatched', 2],
    ]);
    expect(out[1].reason).toBe(
      "2 highlights for https://example.com/nowhere, which is neither in the file's list nor in the library: not imported",
    );
    const known = (await db.articles.where('url').equals('https://example.com/known').first())!;
    expect((await db.highlights.where('articleId').equals(known.id).toArray()).map((h) => h.quote.exact).sort()).toEqual([
      'new one',
      'old',
    ]);
    // Again: nothing new, said so.
    expect((await applyStrayHighlights(db, parsed.strayHighlights)).map((o) => o.outcome)).toEqual(['duplicate', 'unmatched']);
  });

  it('Matter highlights whose title matches no article of the history are reported, with the title and count', async () => {
    const { zipSync } = await import('fflate');
    const enc = (s: string) => new TextEncoder().encode(s);
    const zip = zipSync({
      'Archive/_matter_history.csv': enc(
        'Title,Author,Publisher,URL,Tags,Word Count,In Queue,Favorited,Read,Highlight Count,Last Interaction Date,File Id\nKept,Ann,Pub,https://example.com/m,,100,False,False,False,1,2022-12-18 14:49:00,\n',
      ),
      'Archive/_matter_highlights.csv': enc(
        'Title,Author,Publisher,URL,Text,Note,Highlighted Date\nKept,Ann,Pub,,joined,,2022-12-18 14:49:00\nGone,Bob,Pub,,lost one,,2022-12-18 14:49:00\nGone,Bob,Pub,,lost two,,2022-12-18 14:49:00\n',
      ),
    });
    const r = await parseImport('Archive.zip', zip);
    expect(r.format).toBe('matter');
    expect(r.items[0].highlights?.map((h) => h.text)).toEqual(['joined']);
    expect(r.errors).toEqual([
      {
        where: 'Archive.zip/Archive/_matter_highlights.csv:3',
        reason: expect.stringMatching(/^2 highlights of "Gone" by Bob match no article/),
      },
    ]);
  });

  it('an Omnivore highlights file no article of the export uses is reported with its count', async () => {
    const { zipSync } = await import('fflate');
    const enc = (s: string) => new TextEncoder().encode(s);
    const zip = zipSync({
      'metadata_0_to_1.json': enc(
        JSON.stringify([
          { slug: 'here', url: 'https://example.com/o', title: 'O', labels: [], savedAt: '2024-01-01T00:00:00Z', state: 'Succeeded' },
        ]),
      ),
      'highlights/here.md': enc('> used\n'),
      'highlights/orphan.md': enc('> one\n\na note\n\n> two\n'),
    });
    const r = await parseImport('omnivore.zip', zip);
    expect(r.items[0].highlights).toEqual([{ text: 'used', note: null }]);
    expect(r.errors).toEqual([
      {
        where: 'omnivore.zip/highlights/orphan.md',
        reason: expect.stringMatching(/^2 highlights for an article that is not imported from this export \(slug "orphan"\)/),
      },
    ]);
  });
});
