// Formats without a redistributable real sample (shapes from the services' own exporters, see
// ../shared/corpora/import-samples/PROVENANCE.md), date shapes, and zip layouts.
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { epochToIso, parseDate } from '../../lib/import/dates';
import { parseImport, parseOmnivoreHighlights } from '../../lib/import/parse-import';
import { parsePythonStringList } from '../../lib/import/text';

const enc = (s: string) => strToU8(s);

describe('import: dates', () => {
  it('reads every shape the sources write', () => {
    expect(parseDate('1616337559')).toBe('2021-03-21T14:39:19.000Z');
    expect(parseDate('1616337559000')).toBe('2021-03-21T14:39:19.000Z');
    expect(parseDate('1616337559000000')).toBe('2021-03-21T14:39:19.000Z');
    expect(parseDate(1616337559)).toBe('2021-03-21T14:39:19.000Z');
    expect(parseDate('2016-09-08T11:55:58+0200')).toBe('2016-09-08T09:55:58.000Z');
    expect(parseDate('2016-09-08T11:55:58+02:00')).toBe('2016-09-08T09:55:58.000Z');
    expect(parseDate('2025-01-20 22:13:02.447000+00:00')).toBe('2025-01-20T22:13:02.447Z');
    expect(parseDate('2022-12-18 14:49:11')).toBe('2022-12-18T14:49:11.000Z');
    expect(parseDate('2024-10-29T16:30:11.000Z')).toBe('2024-10-29T16:30:11.000Z');
    expect(parseDate('2024-10-29')).toBe('2024-10-29T00:00:00.000Z');
    expect(parseDate('Mon, 17 Jul 2023 14:31:25 +0200')).toBe('2023-07-17T12:31:25.000Z');
    expect(parseDate('21/03/2021 02:39:19', { dayFirst: true })).toBe('2021-03-21T02:39:19.000Z');
    expect(parseDate('03/21/2021')).toBe('2021-03-21T00:00:00.000Z');
  });

  it('tells empty (undefined) from unreadable (null)', () => {
    for (const v of ['', '  ', '0', 0, null, undefined]) expect(parseDate(v)).toBeUndefined();
    for (const v of ['invaliddate', 'yesterday', '2021-02-31', '2021-13-01', '99999999999999999999', {}]) expect(parseDate(v)).toBeNull();
    expect(epochToIso(-5)).toBeNull();
  });
});

describe('import: Python list literals (Readwise tags)', () => {
  it('mixed quotes, escapes and commas inside a tag', () => {
    expect(parsePythonStringList(`["don't", 'favorite', 'peanut, butter', 'it\\'s']`)).toEqual([
      "don't",
      'favorite',
      'peanut, butter',
      "it's",
    ]);
    expect(parsePythonStringList('[]')).toEqual([]);
    expect(parsePythonStringList('[1, 2]')).toBeNull();
    expect(parsePythonStringList("['unclosed]")).toBeNull();
  });
});

describe('import: formats known from their exporters', () => {
  it('Raindrop CSV: folder as a tag (not "Unsorted"), favorite, highlights with notes', async () => {
    const csv = [
      'id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite',
      '1,First,my note,An excerpt,https://example.com/1,Reading/Tech,"js, web",2024-03-01T10:00:00.000Z,,"Highlight:quoted text\nNote:my comment\n\nHighlight:second one",true',
      '2,Second,,,https://example.com/2,Unsorted,,2024-03-02T10:00:00.000Z,,,false',
    ].join('\n');
    const r = await parseImport('export.csv', enc(csv));
    expect(r.format).toBe('raindrop-csv');
    expect(r.items[0]).toMatchObject({
      tags: ['js', 'web', 'Tech'],
      favorite: true,
      savedAt: '2024-03-01T10:00:00.000Z',
      excerpt: 'An excerpt',
    });
    expect(r.items[0].highlights).toEqual([{ text: 'quoted text', note: 'my comment' }, { text: 'second one' }]);
    expect(r.items[1]).toMatchObject({ tags: [], favorite: false });
  });

  it('wallabag CSV: ";"-delimited, day-first dates, content kept', async () => {
    const csv =
      'Title;URL;Content;Tags;"MIME Type";Language;"Creation date"\n"An article";https://example.com/w;"<p>Body; with a semicolon</p>";"one, two";text/html;fr;"21/03/2021 02:39:19"\n';
    const r = await parseImport('wallabag.csv', enc(csv));
    expect(r.format).toBe('wallabag-csv');
    expect(r.items).toEqual([
      expect.objectContaining({
        url: 'https://example.com/w',
        tags: ['one', 'two'],
        content: '<p>Body; with a semicolon</p>',
        lang: 'fr',
        savedAt: '2021-03-21T02:39:19.000Z',
      }),
    ]);
  });

  it('Karakeep JSON: links imported, text notes reported, lists as tags', async () => {
    const json = {
      bookmarks: [
        {
          createdAt: 1700000000,
          title: 'A link',
          tags: ['t1'],
          lists: ['l1'],
          content: { type: 'link', url: 'https://example.com/k' },
          note: 'why I kept it',
          archived: true,
        },
        { createdAt: 1700000001, title: 'A note', tags: [], content: { type: 'text', text: 'just text' }, note: null, archived: false },
      ],
      lists: [{ id: 'l1', name: 'Reading list', icon: '📚', type: 'manual' }],
    };
    const r = await parseImport('karakeep.json', enc(JSON.stringify(json)));
    expect(r.format).toBe('karakeep-json');
    expect(r.items).toEqual([
      expect.objectContaining({
        url: 'https://example.com/k',
        tags: ['t1', 'Reading list'],
        status: 'archived',
        savedAt: '2023-11-14T22:13:20.000Z',
        excerpt: 'why I kept it',
      }),
    ]);
    expect(r.errors).toEqual([{ where: 'karakeep.json#1', reason: expect.stringMatching(/text bookmark/) }]);
  });

  it('Omnivore zip: metadata + content/<slug>.html + highlights/<slug>.md', async () => {
    const meta = [
      {
        id: '1',
        slug: 'first-slug',
        title: 'First',
        url: 'https://example.com/o1',
        state: 'Archived',
        readingProgress: 100,
        labels: ['a'],
        savedAt: '2024-01-01T00:00:00.000Z',
      },
      {
        id: '2',
        slug: 'second-slug',
        title: 'Second',
        url: 'https://example.com/o2',
        state: 'Active',
        readingProgress: 0,
        labels: [],
        savedAt: '2024-01-02T00:00:00.000Z',
      },
    ];
    const md = '> first quote \n\n#label\n\nmy note\n\n> second quote\n> continues\n\n';
    const zip = zipSync({
      'metadata_0_to_2.json': enc(JSON.stringify(meta)),
      'content/first-slug.html': enc('<article><p>Full text</p></article>'),
      'highlights/first-slug.md': enc(md),
    });
    const r = await parseImport('omnivore-export.zip', zip);
    expect(r.format).toBe('omnivore');
    expect(r.errors).toEqual([]);
    expect(r.items[0]).toMatchObject({ content: '<article><p>Full text</p></article>', status: 'archived', progress: 1 });
    expect(r.items[0].highlights).toEqual(
      [
        { text: 'first quote', note: 'my note' },
        { text: 'second quote\ncontinues', note: null },
      ].map((h) => ({ ...h, note: h.note })),
    );
    expect(r.items[1].content).toBeUndefined();
    expect(parseOmnivoreHighlights('')).toEqual([]);
  });

  it("Omnivore highlights/<slug>.md as Omnivore's exporter writes it: highlights without notes stay apart, a quote's later paragraphs stay in it", () => {
    // Omnivore's exporter (api/src/utils/parser.ts highlightToMarkdown): `> ${quote} `, then "\n\n#labels"
    // and "\n\n" + note when there are some; highlights joined with "\n\n". Its quotes join paragraphs
    // with "\n", and empty lines become "> ": only the first line starts with ">".
    const quote = (q: string) => q.replace(/^(?=\n)$|^\s*?\n/gm, '> ');
    const entry = (q: string, labels: string[] = [], note = '') =>
      `> ${quote(q)} ${labels.length ? `\n\n${labels.map((l) => `#${l}`).join(' ')}` : ''}${note ? `\n\n${note}` : ''}`;
    const md = [
      entry('First, no note'),
      entry('Second, no note either'),
      entry('A quote over two paragraphs.\nThe second one.', ['review']),
      entry('Blank line inside.\n\nAfter it', [], 'A note\n\nin two paragraphs'),
      entry('Last'),
    ].join('\n\n');
    expect(parseOmnivoreHighlights(md)).toEqual([
      { text: 'First, no note', note: null },
      { text: 'Second, no note either', note: null },
      { text: 'A quote over two paragraphs.\nThe second one.', note: null },
      { text: 'Blank line inside.\n\nAfter it', note: 'A note\n\nin two paragraphs' },
      { text: 'Last', note: null },
    ]);
  });

  it('Pocket zip: several part files, annotations joined by URL, unmatched ones kept apart with their URL', async () => {
    const head = 'title,url,time_added,tags,status\n';
    const zip = zipSync({
      'part_000000.csv': enc(`${head}A,https://example.com/p1,1700000000,x,unread\n`),
      'part_000001.csv': enc(`${head}B,https://example.com/p2,1700000001,,archive\n`),
      'annotations/part_000000.json': enc(
        JSON.stringify([
          { url: 'https://example.com/p2', title: 'B', highlights: [{ quote: 'a highlight', created_at: 1700000100 }] },
          { url: 'https://example.com/elsewhere', title: 'C', highlights: [{ quote: 'lost?', created_at: 1700000100 }] },
        ]),
      ),
    });
    const r = await parseImport('pocket.zip', zip);
    expect(r.format).toBe('pocket-csv');
    expect(r.items.map((i) => [i.url, i.status])).toEqual([
      ['https://example.com/p1', 'unread'],
      ['https://example.com/p2', 'archived'],
    ]);
    expect(r.items[1].highlights).toEqual([{ text: 'a highlight', createdAt: '2023-11-14T22:15:00.000Z' }]);
    expect(r.errors).toEqual([]);
    // Not in the list: the library may have that article (applyStrayHighlights), so they are not dropped here.
    expect(r.strayHighlights).toEqual([
      {
        where: 'pocket.zip/annotations',
        url: 'https://example.com/elsewhere',
        highlights: [{ text: 'lost?', createdAt: '2023-11-14T22:15:00.000Z' }],
      },
    ]);
  });

  it('a CSV with a URL column but no known header is read generically', async () => {
    const r = await parseImport('links.csv', enc('Name,Link,Tags,Created,Starred\nHome,https://example.com/g,"a;b",2024-05-01,yes\n'));
    expect(r.format).toBe('csv');
    expect(r.items).toEqual([
      expect.objectContaining({ title: 'Home', tags: ['a', 'b'], savedAt: '2024-05-01T00:00:00.000Z', favorite: true }),
    ]);
  });

  it('format comes from the content, not the file name', async () => {
    const r = await parseImport('whatever.txt', enc('title,url,time_added,tags,status\nA,https://example.com/n,1700000000,,unread\n'));
    expect(r.format).toBe('pocket-csv');
  });

  it('duplicates inside a file merge: tags united, earliest date, favorite kept', async () => {
    const csv =
      'URL,Title,Selection,Folder,Timestamp,Tags\nhttps://example.com/d?utm_source=x,First,,Unread,1700000500,"[""a""]"\nhttps://example.com/d,Second,,Starred,1700000000,"[""b""]"\n';
    const r = await parseImport('i.csv', enc(csv));
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      url: 'https://example.com/d?utm_source=x',
      title: 'First',
      tags: ['a', 'b'],
      savedAt: '2023-11-14T22:13:20.000Z',
      favorite: true,
    });
    expect(r.duplicates).toEqual([{ where: 'i.csv:3', keptWhere: 'i.csv:2', url: 'https://example.com/d' }]);
  });

  it('a 10,000-row Pocket CSV parses completely', async () => {
    const rows = ['title,url,time_added,tags,status'];
    for (let i = 0; i < 10_000; i++)
      rows.push(`"Title ${i}, with comma",https://example.com/a/${i},${1600000000 + i},t${i % 7}|common,${i % 3 ? 'unread' : 'archive'}`);
    const r = await parseImport('part_000000.csv', enc(rows.join('\r\n')));
    expect(r.items).toHaveLength(10_000);
    expect(r.errors).toEqual([]);
    expect(r.items[9999]).toMatchObject({ url: 'https://example.com/a/9999', tags: ['t3', 'common'], status: 'archived' });
  });
});

describe('import: text encodings', () => {
  const csv = 'title,url,time_added,tags,status\nCafé crème,https://example.com/é,1700000000,,unread\n';
  it('UTF-16 with BOM, UTF-8 with BOM and Windows-1252 all read the same', async () => {
    const u16 = new Uint8Array(2 + csv.length * 2);
    u16.set([0xff, 0xfe]);
    for (let i = 0; i < csv.length; i++) {
      u16[2 + i * 2] = csv.charCodeAt(i);
      u16[3 + i * 2] = 0;
    }
    const bom8 = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(csv)]);
    const cp1252 = Uint8Array.from(csv, (c) => c.charCodeAt(0)); // é is 0xE9 in both Latin-1 and 1252
    for (const b of [u16, bom8, cp1252]) {
      const r = await parseImport('part.csv', b);
      expect(r.items.map((i) => i.title)).toEqual(['Café crème']);
    }
  });
});
