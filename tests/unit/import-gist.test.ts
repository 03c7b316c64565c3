// @vitest-environment node
// Restoring a Gist export: every good article comes back whatever is wrong with the others (a file
// cut short: import-gist-cut; the version 1 single-object export: import-gist-v1).
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GistDB, ImageRecord } from '../../lib/db/schema';
import { applyImport } from '../../lib/import/apply-import';
import { parseImport, type ImportResult } from '../../lib/import/parse-import';
import { fresh, enc, b64, jsonl, v1, article, urls } from '../helpers/gist-export-files';

const { originalUrl: _o, url: _u, ...noUrl } = article(6);
const BROKEN = [
  article(0),
  article(1, { images: 'oops' }),
  article(2, { highlights: [1, null, { text: 'kept' }] }),
  article(3, { contentState: 'maybe' }),
  article(4, {
    images: [
      { src: 'https://cdn.example.com/4.html', type: 'text/html', data: b64 },
      { src: 'https://cdn.example.com/4.png', type: 'image/png', data: b64 },
    ],
  }),
  article(5, { savedAt: 'yesterday', tags: ['ok', 7, null], status: 'gone' }),
  noUrl,
  article(7, { originalUrl: 'javascript:alert(1)', url: 42 }),
  null,
  article(9),
];

describe.each([
  ['JSON Lines', 'backup.jsonl', jsonl],
  ['version 1 JSON', 'backup.json', v1],
])('broken articles in a %s export', (_name, file, write) => {
  let r: ImportResult;
  beforeAll(async () => {
    r = await parseImport(file, enc(write(BROKEN)));
  });

  it('keeps every article with a usable URL, in order', () => {
    expect(r.format).toBe('gist-json');
    expect(urls(r)).toEqual([0, 1, 2, 3, 4, 5, 9].map((n) => `https://example.com/${n}?ref=x`));
  });

  it('"images": "oops" drops the field and names it', () => {
    expect(r.errors).toContainEqual({
      where: `${file}#1`,
      reason: expect.stringMatching(/^article 1 \(https:\/\/example\.com\/1\?ref=x\): field "images": .*Array.*"oops".*left out/),
    });
    expect(r.items[1].gist?.images).toBeUndefined();
    expect(r.items[1].content).toContain('Hello 1');
  });

  it('highlights [1, null, …] keep the good highlight and report each bad one', () => {
    expect(r.items[2].highlights).toEqual([{ text: 'kept' }]);
    expect(r.errors).toContainEqual({
      where: `${file}#2`,
      reason: expect.stringMatching(/^article 2 .*field "highlights\[0\]": .*Object.*1; that highlight was left out/),
    });
    expect(r.errors).toContainEqual({ where: `${file}#2`, reason: expect.stringMatching(/field "highlights\[1\]": .*null/) });
  });

  it('an unknown contentState is dropped and reported', () => {
    expect(r.items[3].gist?.contentState).toBeUndefined();
    expect(r.errors).toContainEqual({ where: `${file}#3`, reason: expect.stringMatching(/field "contentState": .*"maybe"/) });
  });

  it('an image with a non-image MIME type is left out, the other image kept', () => {
    expect(r.items[4].gist?.images?.map((i) => i.src)).toEqual(['https://cdn.example.com/4.png']);
    expect(r.errors).toContainEqual({
      where: `${file}#4`,
      reason: expect.stringMatching(/field "images\[0\]\.type": not an image MIME type.*"text\/html"; that image was left out/),
    });
  });

  it('bad scalar fields and list elements are reported one by one', () => {
    expect(r.items[5]).toMatchObject({ savedAt: null, status: 'unread', tags: ['ok'] });
    const reasons = r.errors.filter((e) => e.where === `${file}#5`).map((e) => e.reason);
    expect(reasons).toEqual([
      expect.stringMatching(/field "savedAt": .*"yesterday"/),
      expect.stringMatching(/field "status": .*"gone"/),
      expect.stringMatching(/field "tags\[1\]": .*7/),
      expect.stringMatching(/field "tags\[2\]": .*null/),
    ]);
  });

  it('an article without a usable URL is a failed item with its reason; so is a non-object', () => {
    expect(r.errors).toContainEqual({
      where: `${file}#6`,
      reason: 'article 6: no URL ("originalUrl" and "url" are missing); not imported',
    });
    expect(r.errors).toContainEqual({
      where: `${file}#7`,
      reason: expect.stringMatching(
        /^article 7 \(javascript:alert\(1\)\): no URL \("originalUrl" is a javascript: address, not a web page; "url" is not text \(number\)\); not imported$/,
      ),
    });
    expect(r.errors).toContainEqual({ where: `${file}#8`, reason: 'article 8: not an article object (got null); not imported' });
  });

  it('nothing else is reported, and every kept article is written to the library', async () => {
    expect(r.errors.filter((e) => !/#[1-8]$/.test(e.where))).toEqual([]);
    const db: GistDB = fresh();
    const out = await applyImport(db, r.items, { sanitize: (html) => ({ html }) });
    expect(out.map((o) => o.outcome)).toEqual(Array(7).fill('imported'));
    expect(await db.articles.count()).toBe(7);
    const a3 = (await db.articles.get({ url: 'https://example.com/3' }))!;
    expect(a3.contentState).toBe('full');
    const a2 = (await db.articles.get({ url: 'https://example.com/2' }))!;
    expect((await db.highlights.where('articleId').equals(a2.id).toArray()).map((h) => h.quote.exact)).toEqual(['kept']);
    const img4 = await db.images
      .where('articleId')
      .equals((await db.articles.get({ url: 'https://example.com/4' }))!.id)
      .toArray();
    expect(img4.map((i: ImageRecord) => [i.src, i.blob.type])).toEqual([['https://cdn.example.com/4.png', 'image/png']]);
  });
});
