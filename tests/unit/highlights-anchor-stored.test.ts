// @vitest-environment node
// Imported highlights placed in the stored text as the reader renders it, with the import report's
// counts; those of link-only items wait, and are placed once the fetch queue stores the page.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { JSDOM } from 'jsdom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb, type ArticleRecord, type GistDB } from '../../lib/db/schema';
import { storeFetched, type FetchedContent } from '../../lib/fetch-queue/store';
import { anchorImported, anchorWaiting, keepAnchoring, renderedText } from '../../lib/annotate/anchor-stored';
import { textOf } from '../../lib/highlights/dom-text';
import { applyImport } from '../../lib/import/apply-import';
import type { ImportItem } from '../../lib/import/types';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { sanitizeArticleFragment } from '../../lib/sanitize/sanitize-html';
import { highlightsText } from '../../components/library/import-report';

const win = new JSDOM('').window as unknown as Window;
const deps = {
  sanitize: (html: string, base: string) => prepareStoredHtml(html, win, base),
  source: 'import:omnivore',
  now: () => 1_800_000_000_000,
};

const item = (over: Partial<ImportItem>): ImportItem => ({
  url: 'https://example.com/a',
  title: 'A',
  tags: [],
  savedAt: null,
  status: 'unread',
  favorite: false,
  where: 'f#0',
  ...over,
});

const BODY =
  '<h1>Title</h1><p>The first paragraph talks about <em>bees</em> and <a href="https://example.com/x">their hives</a>.</p>' +
  '<p>A second paragraph, about honey.</p><p>The first paragraph talks about nothing else.</p>';

/** The text the reader's body holds: sanitizeArticleFragment inserted into an element, its Text nodes. */
function readerText(html: string): string {
  const el = win.document.createElement('div');
  el.replaceChildren(sanitizeArticleFragment(html, win));
  return textOf(el);
}

let db: GistDB;
beforeEach(() => {
  db = openDb(`anc-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});

describe('imported highlights placed in stored content', () => {
  it("quotes across an <em>, a link and a paragraph break are placed with the reader's offsets; the report counts them", async () => {
    const out = await applyImport(
      db,
      [
        item({
          content: BODY,
          highlights: [
            { text: 'about bees and their hives', note: 'spans em and link' },
            { text: 'their hives.A second paragraph' },
            { text: 'a sentence this page never had' },
          ],
        }),
        item({ url: 'https://example.com/link-only', where: 'f#1', highlights: [{ text: 'waiting for the page' }] }),
      ],
      deps,
    );
    const added = out.flatMap((o) => o.highlights ?? []);
    expect(added).toHaveLength(4);
    const tally = await anchorImported(db, win, added);
    expect(tally).toEqual({ placed: 2, unplaced: 1, waiting: 1 });
    expect(
      highlightsText({
        file: 'f',
        format: 'omnivore',
        errors: [],
        duplicates: [],
        outcomes: out,
        strayHighlights: [],
        ms: 1,
        highlights: { added: 4, ...tally },
      }),
    ).toBe(
      "4 highlights imported: 2 placed in the text, 1 waiting for the page to be fetched, 1 couldn't be placed (listed with their text)",
    );

    const a = (await db.articles.get({ url: 'https://example.com/a' }))!;
    const text = readerText((await db.contents.get(a.id))!.html);
    expect(renderedText((await db.contents.get(a.id))!.html, win)).toBe(text);
    const byQuote = new Map((await db.highlights.where('articleId').equals(a.id).toArray()).map((h) => [h.quote.exact, h]));
    const bees = byQuote.get('about bees and their hives')!;
    expect(bees).toMatchObject({ anchor: 'placed', note: 'spans em and link', source: 'import:omnivore' });
    expect(text.slice(bees.position!.start, bees.position!.end)).toBe('about bees and their hives');
    expect(bees.quote.prefix).toBe(text.slice(Math.max(0, bees.position!.start - 32), bees.position!.start));
    expect(bees.quote.suffix).toBe(text.slice(bees.position!.end, bees.position!.end + 32));
    const across = byQuote.get('their hives.A second paragraph')!;
    expect(across.anchor).toBe('placed');
    expect(text.slice(across.position!.start, across.position!.end)).toBe('their hives.A second paragraph');
    expect(byQuote.get('a sentence this page never had')).toMatchObject({ anchor: 'unplaced', position: null });
    const link = (await db.articles.get({ url: 'https://example.com/link-only' }))!;
    expect(await db.highlights.where('articleId').equals(link.id).toArray()).toEqual([
      expect.objectContaining({ anchor: 'waiting', position: null }),
    ]);
  });

  it('a quote that occurs twice without context is placed at its first occurrence, never left ambiguous', async () => {
    const out = await applyImport(db, [item({ content: BODY, highlights: [{ text: 'The first paragraph talks about' }] })], deps);
    expect(await anchorImported(db, win, out[0].highlights!)).toEqual({ placed: 1, unplaced: 0, waiting: 0 });
    const [h] = await db.highlights.toArray();
    expect(h.position!.start).toBe(readerText((await db.contents.toArray())[0].html).indexOf('The first paragraph talks about'));
  });

  it('a highlight the reader re-anchored meanwhile is not overwritten', async () => {
    await applyImport(
      db,
      [
        item({ content: BODY, highlights: [{ text: 'about honey' }] }),
        item({ url: 'https://example.com/b', where: 'f#1', content: BODY, highlights: [{ text: 'A second paragraph' }] }),
      ],
      deps,
    );
    // Between the two articles, the reader (another page) places the one still waiting its own way.
    let edited = '';
    const tally = await anchorWaiting(db, win, {
      pause: async () => {
        const still = (await db.highlights.toArray()).find((h) => h.anchor === 'waiting');
        if (still && !edited) {
          edited = still.id;
          await db.highlights.update(still.id, { anchor: 'unplaced', note: 'reader' });
        }
      },
    });
    expect(edited).not.toBe('');
    expect(tally).toEqual({ placed: 1, unplaced: 0, waiting: 0 });
    expect(await db.highlights.get(edited)).toMatchObject({ anchor: 'unplaced', note: 'reader', position: null });
  });
});

const fetched = (html: string): FetchedContent => ({
  html,
  text: '',
  title: 'Fetched',
  byline: null,
  siteName: null,
  lang: null,
  publishedTime: null,
  excerpt: null,
  suggestedTags: [],
  tagCandidates: [],
  wordCount: 10,
  cjkChars: 0,
  imageCount: 0,
  readingMinutes: 1,
  images: [],
});

describe('highlights waiting for the fetch queue', () => {
  it('are placed once the queue stores the page: the library page sees the article leave pending', async () => {
    const out = await applyImport(
      db,
      [item({ url: 'https://example.com/later', highlights: [{ text: 'about honey', note: 'n' }, { text: 'not on the page' }] })],
      deps,
    );
    const id = out[0].articleId!;
    // The page's live list, driven by hand: pending first, then (after the worker's write) full.
    let push: (list: ArticleRecord[]) => void = () => undefined;
    const list = async () => db.articles.toArray();
    const stop = keepAnchoring(db, win, { subscribe: (next) => ((push = next), () => undefined) }, async () => undefined);
    push(await list());
    await new Promise((r) => setTimeout(r, 20));
    expect((await db.highlights.toArray()).map((h) => h.anchor)).toEqual(['waiting', 'waiting']);

    expect(await storeFetched(db, id, fetched(BODY), 1_800_000_000_100)).toBe(true);
    push(await list());
    await vi.waitFor(async () => expect((await db.highlights.toArray()).every((h) => h.anchor !== 'waiting')).toBe(true));
    const marks = new Map((await db.highlights.toArray()).map((h) => [h.note ?? '-', h]));
    const honey = marks.get('n')!;
    expect(honey.anchor).toBe('placed');
    expect(readerText(BODY).slice(honey.position!.start, honey.position!.end)).toBe('about honey');
    expect(marks.get('-')!.anchor).toBe('unplaced');
    stop();
  });

  it('on opening, everything waiting whose article has content by now is placed (e.g. fetched while the page was closed)', async () => {
    const out = await applyImport(db, [item({ url: 'https://example.com/closed', highlights: [{ text: 'A second paragraph' }] })], deps);
    await storeFetched(db, out[0].articleId!, fetched(BODY), 1);
    expect((await db.highlights.toArray())[0].anchor).toBe('waiting');
    keepAnchoring(db, win, { subscribe: () => () => undefined }, async () => undefined);
    await vi.waitFor(async () => expect((await db.highlights.toArray())[0].anchor).toBe('placed'));
  });
});
