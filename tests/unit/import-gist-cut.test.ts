// @vitest-environment node
// A Gist export cut short (JSON Lines or version 1) gives back every complete article before the cut
// and reports the cut; a damaged or missing line costs only its article.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord, ImageRecord } from '../../lib/db/schema';
import { gistJsonChunks } from '../../lib/export/gist-json';
import { parseImport } from '../../lib/import/parse-import';
import { putBody } from '../../lib/db/contents';
import { fresh, enc, PNG, jsonl, toV1, article, urls } from '../helpers/gist-export-files';

describe('a Gist export cut short', () => {
  let full: string;
  beforeAll(async () => {
    const db = fresh();
    for (let n = 0; n < 3; n++) {
      const { content, images, ...rec } = article(n);
      const id = (await db.articles.add(rec as unknown as ArticleRecord)) as number;
      await putBody(db, { articleId: id, ...content });
      await db.images.add({ articleId: id, src: images[0].src, blob: new Blob([PNG], { type: 'image/png' }) } as ImageRecord);
    }
    full = '';
    for await (const c of gistJsonChunks(db)) full += c;
  });

  /** Byte offsets of: the end of line `n` (0 = header), and a text inside article line `k`. */
  const endOfLine = (text: string, n: number) =>
    text
      .split('\n')
      .slice(0, n + 1)
      .join('\n').length + 1;
  const inside = (text: string, k: number, needle: string, extra = 0) => text.indexOf(needle, endOfLine(text, k)) + extra;
  const cuts = (text: string): [string, number, number][] => [
    ['right after the header', text.indexOf('\n') + 1, 0],
    ['inside the first article', inside(text, 0, '"title"'), 0],
    ['between the first and second article', endOfLine(text, 1), 1],
    ["inside the second article's title", inside(text, 1, 'Article 1', 3), 1],
    ["inside the second article's image base64", inside(text, 1, '"data":"', 30), 1],
    ["inside the third article's HTML", inside(text, 2, '<p>Hello', 4), 2],
    ["just before the third article's last byte", inside(text, 2, '}]}', 2), 2],
    ['between the last article and the end line', endOfLine(text, 3), 3],
  ];

  it('the whole file imports with no problem', async () => {
    const r = await parseImport('g.jsonl', enc(full));
    expect(r.errors).toEqual([]);
    expect(r.items).toHaveLength(3);
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('JSON Lines cut %#: every complete article before the cut, and the cut reported', async (k) => {
    const [where, at, complete] = cuts(full)[k];
    const bytes = enc(full).subarray(0, at);
    const r = await parseImport('g.jsonl', bytes);
    expect(urls(r), where).toEqual(Array.from({ length: complete }, (_, n) => `https://example.com/${n}?ref=x`));
    const cutInside = !full.slice(0, at).endsWith('\n');
    const place = cutInside ? `inside article ${complete} at line ${complete + 2}` : `after line ${complete + 1}`;
    expect(r.errors.at(-1), where).toEqual({
      where: 'g.jsonl',
      reason: expect.stringMatching(
        new RegExp(`^the file is cut off ${place} \\(it has no end line\\): read the ${complete} complete articles? before the cut;`),
      ),
    });
    if (cutInside)
      expect(r.errors[0], where).toEqual({
        where: `g.jsonl:${complete + 2}`,
        reason: `article ${complete}: cut off (the file ends inside it); not imported`,
      });
    else expect(r.errors, where).toHaveLength(1);
    // The articles before the cut are whole: content and image bytes.
    for (const it of r.items) {
      expect(it.content).toMatch(/^<p>Hello \d/);
      expect(it.gist?.images?.[0].data).toEqual(PNG);
    }
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('version 1 JSON cut %#: every complete article before the cut, and the cut reported', async (k) => {
    const old = toV1(full);
    // The same places in the version 1 layout: its article lines end with "," where JSON Lines ends them.
    const [where, , complete] = cuts(full)[k];
    const at = [
      old.indexOf('\n') + 1,
      inside(old, 0, '"title"'),
      endOfLine(old, 1),
      inside(old, 1, 'Article 1', 3),
      inside(old, 1, '"data":"', 30),
      inside(old, 2, '<p>Hello', 4),
      inside(old, 2, '}]}', 2),
      endOfLine(old, 3),
    ][k];
    const r = await parseImport('g.json', enc(old).subarray(0, at));
    expect(r.format).toBe('gist-json');
    expect(urls(r), where).toEqual(Array.from({ length: complete }, (_, n) => `https://example.com/${n}?ref=x`));
    expect(r.errors, where).toEqual([
      {
        where: expect.stringMatching(/^g\.json:\d+$/),
        reason: `the file is cut off (it ends inside the articles list): read the ${complete} complete article${complete === 1 ? '' : 's'} before the cut; any that followed are missing`,
      },
    ]);
    for (const it of r.items) expect(it.gist?.images?.[0].data).toEqual(PNG);
  });

  it('a cut inside the end line is reported too', async () => {
    const r = await parseImport('g.jsonl', enc(full.slice(0, -6)));
    expect(r.items).toHaveLength(3);
    expect(r.errors).toEqual([
      { where: 'g.jsonl:5', reason: 'the file is cut off inside its end line: read the 3 articles before it, probably all of them' },
    ]);
  });

  it('a cut inside a multi-byte character keeps the accents of the articles before it', async () => {
    const text = jsonl([article(0, { title: 'Café — déjà vu' }), article(1, { title: 'Ünïcödé — 日本語' })]);
    const bytes = enc(text);
    const at = enc(text.slice(0, text.indexOf('日本語') + 1)).length - 2; // inside 本's three bytes
    for (const [name, cut] of [
      ['JSON Lines', bytes.subarray(0, at)],
      ['version 1', enc(toV1(text)).subarray(0, enc(toV1(text).slice(0, toV1(text).indexOf('日本語') + 1)).length - 1)],
    ] as const) {
      const r = await parseImport('g', cut);
      expect(
        r.items.map((i) => i.title),
        name,
      ).toEqual(['Café — déjà vu']);
      expect(r.errors.at(-1)?.reason, name).toMatch(/cut off/);
    }
  });

  it('a damaged line in the middle costs only its article', async () => {
    const lines = full.split('\n');
    lines[2] = lines[2].slice(0, 100) + lines[2].slice(200);
    const r = await parseImport('g.jsonl', enc(lines.join('\n')));
    expect(urls(r)).toEqual(['https://example.com/0?ref=x', 'https://example.com/2?ref=x']);
    expect(r.errors).toEqual([{ where: 'g.jsonl:3', reason: expect.stringMatching(/^article 1: not valid JSON \(.*\); not imported$/) }]);
  });

  it("missing lines are noticed through the end line's count", async () => {
    const lines = full.split('\n');
    lines.splice(2, 1);
    const r = await parseImport('g.jsonl', enc(lines.join('\n')));
    expect(urls(r)).toEqual(['https://example.com/0?ref=x', 'https://example.com/2?ref=x']);
    expect(r.errors).toEqual([
      { where: 'g.jsonl', reason: 'the end line counts 3 articles but the file holds 2: lines were removed or added' },
    ]);
  });

  it('is recognised by its content, whatever the file is called', async () => {
    for (const name of ['g.json', 'g.txt', 'backup']) {
      const r = await parseImport(name, enc(full));
      expect(r.format).toBe('gist-json');
      expect(r.items).toHaveLength(3);
    }
  });
});
