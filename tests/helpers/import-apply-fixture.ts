// Applying imports under test: sanitizing deps over a JSDOM window and a fixed clock, an import item
// builder, and a fresh fake-indexeddb library per test.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { JSDOM } from 'jsdom';
import { beforeEach } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import type { ApplyDeps } from '../../lib/import/apply-import';
import type { ImportItem } from '../../lib/import/parse-import';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';

export const win = new JSDOM('').window as unknown as Window;
export const deps = (over: Partial<ApplyDeps> = {}): ApplyDeps => ({
  sanitize: (html, base) => prepareStoredHtml(html, win, base),
  now: () => 1_800_000_000_000,
  ...over,
});

export const item = (over: Partial<ImportItem>): ImportItem => ({
  url: 'https://example.com/a',
  title: 'A',
  tags: [],
  savedAt: null,
  status: 'unread',
  favorite: false,
  where: 'f:1',
  ...over,
});

export let db: GistDB;
/** A fresh library database for each test of the calling file. */
export function freshDbEachTest(): void {
  beforeEach(() => {
    db = openDb(`imp-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  });
}
