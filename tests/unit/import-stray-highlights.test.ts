// @vitest-environment node
// Highlights for URLs the imported file does not list: added to the library's article, or reported with
// their URL or title and count.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyImport } from '../../lib/import/apply-import';
import { parseImport } from '../../lib/import/parse-import';
import { deps, item, db, freshDbEachTest } from '../helpers/import-apply-fixture';

freshDbEachTest();
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
