// @vitest-environment node
// The version 1 Gist export (one JSON object) still imports: whole, pretty-printed, reordered, damaged,
// or from a newer Gist (with a warning).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../lib/import/parse-import';
import { enc, PNG, jsonl, v1, article, urls } from '../helpers/gist-export-files';

describe('version 1 (single JSON object) exports still import', () => {
  it('whole, pretty-printed or with its keys in another order, as before', async () => {
    const arts = [article(0), article(1, { status: 'archived', favorite: 1 })];
    const layouts = {
      'v1.json': v1(arts),
      'pretty.json': JSON.stringify({ format: 'gist-export', version: 1, exportedAt: 'x', articles: arts }, null, 2),
      'reordered.json': JSON.stringify({ articles: arts, version: 1, format: 'gist-export' }),
    };
    for (const [name, text] of Object.entries(layouts)) {
      const r = await parseImport(name, enc(text));
      expect(r.format, name).toBe('gist-json');
      expect(r.errors, name).toEqual([]);
      expect(
        r.items.map((i) => [i.url, i.status, i.favorite, i.gist?.images?.[0].data]),
        name,
      ).toEqual([
        ['https://example.com/0?ref=x', 'unread', false, PNG],
        ['https://example.com/1?ref=x', 'archived', true, PNG],
      ]);
    }
  });

  it('a damaged byte in the middle keeps the articles before it and names the line', async () => {
    const text = v1([article(0), article(1), article(2)]).replace('"title":"Article 1"', '"title":"Article 1" oops');
    const r = await parseImport('v1.json', enc(text));
    expect(urls(r)).toEqual(['https://example.com/0?ref=x']);
    expect(r.errors).toEqual([
      {
        where: 'v1.json:3',
        reason: expect.stringMatching(
          /^invalid JSON \(Unexpected "o"\): read the 1 complete article before it; the rest of the file could not be$/,
        ),
      },
    ]);
  });

  it('a file from a newer Gist is read with a warning', async () => {
    const r = await parseImport('new.jsonl', enc(jsonl([article(0)]).replace('"version":2', '"version":9')));
    expect(urls(r)).toEqual(['https://example.com/0?ref=x']);
    expect(r.errors).toEqual([{ where: 'new.jsonl', reason: expect.stringMatching(/newer Gist \(format version 9\)/) }]);
  });
});
