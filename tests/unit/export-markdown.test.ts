// @vitest-environment node
// The Markdown zip export: one file per article with front matter, body, highlights and the stored
// images, under unique, safe names.
import 'fake-indexeddb/auto';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportMarkdownZip, fileNameFor } from '../../lib/export/markdown-zip';
import { bytesOf, PNG, db, seededLibraryEachTest } from '../helpers/export-library';

seededLibraryEachTest();
describe('Markdown zip export', () => {
  it('writes one file per article with front matter, Markdown body, highlights and local images', async () => {
    const files = unzipSync(await bytesOf(await exportMarkdownZip(db)));
    const names = Object.keys(files).sort();
    expect(names).toEqual(['Alpha quoted title.md', 'Beta.md', 'images/1-1.png']);
    expect(files['images/1-1.png']).toEqual(PNG);
    const md = strFromU8(files['Alpha quoted title.md']);
    expect(
      md.startsWith(
        '---\ntitle: "Alpha: \\"quoted\\" <title>"\nurl: "https://example.com/a?utm_source=x"\ntags: ["science", "peanut, butter"]\nsaved: 2020-09-13T12:26:40.123Z\n',
      ),
    ).toBe(true);
    expect(md).toContain('status: archived\nfavorite: true\nauthor: "Ann"');
    expect(md).toContain('## Part');
    expect(md).toContain('Hello **big** world ![pic](images/1-1.png)');
    // After the body: the article note, then the highlights in reading order, each linking back to its quote.
    expect(md).toContain(
      [
        '---',
        '',
        'Why I kept this:\n"quotes", colons: and more',
        '',
        '## Highlights',
        '',
        '> Hello',
        '> — [Alpha: "quoted" <title>](https://example.com/a?utm_source=x#:~:text=Hello)',
        '',
        '> big world',
        '> — [Alpha: "quoted" <title>](https://example.com/a?utm_source=x#:~:text=big%20world)',
        '',
        'a note\nover two lines',
        '',
        '> a sentence since edited away',
      ].join('\n'),
    );
    const beta = strFromU8(files['Beta.md']);
    expect(beta).toContain('[https://example.org/b](https://example.org/b)');
  });

  it('gives unique, safe file names', () => {
    const used = new Set<string>();
    expect(fileNameFor('a/b: c?', used)).toBe('a b c.md');
    expect(fileNameFor('A/B: C?', used)).toBe('A B C (2).md');
    expect(fileNameFor('   ', used)).toBe('untitled.md');
  });
});
