// Helpers shared by the import-corpus-*.test.ts files: the real export samples in
// ../shared/corpora/import-samples, read in place, never copied.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseImport, type ImportResult } from '../../lib/import/parse-import';
import { sharedPath } from './corpus';

export const SAMPLES = sharedPath('corpora/import-samples');

export const bytes = (rel: string) => new Uint8Array(readFileSync(resolve(SAMPLES, rel)));
export const load = (rel: string) => parseImport(rel, bytes(rel));
export const byUrl = (r: ImportResult, url: string) => {
  const it = r.items.find((i) => i.url === url);
  if (!it) throw new Error(`no item ${url}; have ${r.items.map((i) => i.url).join(', ')}`);
  return it;
};
