// @vitest-environment node
// "Save as link" stores a page the way imports store link-only items: no counts, contentState 'pending'
// for the fetch queue, keyed like a full save; a page already saved is left untouched.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import { linkInput, saveLink } from '../../lib/save/save-link';
import { analyzeFor } from '../../lib/save/save-article';
import { analyzePage } from '../../lib/save/analyze-page';
import { queueItems, countQueue } from '../../lib/fetch-queue/store';
import type { TabExtraction } from '../../lib/save/tab-extraction';

let db: GistDB;
beforeEach(() => {
  db = openDb(`t-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});

// The key as the background computes it: analyzeFor with the in-place analyzer (Firefox's route).
const keyOf = async (ex: TabExtraction) => (await analyzeFor(ex, async (req) => analyzePage(req))).key;

const detection = { isArticle: false, wordCount: 40, cjkChars: 0, score: -2 };

describe('save as link', () => {
  it('stores under the key a full save would use (analyzeFor) with the best title known', async () => {
    const noArticle: TabExtraction = { url: 'https://shop.example.com/cart?utm_source=x#top', detection, article: null };
    expect(linkInput(noArticle, '  Your cart  ', await keyOf(noArticle))).toEqual({
      url: 'https://shop.example.com/cart',
      originalUrl: noArticle.url,
      title: 'Your cart',
      siteName: 'shop.example.com',
      excerpt: null,
    });
    expect(linkInput(noArticle, '', await keyOf(noArticle)).title).toBe(noArticle.url);
    const withCanonical = {
      url: 'https://example.com/list?page=2',
      detection,
      article: {
        title: 'All stories',
        text: 'Latest stories',
        siteName: 'Example',
        excerpt: 'Latest',
        canonicalUrl: 'https://example.com/list',
      },
    } as unknown as TabExtraction;
    expect(linkInput(withCanonical, 'tab title', await keyOf(withCanonical))).toMatchObject({
      url: 'https://example.com/list',
      title: 'All stories',
      siteName: 'Example',
      excerpt: 'Latest',
    });
  });

  it('stores a link-only article the fetch queue will download, and never overwrites a saved one', async () => {
    const r = await saveLink(
      db,
      {
        url: 'https://example.com/list',
        originalUrl: 'https://example.com/list?page=2',
        title: 'All stories',
        siteName: 'Example',
        excerpt: null,
      },
      5000,
    );
    expect(r).toEqual({ id: r.id, created: true, images: 0, imagesFailed: 0 });
    const a = await db.articles.get(r.id);
    expect(a).toMatchObject({
      contentState: 'pending',
      wordCount: 0,
      cjkChars: 0,
      imageCount: 0,
      readingMinutes: 0,
      status: 'unread',
      savedAt: 5000,
      tags: [],
    });
    expect(await db.contents.get(r.id)).toBeUndefined();
    expect(await queueItems(db)).toEqual([{ id: r.id, url: 'https://example.com/list?page=2', kind: 'page', attempts: 0, notBefore: 0 }]);
    expect(countQueue(await db.articles.toArray()).pending).toBe(1);
    // Saving the link again (or after a full save) changes nothing.
    await db.articles.update(r.id, { contentState: 'full', wordCount: 900 });
    const again = await saveLink(db, {
      url: 'https://example.com/list',
      originalUrl: 'https://example.com/list',
      title: 'x',
      siteName: null,
      excerpt: null,
    });
    expect(again).toMatchObject({ id: r.id, created: false });
    expect(await db.articles.get(r.id)).toMatchObject({ contentState: 'full', wordCount: 900, title: 'All stories' });
  });
});
