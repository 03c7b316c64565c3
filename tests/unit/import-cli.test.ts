// The CLI contract that outside checks rely on: `npm run --silent import -- FILE` prints exactly
// {"format","items":[{url,title,tags,savedAt,status,favorite,hasContent}],"errors":[{where,reason}]}.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itCorpus, sharedPath } from './corpus';

const ROOT = resolve(__dirname, '../..');
const WALLABAG_V2 = sharedPath('corpora/import-samples/wallabag/wallabag/wallabag-v2.json');

function run(file: string) {
  const r = spawnSync('npm', ['run', '--silent', 'import', '--', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ITEM_KEYS = ['favorite', 'hasContent', 'savedAt', 'status', 'tags', 'title', 'url'];

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
        reason: expect.stringMatching(
          /^the file is cut off inside article 2 at line 4 .*the 2 complete article\(s\) before the cut were read/,
        ),
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
    });
  });
});
