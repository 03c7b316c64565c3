// Damaged input: every problem is reported with where and why, and the good items survive.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseImport, UnknownFormatError } from '../../lib/import/parse-import';

const FIX = resolve(__dirname, '../fixtures/import');
const fixture = (name: string) => parseImport(name, new Uint8Array(readFileSync(resolve(FIX, name))));
const urls = (r: { items: { url: string }[] }) => r.items.map((i) => i.url);

describe('import: malformed and truncated files', () => {
  it('CSV without a URL column: one clear error on the header line', async () => {
    const r = await fixture('pocket-missing-url.csv');
    expect(r.format).toBe('pocket-csv');
    expect(r.items).toEqual([]);
    expect(r.errors).toEqual([
      { where: 'pocket-missing-url.csv:1', reason: expect.stringMatching(/no URL column.*title, time_added, tags, status/) },
    ]);
  });

  it('CSV cut inside a quoted field: earlier rows kept, the cut row reported', async () => {
    const r = await fixture('pocket-truncated.csv');
    expect(urls(r)).toEqual(['https://example.com/a', 'https://example.com/b']);
    expect(r.items[0].tags).toEqual(['x', 'y']);
    expect(r.errors[0]).toEqual({ where: 'pocket-truncated.csv:4', reason: expect.stringMatching(/never closed.*cut off/) });
  });

  it('CSV with BOM, CRLF, doubled quotes, quoted newlines, an unknown extra column and bad rows', async () => {
    const r = await fixture('instapaper-bad-rows.csv');
    expect(r.format).toBe('instapaper-csv');
    expect(urls(r)).toEqual(['https://example.com/ok', 'https://example.com/bad-date', 'https://example.com/multi']);
    expect(r.items[0].title).toBe('A "quoted" title, with comma');
    expect(r.items[2]).toMatchObject({ title: 'Line one\r\nline two', tags: ['a', 'b'], favorite: true });
    expect(r.items[1]).toMatchObject({ savedAt: null, status: 'archived', tags: ['t'] });
    expect(r.errors).toEqual([
      { where: 'instapaper-bad-rows.csv:3', reason: expect.stringMatching(/not a valid absolute URL/) },
      { where: 'instapaper-bad-rows.csv:4', reason: expect.stringMatching(/unreadable Timestamp "yesterday"/) },
      { where: 'instapaper-bad-rows.csv:5', reason: 'no URL' },
      { where: 'instapaper-bad-rows.csv:6', reason: expect.stringMatching(/javascript:/) },
    ]);
  });

  it('JSON array cut in the middle of an element: the complete elements survive', async () => {
    const r = await fixture('wallabag-truncated.json');
    expect(r.format).toBe('wallabag-json');
    expect(urls(r)).toEqual(['https://example.com/1', 'https://example.com/2']);
    expect(r.items[1].title).toBe('Second, with a ] and } in it');
    expect(r.errors).toEqual([{ where: 'wallabag-truncated.json:4', reason: expect.stringMatching(/item 2: cut off/) }]);
  });

  it('JSON array with a broken element, a non-object and a bad date in between', async () => {
    const r = await fixture('omnivore-bad-element.json');
    expect(urls(r)).toEqual(['https://example.com/one', 'https://example.com/three']);
    expect(r.items[0].progress).toBeCloseTo(0.4);
    expect(r.errors.map((e) => e.where)).toEqual([
      'omnivore-bad-element.json:3',
      'omnivore-bad-element.json#2',
      'omnivore-bad-element.json#3',
      'omnivore-bad-element.json#4',
    ]);
    expect(r.errors[0].reason).toMatch(/invalid JSON: item 1/);
    expect(r.errors[3].reason).toMatch(/Deleted/);
  });

  it('JSON object cut off: refused with the position', async () => {
    await expect(fixture('linkwarden-truncated.json')).rejects.toThrow(/not valid JSON \(linkwarden-truncated\.json:1: /);
  });

  it('HTML exports with no links, and an HTML page that is no export', async () => {
    const p = await fixture('pocket-no-links.html');
    expect(p).toMatchObject({
      format: 'pocket-html',
      items: [],
      errors: [{ where: 'pocket-no-links.html', reason: expect.stringMatching(/no links/) }],
    });
    const n = await fixture('netscape-no-links.html');
    expect(n).toMatchObject({
      format: 'netscape-bookmarks',
      items: [],
      errors: [{ where: 'netscape-no-links.html', reason: expect.stringMatching(/no bookmarks/) }],
    });
    await expect(fixture('not-an-export.html')).rejects.toThrow(UnknownFormatError);
  });

  it('bookmark file cut inside a tag: earlier bookmarks kept, the cut one named', async () => {
    const r = await fixture('netscape-truncated.html');
    expect(urls(r)).toEqual(['https://example.com/kept', 'https://example.com/also-kept']);
    expect(r.errors).toEqual([
      { where: 'netscape-truncated.html:6', reason: expect.stringMatching(/ends inside a tag.*example\.com\/cut/) },
    ]);
  });

  it('unknown CSV header, random bytes and an empty file are refused with a clear message', async () => {
    await expect(fixture('unknown-header.csv')).rejects.toThrow(/not a format Gist knows \(first line: foo, bar, baz\)/);
    await expect(parseImport('x.bin', new Uint8Array([0, 1, 2, 3, 255, 254]))).rejects.toThrow(UnknownFormatError);
    await expect(parseImport('empty.csv', new Uint8Array())).rejects.toThrow(/empty/);
  });

  it('truncated ZIP: complete entries recovered, the cut entry and the damage reported', async () => {
    const rows = (n: number, from: number) =>
      [
        'title,url,time_added,tags,status',
        ...Array.from({ length: n }, (_, i) => `T${from + i},https://example.com/${from + i},1600000000,,unread`),
      ].join('\n');
    // Stored (level 0) so the cut point falls inside the second entry's data.
    const zip = zipSync({ 'part_000000.csv': strToU8(rows(3, 0)), 'part_000001.csv': strToU8(rows(50, 100)) }, { level: 0 });
    const cut = zip.subarray(0, Math.floor(zip.length * 0.6));
    const r = await parseImport('pocket.zip', cut);
    expect(r.format).toBe('pocket-csv');
    expect(urls(r)).toEqual(['https://example.com/0', 'https://example.com/1', 'https://example.com/2']);
    expect(r.errors.some((e) => e.where === 'pocket.zip/part_000001.csv' && /cut off/.test(e.reason))).toBe(true);
    expect(r.errors.some((e) => e.where === 'pocket.zip' && /directory is damaged or missing/.test(e.reason))).toBe(true);
  });

  it('a ZIP holding nothing we know is refused, naming its entries', async () => {
    const zip = zipSync({ 'photo.jpg': new Uint8Array([255, 216, 255]), 'notes.md': strToU8('# hi') });
    await expect(parseImport('stuff.zip', zip)).rejects.toThrow(/no export file Gist knows \(entries: notes\.md, photo\.jpg\)/);
  });

  it('a ZIP cut before its first entry ends is refused', async () => {
    const zip = zipSync(
      { 'part_000000.csv': strToU8('title,url,time_added,tags,status\nA,https://example.com/a,1,,unread\n') },
      { level: 0 },
    );
    await expect(parseImport('p.zip', zip.subarray(0, 40))).rejects.toThrow(UnknownFormatError);
  });
});
