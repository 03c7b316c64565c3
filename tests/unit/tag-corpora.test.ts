// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKpcrowd, SPLITS } from '../../scripts/lib/tag-corpora';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function corpus(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'kpcrowd-'));
  for (const sub of ['splits', 'docsutf8', 'keys']) mkdirSync(join(dir, sub));
  for (const [path, body] of Object.entries(files)) writeFileSync(join(dir, path), body);
  return dir;
}

describe('loadKpcrowd', () => {
  it('reads the split in sorted id order, line 1 as the title and the CRLF key lines as gold', () => {
    const d = corpus({
      'splits/full-text-450.txt': 'b-2\r\na-1\r\n\r\n',
      'docsutf8/a-1.txt': 'Title A\r\nBody line one.\r\nBody line two.\r\n',
      'docsutf8/b-2.txt': 'Only a title',
      'keys/a-1.key': 'Body\r\n line two \r\n\r\n',
      'keys/b-2.key': 'title\n',
    });
    expect(loadKpcrowd(d)).toEqual([
      { id: 'a-1', input: { title: 'Title A', text: 'Body line one.\nBody line two.', lang: 'en' }, gold: ['Body', 'line two'] },
      { id: 'b-2', input: { title: 'Only a title', text: '', lang: 'en' }, gold: ['title'] },
    ]);
  });
});

describe('SPLITS', () => {
  it('puts even positions in dev and odd ones in held-out', () => {
    const pick = (name: string) => [0, 1, 2, 3].filter(SPLITS.find(([n]) => n === name)![1]);
    expect(pick('dev')).toEqual([0, 2]);
    expect(pick('held-out')).toEqual([1, 3]);
    expect(pick('all')).toEqual([0, 1, 2, 3]);
  });
});
