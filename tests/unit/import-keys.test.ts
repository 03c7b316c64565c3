// @vitest-environment node
// The reader's canonical URL of each item (its dedup key) goes with the items, so applyImport does not
// parse every URL again on the library page (100,000 URL parses in the page's tasks).
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { openDb } from '../../lib/db/schema';
import { applyImport } from '../../lib/import/apply-import';
import { parseImport } from '../../lib/import/parse-import';
import * as canonical from '../../lib/url/canonical-url';

vi.mock('../../lib/url/canonical-url', async (real) => {
  const mod = await real<typeof import('../../lib/url/canonical-url')>();
  return { ...mod, canonicalUrl: vi.fn(mod.canonicalUrl) };
});
const calls = () => vi.mocked(canonical.canonicalUrl).mock.calls.length;

const CSV = [
  'title,url,time_added,tags,status',
  'A,https://A.example/p/?utm_source=x,1700000000,,unread',
  'B,https://b.example/q?z=1&a=2,1700000001,,unread',
  'A again,https://a.example/p,1700000002,x,archived',
  'Bad,notaurl,1700000003,,unread',
  'C,http://c.example:80/r#frag,1700000004,,unread',
].join('\n');

describe('canonical keys from the reader', () => {
  it('parseImport gives each kept item its canonical URL, in order', async () => {
    const r = await parseImport('ril.csv', new TextEncoder().encode(CSV));
    const real = await vi.importActual<typeof import('../../lib/url/canonical-url')>('../../lib/url/canonical-url');
    expect(r.keys).toEqual(r.items.map((it) => real.canonicalUrl(it.url)));
    expect(r.keys).toEqual(['https://a.example/p', 'https://b.example/q?a=2&z=1', 'http://c.example/r']);
  });

  it('applyImport given the keys parses no URL again and ends with the same outcomes and articles as without them', async () => {
    const r = await parseImport('ril.csv', new TextEncoder().encode(CSV));
    const run = async (keys: string[] | undefined) => {
      const db = openDb(`keys-${keys ? 'with' : 'without'}`, { indexedDB: new IDBFactory(), IDBKeyRange });
      await db.open();
      const before = calls();
      const outcomes = await applyImport(db, r.items, { sanitize: (html) => ({ html }), keys, now: () => 1 });
      const urls = (await db.articles.toArray()).map((a) => a.url).sort();
      db.close();
      return { outcomes, urls, parses: calls() - before };
    };
    const without = await run(undefined);
    const withKeys = await run(r.keys);
    expect(without.parses).toBeGreaterThanOrEqual(3);
    expect(withKeys.parses).toBe(0);
    expect(withKeys.outcomes).toEqual(without.outcomes);
    expect(withKeys.urls).toEqual(['http://c.example/r', 'https://a.example/p', 'https://b.example/q?a=2&z=1']);
  });
});
