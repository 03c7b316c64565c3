// @vitest-environment node
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import { deleteArticle, deleteMany, restoreArticle, restoreMany, saveArticle, type ArticleInput } from '../../lib/db/articles';
import {
  addHighlight,
  allHighlights,
  deleteHighlight,
  highlightsOf,
  restoreHighlight,
  setArticleNote,
  updateHighlight,
} from '../../lib/db/highlights';

const article = (url: string): ArticleInput => ({
  url,
  originalUrl: url,
  title: 'A',
  byline: null,
  siteName: null,
  lang: 'en',
  publishedTime: null,
  excerpt: null,
  html: '<p>One two three four five.</p>',
  text: 'One two three four five.',
  tags: [],
  tagCandidates: [],
  tagsEdited: false,
  wordCount: 5,
  cjkChars: 0,
  imageCount: 0,
  readingMinutes: 1,
  images: [],
});

const quote = (exact: string) => ({ type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' });
const pos = (start: number, end: number) => ({ type: 'TextPositionSelector' as const, start, end });

let db: GistDB;
let id: number;
beforeEach(async () => {
  db = openDb('t', { indexedDB: new IDBFactory(), IDBKeyRange });
  id = (await saveArticle(db, article('https://example.com/a'))).id;
});

describe('highlight storage', () => {
  it('lists an article’s highlights in reading order, unplaced ones last', async () => {
    const late = await addHighlight(db, { articleId: id, quote: quote('five'), position: pos(19, 23) }, 1000);
    const early = await addHighlight(db, { articleId: id, quote: quote('One'), position: pos(0, 3), color: 'blue' }, 2000);
    const lost = await addHighlight(db, { articleId: id, quote: quote('gone'), position: null, anchor: 'unplaced' }, 500);
    expect((await highlightsOf(db, id)).map((h) => h.id)).toEqual([early.id, late.id, lost.id]);
    expect((await allHighlights(db)).map((h) => h.id)).toEqual([early.id, late.id, lost.id]);
    expect(early).toMatchObject({ color: 'blue', note: null, anchor: 'placed', source: 'gist', createdAt: 2000 });
    expect(late.id).not.toBe(early.id);
  });

  it('All highlights: those of one time (an import without dates) come article by article in reading order', async () => {
    const other = (await saveArticle(db, article('https://example.com/b'))).id;
    const at = 5000;
    const add = (articleId: number, exact: string, start: number | null) =>
      addHighlight(
        db,
        {
          articleId,
          quote: quote(exact),
          position: start === null ? null : pos(start, start + 3),
          ...(start === null ? { anchor: 'unplaced' as const } : {}),
        },
        at,
      );
    // Added out of reading order, as an export may list them; ids are random.
    const a3 = await add(id, 'gone', null);
    const a2 = await add(id, 'three', 8);
    const b1 = await add(other, 'One', 0);
    const a1 = await add(id, 'two', 4);
    const b2 = await add(other, 'four', 14);
    const newer = await addHighlight(db, { articleId: id, quote: quote('five'), position: pos(19, 23) }, 9000);
    expect((await allHighlights(db)).map((h) => h.quote.exact)).toEqual([newer, b1, b2, a1, a2, a3].map((h) => h.quote.exact));
  });

  it('edits colour and note (blank note clears it), and the edit time moves only for those', async () => {
    const h = await addHighlight(db, { articleId: id, quote: quote('two'), position: pos(4, 7) }, 1000);
    await updateHighlight(db, h.id, { color: 'pink', note: 'why' }, 2000);
    expect(await db.highlights.get(h.id)).toMatchObject({ color: 'pink', note: 'why', updatedAt: 2000 });
    await updateHighlight(db, h.id, { note: '   ' }, 3000);
    expect(await db.highlights.get(h.id)).toMatchObject({ note: null, updatedAt: 3000 });
    await updateHighlight(db, h.id, { anchor: 'unplaced' }, 4000);
    expect(await db.highlights.get(h.id)).toMatchObject({ anchor: 'unplaced', updatedAt: 3000 });
  });

  it('deletes with undo, and refuses a highlight on an article that is gone', async () => {
    const h = await addHighlight(db, { articleId: id, quote: quote('two'), position: pos(4, 7) });
    const rec = await deleteHighlight(db, h.id);
    expect(await highlightsOf(db, id)).toEqual([]);
    await restoreHighlight(db, rec!);
    expect(await highlightsOf(db, id)).toEqual([h]);
    await expect(addHighlight(db, { articleId: 999, quote: quote('x'), position: null })).rejects.toThrow(/no longer/);
  });

  it('deleting an article deletes its highlights; undo brings them back', async () => {
    const other = (await saveArticle(db, article('https://example.com/b'))).id;
    const h = await addHighlight(db, { articleId: id, quote: quote('two'), position: pos(4, 7), note: 'n' });
    const keep = await addHighlight(db, { articleId: other, quote: quote('One'), position: pos(0, 3) });
    const snap = await deleteArticle(db, id);
    expect(await db.highlights.toArray()).toEqual([keep]);
    await restoreArticle(db, snap!);
    expect(await highlightsOf(db, id)).toEqual([h]);
    const snaps = await deleteMany(db, [id, other]);
    expect(await db.highlights.count()).toBe(0);
    await restoreMany(db, snaps);
    expect(await db.highlights.count()).toBe(2);
  });

  it('stores the article note, blank clears it', async () => {
    await setArticleNote(db, id, 'Worth a second read', 5000);
    expect(await db.articles.get(id)).toMatchObject({ note: 'Worth a second read', updatedAt: 5000 });
    await setArticleNote(db, id, ' ');
    expect((await db.articles.get(id))?.note).toBeNull();
  });
});
