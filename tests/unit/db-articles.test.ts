// @vitest-environment node
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import {
  deleteArticle,
  findByUrl,
  getReadable,
  textsOf,
  listArticles,
  restoreArticle,
  saveArticle,
  setTags,
  type ArticleInput,
} from '../../lib/db/articles';

function input(over: Partial<ArticleInput> = {}): ArticleInput {
  return {
    url: 'https://example.com/a',
    originalUrl: 'https://example.com/a?utm_source=x',
    title: 'A',
    byline: null,
    siteName: 'Example',
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    html: '<p>Hello <img src="https://example.com/i.png"></p>',
    text: 'Hello',
    tags: ['science'],
    tagCandidates: ['science', 'bees'],
    tagsEdited: false,
    wordCount: 1,
    cjkChars: 0,
    imageCount: 1,
    readingMinutes: 1,
    images: [{ src: 'https://example.com/i.png', blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) }],
    ...over,
  };
}

let db: GistDB;
beforeEach(() => {
  db = openDb(`t-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});

describe('saveArticle', () => {
  it('stores metadata, body and image blobs', async () => {
    const { id, created } = await saveArticle(db, input(), 1000);
    expect(created).toBe(true);
    const r = await getReadable(db, id);
    expect(r?.article).toMatchObject({
      url: 'https://example.com/a',
      status: 'unread',
      favorite: 0,
      savedAt: 1000,
      progress: 0,
      contentState: 'full',
    });
    expect(r?.content?.html).toContain('<p>Hello');
    expect(r?.content?.text).toBe('Hello');
    expect(r?.images).toHaveLength(1);
    expect(r?.images[0].blob.size).toBe(3);
  });

  it('stores the plain text apart from the HTML: the search reads one, the reader both', async () => {
    const { id } = await saveArticle(db, input(), 1000);
    expect(await db.contents.get(id)).toEqual({ articleId: id, html: input().html });
    expect(await db.texts.get(id)).toEqual({ articleId: id, text: 'Hello' });
    expect(await textsOf(db, [id, id + 1])).toEqual(['Hello', undefined]);
  });

  it('updates the same canonical URL instead of duplicating, keeping the first date and user state', async () => {
    const { id } = await saveArticle(db, input(), 1000);
    await db.articles.update(id, { status: 'archived', favorite: 1 });
    const second = await saveArticle(db, input({ title: 'A (updated)', images: [] }), 5000);
    expect(second).toEqual({ id, created: false });
    expect(await db.articles.count()).toBe(1);
    const a = await findByUrl(db, 'https://example.com/a');
    expect(a).toMatchObject({ title: 'A (updated)', savedAt: 1000, updatedAt: 5000, status: 'archived', favorite: 1 });
    expect(await db.images.count()).toBe(0); // images replaced with the new save's
  });

  it('re-saving takes the new original URL from the same host, keeps the stored one when the save comes from another host', async () => {
    await saveArticle(db, input({ originalUrl: 'https://example.com/a?utm_source=x' }), 1000);
    await saveArticle(db, input({ originalUrl: 'https://example.com/a?page=1' }), 2000);
    expect((await findByUrl(db, 'https://example.com/a'))?.originalUrl).toBe('https://example.com/a?page=1');
    await saveArticle(db, input({ originalUrl: 'https://m.example.com/a', title: 'From m.' }), 3000);
    expect(await findByUrl(db, 'https://example.com/a')).toMatchObject({ originalUrl: 'https://example.com/a?page=1', title: 'From m.' });
    await saveArticle(db, input({ originalUrl: 'https://example.com:8443/a' }), 4000);
    expect((await findByUrl(db, 'https://example.com/a'))?.originalUrl).toBe('https://example.com/a?page=1');
  });

  it('re-saving replaces a stored original URL that is not a URL', async () => {
    const { id } = await saveArticle(db, input(), 1000);
    await db.articles.update(id, { originalUrl: 'not a url' });
    await saveArticle(db, input({ originalUrl: 'https://m.example.com/a' }), 2000);
    expect((await db.articles.get(id))?.originalUrl).toBe('https://m.example.com/a');
  });

  it('never lets suggestions overwrite tags the user edited; user edits merge with them', async () => {
    const { id } = await saveArticle(db, input(), 1000);
    await setTags(db, id, ['mine', 'Mine', 'other']);
    expect((await db.articles.get(id))?.tags).toEqual(['mine', 'other']);
    await saveArticle(db, input({ tags: ['suggested'] }), 2000);
    expect((await db.articles.get(id))?.tags).toEqual(['mine', 'other']);
    await saveArticle(db, input({ tags: ['extra'], tagsEdited: true }), 3000);
    expect((await db.articles.get(id))?.tags).toEqual(['extra', 'mine', 'other']);
  });

  it('lists newest first', async () => {
    await saveArticle(db, input({ url: 'https://e.com/1' }), 1);
    await saveArticle(db, input({ url: 'https://e.com/3' }), 3);
    await saveArticle(db, input({ url: 'https://e.com/2' }), 2);
    expect((await listArticles(db)).map((a) => a.url)).toEqual(['https://e.com/3', 'https://e.com/2', 'https://e.com/1']);
  });

  it('writes nothing when the transaction fails part-way', async () => {
    await saveArticle(db, input({ url: 'https://e.com/keep' }), 1);
    // Make the body write fail after the article row was added: the whole save must roll back.
    const bad = input({ url: 'https://e.com/bad' });
    const orig = db.contents.put.bind(db.contents);
    db.contents.put = (() => Promise.reject(new Error('disk full'))) as unknown as typeof db.contents.put;
    await expect(saveArticle(db, bad, 2)).rejects.toThrow('disk full');
    db.contents.put = orig;
    expect(await findByUrl(db, 'https://e.com/bad')).toBeUndefined();
    expect(await db.articles.count()).toBe(1);
    expect(await db.images.count()).toBe(1);
  });

  it('a failed text write rolls back the HTML written before it', async () => {
    await saveArticle(db, input({ url: 'https://e.com/keep' }), 1);
    const orig = db.texts.put.bind(db.texts);
    db.texts.put = (() => Promise.reject(new Error('disk full'))) as unknown as typeof db.texts.put;
    await expect(saveArticle(db, input({ url: 'https://e.com/bad' }), 2)).rejects.toThrow('disk full');
    db.texts.put = orig;
    expect(await db.articles.count()).toBe(1);
    expect(await db.contents.count()).toBe(1);
    expect(await db.texts.count()).toBe(1);
  });
});

describe('delete and undo', () => {
  it('removes everything and restores it exactly', async () => {
    const { id } = await saveArticle(db, input(), 1000);
    const snap = await deleteArticle(db, id);
    expect(await db.articles.count()).toBe(0);
    expect(await db.contents.count()).toBe(0);
    expect(await db.texts.count()).toBe(0);
    expect(await db.images.count()).toBe(0);
    await restoreArticle(db, snap!);
    const r = await getReadable(db, id);
    expect(r?.content).toEqual({ articleId: id, html: input().html, text: 'Hello' });
    expect(r?.article.savedAt).toBe(1000);
    expect(r?.images).toHaveLength(1);
  });

  it('undo does not duplicate an article saved again meanwhile', async () => {
    const { id } = await saveArticle(db, input(), 1000);
    const snap = await deleteArticle(db, id);
    await saveArticle(db, input(), 2000);
    await restoreArticle(db, snap!);
    expect(await db.articles.count()).toBe(1);
  });
});
