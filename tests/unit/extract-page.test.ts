// @vitest-environment happy-dom
// The badge without host access: the detect content script loads reading-counts.js, whose countReading
// runs the popup's own extraction (extractPage, what entrypoints/extract.ts returns) on the page. Its counts
// must be the ones the popup's preview shows its time from, at any reading speed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../lib/db/schema';
import { minutesForSpeed } from '../../lib/reading-time/index';
import { countReading, extractPage } from '../../lib/save/extract-page';
import { buildPreview } from '../../lib/save/save-article';

const FIXTURE = join(import.meta.dirname, '../fixtures/pages/article.html');

function docOf(html: string): Document {
  const d = document.implementation.createHTMLDocument('');
  d.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
  return d;
}

describe('countReading (the badge) and the popup', () => {
  // The fixture article, and one whose text is split over two sections: detection's estimate counts the
  // one block Readability would most likely pick (one section here), the extraction keeps both.
  const para = (i: number) =>
    `<p>Paragraph ${i} says the bees of the city keep their hives on roofs and gardens, far from the traffic below.</p>`;
  const split = `<head><title>Bees in the city</title><meta property="og:type" content="article"></head><body><article><h1>Bees in the city</h1>
    <section>${Array.from({ length: 8 }, (_, i) => para(i)).join('')}</section>
    <section>${Array.from({ length: 8 }, (_, i) => para(i + 8)).join('')}</section></article></body>`;

  for (const [name, html] of [
    ['fixture article', readFileSync(FIXTURE, 'utf8')],
    ['text in two sections', split],
  ] as const)
    it(`counts what the popup shows its reading time from, so both give the same minutes at any speed (${name})`, async () => {
      const doc = docOf(html);
      const counts = countReading(doc);
      expect(counts).not.toBeNull();
      expect(counts!.words).toBeGreaterThan(250);
      const db = openDb(`p-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
      const ex = extractPage(doc);
      const p = await buildPreview(ex, { key: ex.url, tags: { shown: [], candidates: [] } }, db);
      const shown = { words: p.wordCount, cjkChars: p.cjkChars, images: p.imageCount };
      expect(shown).toEqual(counts);
      for (const wpm of [80, 150, 238, 400, 1000]) expect(minutesForSpeed(counts!, wpm), `${wpm} wpm`).toBe(minutesForSpeed(shown, wpm));
      db.close();
    });

  it('gives no counts where the popup shows no time: not an article, or nothing readable', () => {
    const listing = docOf(`<head><title>Shop</title></head><body><nav>${'<a href="/p">Product</a> '.repeat(40)}</nav></body>`);
    expect(countReading(listing)).toBeNull();
    expect(countReading(docOf('<body></body>'))).toBeNull();
  });
});
