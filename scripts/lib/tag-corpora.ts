// Documents of bench:tags (scripts/bench-tags.ts) shared with scripts/tag-hit-rates.ts: KPCrowd's
// full-text split read from ../shared/corpora, and the dev / held-out split by position in the sorted
// id list (even = dev, used for tuning; odd = held-out).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TagInput } from '../../lib/tags/index';

export interface Doc {
  id: string;
  input: TagInput;
  gold: string[];
}

export const SPLITS: [string, (i: number) => boolean][] = [
  ['all', () => true],
  ['dev', (i) => i % 2 === 0],
  ['held-out', (i) => i % 2 === 1],
];

/** KPCrowd's full-text-450 split: line 1 of each text is its title, the crowd keys are the gold. */
export function loadKpcrowd(dir: string): Doc[] {
  const ids = readFileSync(join(dir, 'splits/full-text-450.txt'), 'utf8')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();
  return ids.map((id) => {
    const raw = readFileSync(join(dir, 'docsutf8', `${id}.txt`), 'utf8').replace(/\r\n/g, '\n');
    const nl = raw.indexOf('\n');
    const title = (nl < 0 ? raw : raw.slice(0, nl)).trim();
    const text = nl < 0 ? '' : raw.slice(nl + 1).trim();
    const gold = readFileSync(join(dir, 'keys', `${id}.key`), 'utf8')
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
    return { id, input: { title, text, lang: 'en' }, gold };
  });
}
