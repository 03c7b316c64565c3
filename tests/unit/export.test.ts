// @vitest-environment node
// The Gist export (JSON Lines) reads the library page by page and re-imports losslessly: records,
// bodies, image bytes and highlights (bookmarks HTML: export-netscape; Markdown zip: export-markdown).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ArticleRecord, GistDB } from '../../lib/db/schema';
import { exportGistJson, gistJsonChunks } from '../../lib/export/gist-json';
import { applyImport } from '../../lib/import/apply-import';
import { parseImport } from '../../lib/import/parse-import';
import { getBody } from '../../lib/db/contents';
import { fresh, bytesOf, PNG, record, HIGHLIGHTS, db, seededLibraryEachTest } from '../helpers/export-library';

seededLibraryEachTest();
const NOW = 1_800_000_000_000;

const linesOf = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const withoutId = <T extends { id?: number }>({ id: _id, ...rest }: T) => rest;

/** Highlights with their article's URL in place of the local id, by id. */
async function highlightsByUrl(d: GistDB) {
  const urls = new Map((await d.articles.toArray()).map((a) => [a.id, a.url]));
  return (await d.highlights.orderBy('id').toArray()).map(({ articleId, ...h }) => ({ ...h, url: urls.get(articleId) }));
}

describe('Gist export (JSON Lines)', () => {
  it('writes a header line, one line per article with every field, content and base64 images, and an end line', async () => {
    const text = new TextDecoder().decode(await bytesOf(await exportGistJson(db, { now: () => NOW })));
    expect(text.endsWith('\n')).toBe(true);
    const lines = linesOf(text);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({ format: 'gist-export', version: 2, exportedAt: new Date(NOW).toISOString() });
    expect(lines[1]).toMatchObject({
      url: 'https://example.com/a',
      tagCandidates: ['science', 'bees'],
      content: { text: 'Part\n\nHello big world' },
    });
    expect(lines[1].id).toBeUndefined();
    expect(lines[1].images[0]).toEqual({
      src: 'https://cdn.example.com/i.png',
      type: 'image/png',
      data: Buffer.from(PNG).toString('base64'),
    });
    expect(lines[2]).toMatchObject({ url: 'https://example.org/b', content: null });
    expect(lines[3]).toEqual({ end: true, articles: 2 });
    const small = linesOf(new TextDecoder().decode(await bytesOf(await exportGistJson(db, { includeImages: false }))));
    expect(small[1].images).toBeUndefined();
  });

  it('round-trips losslessly through parseImport and applyImport: records, contents and image bytes', async () => {
    const first = new TextDecoder().decode(await bytesOf(await exportGistJson(db, { now: () => NOW })));
    expect(linesOf(first).map((l) => l.version ?? l.end ?? l.url)).toEqual([2, 'https://example.com/a', 'https://example.org/b', true]);
    const parsed = await parseImport('gist-library.jsonl', new TextEncoder().encode(first));
    expect(parsed.format).toBe('gist-json');
    expect(parsed.errors).toEqual([]);
    expect(parsed.items[0]).toMatchObject({
      url: 'https://example.com/a?utm_source=x',
      status: 'archived',
      favorite: true,
      progress: 0.25,
      tags: ['science', 'peanut, butter'],
      savedAt: new Date(1_600_000_000_123).toISOString(),
    });
    const db2 = fresh();
    // Our own export's HTML was sanitized when stored; the identity function shows nothing else changes it.
    const out = await applyImport(db2, parsed.items, { sanitize: (html) => ({ html }), now: () => NOW + 1 });
    expect(out.map((o) => o.outcome)).toEqual(['imported', 'imported']);
    const [before, after] = [await db.articles.orderBy('url').toArray(), await db2.articles.orderBy('url').toArray()];
    expect(after.map(withoutId)).toEqual(before.map(withoutId));
    const contentOf = async (d: GistDB, url: string) => withoutId({ id: 0, ...(await getBody(d, (await d.articles.get({ url }))!.id)) });
    for (const a of before) expect(await contentOf(db2, a.url)).toEqual(await contentOf(db, a.url));
    const [img] = await db2.images.toArray();
    expect(img.articleId).toBe((await db2.articles.get({ url: 'https://example.com/a' }))!.id);
    expect(img.src).toBe('https://cdn.example.com/i.png');
    expect(new Uint8Array(await img.blob.arrayBuffer())).toEqual(PNG);
    expect(img.blob.type).toBe('image/png');
    expect(await db2.images.count()).toBe(1);
    // Every highlight comes back as it was: same id, selectors, colour, note, times, anchoring, source.
    expect(await highlightsByUrl(db2)).toEqual(await highlightsByUrl(db));
    expect((await highlightsByUrl(db2)).map((h) => h.id)).toHaveLength(4);
    expect((await db2.articles.get({ url: 'https://example.com/a' }))!.note).toBe('Why I kept this:\n"quotes", colons: and more');
    const second = new TextDecoder().decode(await bytesOf(await exportGistJson(db2, { now: () => NOW })));
    expect(second).toBe(first);
  });

  it("writes each article's highlights in reading order with their selectors, and its note", async () => {
    const lines = linesOf(new TextDecoder().decode(await bytesOf(await exportGistJson(db, { includeImages: false }))));
    expect(lines[1].note).toBe('Why I kept this:\n"quotes", colons: and more');
    expect(lines[1].highlights.map((h: { id: string }) => h.id)).toEqual([
      '22222222-2222-4222-8222-222222222222',
      '11111111-1111-4111-8111-111111111111',
      '44444444-4444-4444-8444-444444444444',
    ]);
    const { articleId: _a, ...green } = HIGHLIGHTS(1)[0];
    expect(lines[1].highlights[1]).toEqual(green);
    expect(lines[2].highlights).toEqual([expect.objectContaining({ anchor: 'waiting', source: 'import:omnivore' })]);
  });

  it('re-importing the export into the same library adds nothing; into a library with the same quote, fills a missing note only', async () => {
    const file = new TextEncoder().encode(new TextDecoder().decode(await bytesOf(await exportGistJson(db))));
    const parsed = await parseImport('gist.jsonl', file);
    const again = await applyImport(db, parsed.items, { sanitize: (html) => ({ html }), now: () => NOW });
    expect(again.map((o) => o.outcome)).toEqual(['duplicate', 'duplicate']);
    expect(await db.highlights.count()).toBe(4);

    // Another library has the article, with the quote "big world" highlighted there without a note,
    // and a note of its own on the article: the file's note goes onto the highlight, not over the article's.
    const other = fresh();
    const id = (await other.articles.add(record({ note: 'mine' }) as ArticleRecord)) as number;
    await other.highlights.add({
      ...HIGHLIGHTS(id)[0],
      id: 'local-id',
      note: null,
      color: 'yellow',
      quote: { ...HIGHLIGHTS(id)[0].quote, exact: 'Big  World' },
    });
    const out = await applyImport(other, parsed.items, { sanitize: (html) => ({ html }), now: () => NOW });
    expect(out[0]).toMatchObject({
      outcome: 'merged',
      reason: expect.stringContaining('2 highlights added, 1 note added to highlights'),
    });
    expect(out[0].reason).toContain("kept the library's note");
    const mine = await other.highlights.get('local-id');
    expect(mine).toMatchObject({ note: 'a note\nover two lines', color: 'yellow', updatedAt: NOW });
    expect((await other.highlights.where('articleId').equals(id).toArray()).map((h) => h.id).sort()).toEqual([
      '22222222-2222-4222-8222-222222222222',
      '44444444-4444-4444-8444-444444444444',
      'local-id',
    ]);
    expect((await other.articles.get(id))!.note).toBe('mine');
  });

  it('streams one chunk per line with progress, for a library of 1,000 articles', async () => {
    const big = fresh();
    await big.articles.bulkAdd(
      Array.from({ length: 1000 }, (_, i) =>
        record({ url: `https://example.com/${i}`, originalUrl: `https://example.com/${i}` }),
      ) as ArticleRecord[],
    );
    const progress: number[] = [];
    const chunks: string[] = [];
    for await (const c of gistJsonChunks(big, { batchSize: 100, onProgress: (d) => progress.push(d) })) chunks.push(c);
    expect(progress).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(chunks).toHaveLength(1002);
    expect(chunks.every((c) => c.endsWith('\n') && c.indexOf('\n') === c.length - 1)).toBe(true);
    const lines = linesOf(chunks.join(''));
    expect(lines.slice(1, -1).map((a) => a.url)).toEqual(Array.from({ length: 1000 }, (_, i) => `https://example.com/${i}`));
    expect(lines.at(-1)).toEqual({ end: true, articles: 1000 });
  });
});
