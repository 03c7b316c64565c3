// @vitest-environment node
// The background's "is this page saved?" answer agrees with the store's key (articleKey, which needs the
// Public Suffix List) without carrying that list: exact where the cheap rules decide, never a wrong
// article where they cannot.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { build } from 'esbuild';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ArticleRecord, type GistDB } from '../../lib/db/schema';
import { findSavedPage } from '../../lib/save/saved-lookup';
import { articleKey } from '../../lib/url/site';
import { storedLink } from '../helpers/article-record';

let db: GistDB;
beforeEach(() => {
  db = openDb(`t-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});

/** Stores an article the way a save from `pageUrl` declaring `canonical` would key it. */
async function savedFrom(pageUrl: string, canonical: string | null): Promise<number> {
  const rec = storedLink(articleKey(pageUrl, canonical), {
    originalUrl: pageUrl,
    title: 't',
    wordCount: 10,
    readingMinutes: 1,
    contentState: 'full',
  });
  return (await db.articles.add(rec as ArticleRecord)) as number;
}
const resolveKey = async (p: string, c: string) => articleKey(p, c);

describe('findSavedPage', () => {
  it('finds a page saved without a canonical, whatever tracking parameters and fragment the visit carries', async () => {
    const id = await savedFrom('https://news.example.com/2024/bees', null);
    expect((await findSavedPage(db, 'https://news.example.com/2024/bees/?utm_source=x#comments', null))?.id).toBe(id);
    expect(await findSavedPage(db, 'https://news.example.com/2024/wasps', null)).toBeUndefined();
  });

  it('finds a page by its canonical on the same host (a paginated or parameterised address)', async () => {
    const id = await savedFrom('https://news.example.com/bees?page=2', 'https://news.example.com/bees');
    expect((await findSavedPage(db, 'https://news.example.com/bees?page=3', 'https://news.example.com/bees'))?.id).toBe(id);
    expect((await findSavedPage(db, 'https://news.example.com/bees?page=3', '/bees'))?.id).toBe(id); // relative canonical
    // Without its canonical the parameterised address is another key.
    expect(await findSavedPage(db, 'https://news.example.com/bees?page=3', null)).toBeUndefined();
  });

  it('accepts a canonical on another host when the article was saved from this host (the claim was accepted then)', async () => {
    const id = await savedFrom('https://m.example.com/bees', 'https://www.example.com/bees');
    expect(articleKey('https://m.example.com/bees', 'https://www.example.com/bees')).toBe('https://www.example.com/bees');
    expect((await findSavedPage(db, 'https://m.example.com/bees', 'https://www.example.com/bees'))?.id).toBe(id);
  });

  it('never lets another site claim a saved article (mallory.github.io naming alice.github.io)', async () => {
    await savedFrom('https://alice.github.io/post', null);
    expect(await findSavedPage(db, 'https://mallory.github.io/post', 'https://alice.github.io/post')).toBeUndefined();
    expect(await findSavedPage(db, 'https://mallory.github.io/post', 'https://alice.github.io/post', resolveKey)).toBeUndefined();
  });

  it('asks the store key function only when the cheap rules cannot decide', async () => {
    const id = await savedFrom('https://www.example.com/bees', null); // saved on the desktop site
    let asked = 0;
    const counting = async (p: string, c: string) => {
      asked++;
      return articleKey(p, c);
    };
    // The mobile page names the desktop one: the store would use the desktop key.
    expect(await findSavedPage(db, 'https://m.example.com/bees', 'https://www.example.com/bees')).toBeUndefined();
    expect((await findSavedPage(db, 'https://m.example.com/bees', 'https://www.example.com/bees', counting))?.id).toBe(id);
    expect(asked).toBe(1);
    // Nothing stored under either candidate: no question asked.
    expect(await findSavedPage(db, 'https://m.example.com/wasps', 'https://www.example.com/wasps', counting)).toBeUndefined();
    expect(asked).toBe(1);
  });

  it('ignores pages that are not web pages and canonicals that are not web URLs', async () => {
    const id = await savedFrom('https://example.com/a', null);
    expect(await findSavedPage(db, 'file:///tmp/a.html', null)).toBeUndefined();
    expect((await findSavedPage(db, 'https://example.com/a', 'javascript:alert(1)'))?.id).toBe(id);
    expect((await findSavedPage(db, 'https://example.com/a', 'http://[bad'))?.id).toBe(id);
  });

  it('agrees with articleKey over a grid of pages and canonicals: exact with the resolver, never a wrong article without', async () => {
    const pages = [
      'https://www.example.com/a',
      'https://example.com/a',
      'https://m.example.com/a',
      'https://amp.m.example.com/a',
      'https://alice.github.io/a',
      'https://bob.github.io/a',
      'https://github.io/a',
      'http://127.0.0.1:8000/a',
      'https://evil.co.uk/a',
      'https://shop.evil.co.uk/a',
      'https://example.org/a?utm_medium=x',
    ];
    const canons: (string | null)[] = [null, ...pages, '/a', 'https://www.example.com/b'];
    // Every page saved once (the first save of a key keeps its original link, as the store does).
    const ids = new Map<string, number>();
    const firstSaves: [string, string | null, number][] = [];
    for (const savedPage of pages)
      for (const savedCanon of canons) {
        const key = articleKey(savedPage, savedCanon);
        if (!ids.has(key)) {
          ids.set(key, await savedFrom(savedPage, savedCanon));
          firstSaves.push([savedPage, savedCanon, ids.get(key)!]);
        }
      }
    expect(ids.size).toBeGreaterThan(pages.length);
    let found = 0,
      foundCheaply = 0;
    for (const page of pages) {
      for (const canon of canons) {
        const want = ids.get(articleKey(page, canon));
        expect((await findSavedPage(db, page, canon, resolveKey))?.id, `${page} (${canon})`).toBe(want);
        const cheap = (await findSavedPage(db, page, canon))?.id;
        if (want !== undefined) found++;
        if (cheap !== undefined) {
          foundCheaply++;
          expect(cheap, `cheap: ${page} (${canon})`).toBe(want);
        }
      }
    }
    console.log(`saved-lookup grid: ${found} visits of saved keys, ${foundCheaply} found without the Public Suffix List`);
    // A revisit of the page an article was saved from, declaring the same canonical, needs no list.
    for (const [page, canon, id] of firstSaves) expect((await findSavedPage(db, page, canon))?.id, `revisit ${page} (${canon})`).toBe(id);
  }, 30_000);

  it('is small enough for the service worker: no Public Suffix List in its bundle', async () => {
    const out = await build({
      entryPoints: ['lib/save/saved-lookup.ts', 'lib/save/counts-memo.ts', 'lib/save/page-toast.ts'],
      bundle: true,
      write: false,
      format: 'esm',
      minify: true,
      external: ['dexie'],
      outdir: 'out',
    });
    for (const f of out.outputFiles) {
      expect(f.text).not.toMatch(/tldts|getPublicSuffix|amazonaws/);
      expect(f.contents.length).toBeLessThan(5_000);
    }
  });
});
