// @vitest-environment node
// Restoring a Gist export: every good article comes back whatever is wrong with the others, a file
// cut short gives back every complete article before the cut, and the version 1 single-object
// export still imports (whole or cut).
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type ArticleRecord, type GistDB, type ImageRecord } from '../../lib/db/schema';
import { gistJsonChunks } from '../../lib/export/gist-json';
import { applyImport } from '../../lib/import/apply-import';
import { parseImport, type ImportResult } from '../../lib/import/parse-import';
import { putBody } from '../../lib/db/contents';

const fresh = () => openDb(`gist-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
const enc = (s: string) => new TextEncoder().encode(s);
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, ...Array.from({ length: 600 }, (_, i) => i % 256)]);
const b64 = Buffer.from(PNG).toString('base64');
const HEADER = '{"format":"gist-export","version":2,"exportedAt":"2027-01-15T08:00:00.000Z"}';
const V1_HEADER = '{"format":"gist-export","version":1,"exportedAt":"2027-01-15T08:00:00.000Z","articles":[';

/** Version 2: header, one article per line, end line. */
const jsonl = (articles: unknown[]) =>
  `${[HEADER, ...articles.map((a) => JSON.stringify(a)), JSON.stringify({ end: true, articles: articles.length })].join('\n')}\n`;
/** Version 1 exactly as the first exporter wrote it: the object, one article per line after the "[". */
const v1 = (articles: unknown[]) => `${V1_HEADER}${articles.map((a, i) => `${i ? ',' : ''}\n${JSON.stringify(a)}`).join('')}\n]}\n`;
/** A version 1 file from version 2 lines (the same article objects). */
const toV1 = (text: string) =>
  v1(
    text
      .split('\n')
      .filter(Boolean)
      .slice(1, -1)
      .map((l) => JSON.parse(l)),
  );

function article(n: number, over: Record<string, unknown> = {}) {
  return {
    url: `https://example.com/${n}`,
    originalUrl: `https://example.com/${n}?ref=x`,
    title: `Article ${n}`,
    byline: null,
    siteName: 'Example',
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    savedAt: 1_600_000_000_000 + n,
    updatedAt: 1_700_000_000_000 + n,
    status: 'unread',
    favorite: 0,
    tags: ['t'],
    tagCandidates: [],
    tagsEdited: true,
    wordCount: 2,
    cjkChars: 0,
    imageCount: 1,
    readingMinutes: 1,
    progress: 0,
    contentState: 'full',
    highlights: [{ text: 'Hello', note: null, createdAt: null }],
    content: { html: `<p>Hello ${n} <img src="https://cdn.example.com/${n}.png"></p>`, text: `Hello ${n}` },
    images: [{ src: `https://cdn.example.com/${n}.png`, type: 'image/png', data: b64 }],
    ...over,
  };
}

const { originalUrl: _o, url: _u, ...noUrl } = article(6);
const BROKEN = [
  article(0),
  article(1, { images: 'oops' }),
  article(2, { highlights: [1, null, { text: 'kept' }] }),
  article(3, { contentState: 'maybe' }),
  article(4, {
    images: [
      { src: 'https://cdn.example.com/4.html', type: 'text/html', data: b64 },
      { src: 'https://cdn.example.com/4.png', type: 'image/png', data: b64 },
    ],
  }),
  article(5, { savedAt: 'yesterday', tags: ['ok', 7, null], status: 'gone' }),
  noUrl,
  article(7, { originalUrl: 'javascript:alert(1)', url: 42 }),
  null,
  article(9),
];

const urls = (r: ImportResult) => r.items.map((i) => i.url);

describe.each([
  ['JSON Lines', 'backup.jsonl', jsonl],
  ['version 1 JSON', 'backup.json', v1],
])('broken articles in a %s export', (_name, file, write) => {
  let r: ImportResult;
  beforeAll(async () => {
    r = await parseImport(file, enc(write(BROKEN)));
  });

  it('keeps every article with a usable URL, in order', () => {
    expect(r.format).toBe('gist-json');
    expect(urls(r)).toEqual([0, 1, 2, 3, 4, 5, 9].map((n) => `https://example.com/${n}?ref=x`));
  });

  it('"images": "oops" drops the field and names it', () => {
    expect(r.errors).toContainEqual({
      where: `${file}#1`,
      reason: expect.stringMatching(/^article 1 \(https:\/\/example\.com\/1\?ref=x\): field "images": .*Array.*"oops".*left out/),
    });
    expect(r.items[1].gist?.images).toBeUndefined();
    expect(r.items[1].content).toContain('Hello 1');
  });

  it('highlights [1, null, …] keep the good highlight and report each bad one', () => {
    expect(r.items[2].highlights).toEqual([{ text: 'kept' }]);
    expect(r.errors).toContainEqual({
      where: `${file}#2`,
      reason: expect.stringMatching(/^article 2 .*field "highlights\[0\]": .*Object.*1; that highlight was left out/),
    });
    expect(r.errors).toContainEqual({ where: `${file}#2`, reason: expect.stringMatching(/field "highlights\[1\]": .*null/) });
  });

  it('an unknown contentState is dropped and reported', () => {
    expect(r.items[3].gist?.contentState).toBeUndefined();
    expect(r.errors).toContainEqual({ where: `${file}#3`, reason: expect.stringMatching(/field "contentState": .*"maybe"/) });
  });

  it('an image with a non-image MIME type is left out, the other image kept', () => {
    expect(r.items[4].gist?.images?.map((i) => i.src)).toEqual(['https://cdn.example.com/4.png']);
    expect(r.errors).toContainEqual({
      where: `${file}#4`,
      reason: expect.stringMatching(/field "images\[0\]\.type": not an image MIME type.*"text\/html"; that image was left out/),
    });
  });

  it('bad scalar fields and list elements are reported one by one', () => {
    expect(r.items[5]).toMatchObject({ savedAt: null, status: 'unread', tags: ['ok'] });
    const reasons = r.errors.filter((e) => e.where === `${file}#5`).map((e) => e.reason);
    expect(reasons).toEqual([
      expect.stringMatching(/field "savedAt": .*"yesterday"/),
      expect.stringMatching(/field "status": .*"gone"/),
      expect.stringMatching(/field "tags\[1\]": .*7/),
      expect.stringMatching(/field "tags\[2\]": .*null/),
    ]);
  });

  it('an article without a usable URL is a failed item with its reason; so is a non-object', () => {
    expect(r.errors).toContainEqual({
      where: `${file}#6`,
      reason: 'article 6: no URL ("originalUrl" and "url" are missing); not imported',
    });
    expect(r.errors).toContainEqual({
      where: `${file}#7`,
      reason: expect.stringMatching(
        /^article 7 \(javascript:alert\(1\)\): no URL \("originalUrl" is a javascript: address, not a web page; "url" is not text \(number\)\); not imported$/,
      ),
    });
    expect(r.errors).toContainEqual({ where: `${file}#8`, reason: 'article 8: not an article object (got null); not imported' });
  });

  it('nothing else is reported, and every kept article is written to the library', async () => {
    expect(r.errors.filter((e) => !/#[1-8]$/.test(e.where))).toEqual([]);
    const db: GistDB = fresh();
    const out = await applyImport(db, r.items, { sanitize: (html) => ({ html }) });
    expect(out.map((o) => o.outcome)).toEqual(Array(7).fill('imported'));
    expect(await db.articles.count()).toBe(7);
    const a3 = (await db.articles.get({ url: 'https://example.com/3' }))!;
    expect(a3.contentState).toBe('full');
    const a2 = (await db.articles.get({ url: 'https://example.com/2' }))!;
    expect((await db.highlights.where('articleId').equals(a2.id).toArray()).map((h) => h.quote.exact)).toEqual(['kept']);
    const img4 = await db.images
      .where('articleId')
      .equals((await db.articles.get({ url: 'https://example.com/4' }))!.id)
      .toArray();
    expect(img4.map((i: ImageRecord) => [i.src, i.blob.type])).toEqual([['https://cdn.example.com/4.png', 'image/png']]);
  });
});

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
