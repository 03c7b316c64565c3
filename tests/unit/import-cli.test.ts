// The CLI contract that outside checks rely on: `npm run --silent import -- FILE` prints exactly
// {"format","items":[{url,title,tags,savedAt,status,favorite,hasContent,highlights}],"errors":[{where,reason}]},
// highlights being [{text, note}] (note null when there is none).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipSync, unzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { itCorpus, sharedPath } from './corpus';

const ROOT = resolve(__dirname, '../..');
const WALLABAG_V2 = sharedPath('corpora/import-samples/wallabag/wallabag/wallabag-v2.json');
const WALLABAG_ANNOTATIONS = sharedPath('corpora/import-samples/wallabag/wallabag-pr8928/wallabag-v2-annotations.json');
const OMNIVORE = sharedPath('corpora/import-samples/omnivore/wallabag/omnivore.json');
const POCKET_ZIP = sharedPath('corpora/import-samples/pocket/readeck/pocket.zip');
const MATTER = sharedPath('corpora/import-samples/matter/omnivore');
const READWISE = sharedPath('corpora/import-samples/readwise-reader/readeck/readwise.csv');

function run(file: string) {
  const r = spawnSync('npm', ['run', '--silent', 'import', '--', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ITEM_KEYS = ['favorite', 'hasContent', 'highlights', 'savedAt', 'status', 'tags', 'title', 'url'];

function checkShape(out: { format: unknown; items: Record<string, unknown>[]; errors: Record<string, unknown>[] }) {
  expect(Object.keys(out).sort()).toEqual(['errors', 'format', 'items']);
  for (const it of out.items) {
    expect(Object.keys(it).sort()).toEqual(ITEM_KEYS);
    expect(
      it.savedAt === null ||
        (typeof it.savedAt === 'string' && !Number.isNaN(Date.parse(it.savedAt)) && (it.savedAt as string).endsWith('Z')),
    ).toBe(true);
    expect(['unread', 'archived']).toContain(it.status);
    expect(typeof it.favorite).toBe('boolean');
    expect(typeof it.hasContent).toBe('boolean');
    expect(Array.isArray(it.tags)).toBe(true);
    expect(Array.isArray(it.highlights)).toBe(true);
    for (const h of it.highlights as Record<string, unknown>[]) {
      expect(Object.keys(h).sort()).toEqual(['note', 'text']);
      expect(typeof h.text === 'string' && h.text !== '').toBe(true);
      expect(h.note === null || (typeof h.note === 'string' && h.note.trim() !== '')).toBe(true);
    }
  }
  for (const e of out.errors) expect(Object.keys(e).sort()).toEqual(['reason', 'where']);
}

describe('import CLI', () => {
  it('prints one JSON object with exactly the contract keys (fixture with errors)', () => {
    const r = run('tests/fixtures/import/instapaper-bad-rows.csv');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    checkShape(out);
    expect(out.format).toBe('instapaper-csv');
    expect(out.items.map((i: { url: string }) => i.url)).toEqual([
      'https://example.com/ok',
      'https://example.com/bad-date',
      'https://example.com/multi',
    ]);
    expect(out.errors).toHaveLength(4);
  });

  it('an unknown format exits non-zero with a message on stderr and nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gist-import-'));
    const f = join(dir, 'random.bin');
    writeFileSync(f, Buffer.from([0, 159, 146, 150, 1, 2]));
    const r = run(f);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown format/);
    const missing = run(join(dir, 'does-not-exist.csv'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/cannot read/);
  });

  it('reads a Gist JSON Lines export, cut short, with a broken field: the good articles and each problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gist-import-'));
    const f = join(dir, 'gist-library.jsonl');
    const art = (n: number, over: object = {}) =>
      JSON.stringify({
        url: `https://example.com/${n}`,
        originalUrl: `https://example.com/${n}`,
        title: `T${n}`,
        tags: ['x'],
        savedAt: 1_600_000_000_000,
        status: 'archived',
        favorite: 1,
        content: { html: '<p>hi</p>', text: 'hi' },
        ...over,
      });
    const text = [
      '{"format":"gist-export","version":2,"exportedAt":"2027-01-01T00:00:00.000Z"}',
      art(0),
      art(1, { contentState: 'maybe' }),
      art(2),
    ].join('\n');
    writeFileSync(f, text.slice(0, -10));
    const r = run(f);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    checkShape(out);
    expect(out.format).toBe('gist-json');
    expect(out.items).toEqual(
      [0, 1].map((n) => ({
        url: `https://example.com/${n}`,
        title: `T${n}`,
        tags: ['x'],
        savedAt: '2020-09-13T12:26:40.000Z',
        status: 'archived',
        favorite: true,
        hasContent: true,
        highlights: [],
      })),
    );
    expect(out.errors).toEqual([
      {
        where: 'gist-library.jsonl#1',
        reason: expect.stringMatching(/^article 1 \(https:\/\/example\.com\/1\): field "contentState": .*"maybe"; the field was left out$/),
      },
      { where: 'gist-library.jsonl:4', reason: 'article 2: cut off (the file ends inside it); not imported' },
      {
        where: 'gist-library.jsonl',
        reason: expect.stringMatching(/^the file is cut off inside article 2 at line 4 .*read the 2 complete articles before the cut;/),
      },
    ]);
  });

  itCorpus('a real sample with content: hasContent and ISO dates', WALLABAG_V2, () => {
    const r = run(WALLABAG_V2);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    checkShape(out);
    expect(out.format).toBe('wallabag-json');
    expect(out.items).toHaveLength(6);
    expect(out.items.every((i: { hasContent: boolean }) => i.hasContent)).toBe(true);
    expect(out.items[0]).toEqual({
      url: 'https://www.mediapart.fr/',
      title: "Site d'information français d'actualités indépendant et participatif en ligne | Mediapart",
      tags: ['mediapart', 'blog'],
      savedAt: '2016-09-08T09:55:58.000Z',
      status: 'unread',
      favorite: true,
      hasContent: true,
      highlights: [],
    });
  });
});

/** Writes `files` into a fresh temporary directory; returns the path of `name`. */
function tmpFile(name: string, bytes: Uint8Array | string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'gist-import-')), name);
  writeFileSync(f, bytes);
  return f;
}

const highlightsOf = (out: { items: { url: string; highlights: { text: string; note: string | null }[] }[] }) =>
  out.items.filter((i) => i.highlights.length).map((i) => [i.url, i.highlights]);

describe('import CLI: highlights as [{text, note}]', () => {
  itCorpus('wallabag annotations (real sample): each quote with its note, null when empty', WALLABAG_ANNOTATIONS, () => {
    const r = run(WALLABAG_ANNOTATIONS);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    checkShape(out);
    expect(out.items).toHaveLength(1);
    expect(out.items[0].highlights).toEqual([
      { text: 'some quoted text', note: 'my imported annotation' },
      { text: 'a highlight without a note', note: null },
      { text: 'no text at all', note: null },
    ]);
  });

  itCorpus('an Omnivore export (real metadata) with highlights/<slug>.md: quotes and notes, labels left out', OMNIVORE, () => {
    const meta = JSON.parse(readFileSync(OMNIVORE, 'utf8')) as { slug: string; url: string }[];
    const md = '> First quote\n> over two lines\n\n#label\n\nMy note on it\n\n> Second quote [⤴️](https://omnivore.app/x)\n';
    const zip = zipSync({
      'metadata_0_to_20.json': strToU8(JSON.stringify(meta)),
      [`highlights/${meta[3].slug}.md`]: strToU8(md),
    });
    const r = run(tmpFile('omnivore-export.zip', zip));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    checkShape(out);
    expect(out.format).toBe('omnivore');
    expect(out.items).toHaveLength(meta.length);
    expect(highlightsOf(out)).toEqual([
      [
        meta[3].url,
        [
          { text: 'First quote\nover two lines', note: 'My note on it' },
          { text: 'Second quote', note: null },
        ],
      ],
    ]);
  });

  itCorpus('a Pocket export (real CSV) with annotations/*.json: quotes on their article, others reported', POCKET_ZIP, () => {
    const csv = unzipSync(new Uint8Array(readFileSync(POCKET_ZIP)))['part_000000.csv'];
    const zip = zipSync({
      'part_000000.csv': csv,
      'annotations/part_000000.json': strToU8(
        JSON.stringify([
          {
            url: 'https://example.org/read',
            title: 'Read article',
            highlights: [
              { quote: 'pocket quote one', created_at: 1712037600 },
              { quote: 'pocket quote two', created_at: 1712037700 },
            ],
          },
          { url: 'https://nowhere.example/x', title: 'X', highlights: [{ quote: 'lost', created_at: 1712037700 }] },
        ]),
      ),
    });
    const r = run(tmpFile('pocket-export.zip', zip));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    checkShape(out);
    expect(out.format).toBe('pocket-csv');
    expect(highlightsOf(out)).toEqual([
      [
        'https://example.org/read',
        [
          { text: 'pocket quote one', note: null },
          { text: 'pocket quote two', note: null },
        ],
      ],
    ]);
    expect(out.errors).toContainEqual({
      where: 'pocket-export.zip/annotations',
      reason: expect.stringMatching(/^1 highlight for https:\/\/nowhere/),
    });
  });

  itCorpus('a Matter export (real history and highlights files): the highlights joined to their article', MATTER, () => {
    const zip = zipSync({
      'Archive/_matter_history.csv': new Uint8Array(readFileSync(join(MATTER, '_matter_history.csv'))),
      'Archive/_matter_highlights.csv': new Uint8Array(readFileSync(join(MATTER, '_matter_highlights.csv'))),
    });
    const out = JSON.parse(run(tmpFile('matter.zip', zip)).stdout);
    checkShape(out);
    const all = out.items.flatMap((i: { highlights: unknown[] }) => i.highlights);
    expect(all.length).toBeGreaterThan(1);
    expect(all).toContainEqual({ text: 'But crypto has dug itself into finance, into technology, and into our heads.', note: null });
  });

  itCorpus('Readwise Reader (real sample) carries no highlights in its CSV: every item has []', READWISE, () => {
    const out = JSON.parse(run(READWISE).stdout);
    checkShape(out);
    expect(out.format).toBe('readwise-csv');
    expect(out.items.every((i: { highlights: unknown[] }) => i.highlights.length === 0)).toBe(true);
  });

  it('a Gist export: the quotes and notes of stored highlights and of older {text,note} ones; an Instapaper Selection', () => {
    const line = (o: object) =>
      JSON.stringify({ url: 'https://example.com/g', title: 'G', tags: [], savedAt: 1, status: 'unread', favorite: 0, ...o });
    const gist = [
      '{"format":"gist-export","version":2,"exportedAt":"2027-01-01T00:00:00.000Z"}',
      line({
        highlights: [
          {
            id: 'a',
            quote: { type: 'TextQuoteSelector', exact: 'stored quote', prefix: 'p', suffix: 's' },
            position: { type: 'TextPositionSelector', start: 1, end: 13 },
            color: 'blue',
            note: 'stored note',
            createdAt: 1,
            updatedAt: 2,
            anchor: 'placed',
            source: 'gist',
          },
          { text: 'older quote', note: null, createdAt: null },
        ],
      }),
      '{"end":true,"articles":1}',
      '',
    ].join('\n');
    const out = JSON.parse(run(tmpFile('gist.jsonl', gist)).stdout);
    checkShape(out);
    expect(out.items[0].highlights).toEqual([
      { text: 'stored quote', note: 'stored note' },
      { text: 'older quote', note: null },
    ]);
    const insta = JSON.parse(
      run(
        tmpFile(
          'instapaper.csv',
          'URL,Title,Selection,Folder,Timestamp\nhttps://example.com/i,I,"a selected, quoted line",Unread,1700000000\n',
        ),
      ).stdout,
    );
    checkShape(insta);
    expect(insta.items[0].highlights).toEqual([{ text: 'a selected, quoted line', note: null }]);
  });
});
