import { describe, expect, it } from 'vitest';
import { TextIndex, type IndexDoc, type SerializedIndex } from '../../lib/search/text-index';
import { buildBase } from '../../lib/search/index-base';
import { packPostings, PackedPostings, unpackPostings } from '../../lib/search/packed-postings';
import { listArticles, minutesAt, facets } from '../../lib/search/list-query';
import { parseQuery } from '../../lib/search/query';
import type { ArticleRecord } from '../../lib/db/schema';
import { articleRecord } from '../helpers/article-record';

const doc = (id: number, title: string, text: string, extra: Partial<IndexDoc> = {}): IndexDoc => ({
  id,
  title,
  text,
  site: 'example.org',
  tags: [],
  ...extra,
});

function ranked(ix: TextIndex, q: string): number[] {
  const terms = parseQuery(q);
  const res = ix.search([
    ...terms.words.map((term) => ({ term, prefix: true })),
    ...terms.phrases.flat().map((term) => ({ term, prefix: false })),
  ]);
  return [...res]
    .filter(([id]) => !terms.phrases.length || ix.hasPhrases(id, terms.phrases))
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => id);
}

const restore = (s: SerializedIndex) => TextIndex.deserialize(s.words, s.phrases);

describe('TextIndex', () => {
  const ix = new TextIndex();
  ix.add(doc(1, 'Rooftop beekeeping returns', 'Bees on the roof of the old tram depot. The bees were just the way in.'));
  ix.add(doc(2, 'Beer brewing at home', 'Brewing beer needs patience and a clean kitchen.'));
  ix.add(doc(3, 'City gardens', 'Gardens feed bees; a bee needs flowers. Rooftop gardens help.', { tags: ['urban', 'bees'] }));
  ix.add(doc(4, 'White House briefing', 'The press secretary spoke at the White House about the house rules.'));
  ix.add(doc(5, 'Houses painted white', 'A white fence and a house by the lake.'));

  it('matches every word (AND), by prefix as you type', () => {
    expect(ranked(ix, 'bee').sort()).toEqual([1, 2, 3]); // bees, beekeeping, beer
    expect(ranked(ix, 'rooftop bee').sort()).toEqual([1, 3]);
    expect(ranked(ix, 'nothinglikethis')).toEqual([]);
  });
  it('ranks title and tag hits and exact words above prefix-only hits', () => {
    const r = ranked(ix, 'bees');
    expect(r[0]).toBe(3); // in tags and body twice
    expect(r).not.toContain(2); // "beer" is not a prefix match of "bees"
    const j = new TextIndex();
    j.add(doc(1, 'Beer facts', 'Some facts.'));
    j.add(doc(2, 'Bee facts', 'Some facts.'));
    j.add(doc(3, 'Facts', 'A bee was here.'));
    expect(ranked(j, 'bee')).toEqual([2, 1, 3]); // exact in title, prefix in title, exact in body
  });
  it('one-letter words are exact, not prefixes (no whole-library matches)', () => {
    expect(ranked(ix, 'a').sort()).toEqual([2, 3, 5]);
  });
  it('phrases must appear in order', () => {
    expect(ranked(ix, '"white house"')).toEqual([4]);
    expect(ranked(ix, 'white house').sort()).toEqual([4, 5]);
    expect(ranked(ix, '"house white"')).toEqual([]);
  });
  it('searches the site field', () => {
    const j = new TextIndex();
    j.add(doc(9, 'x', 'y', { site: 'The Harbour Ledger harbourledger.com' }));
    expect(ranked(j, 'harbour')).toEqual([9]);
  });
  it('replacing and removing documents keeps results right; compaction keeps them too', () => {
    const j = new TextIndex();
    for (let i = 0; i < 1200; i++) j.add(doc(i, `title ${i}`, i % 2 ? 'odd words here' : 'even words here'));
    j.add(doc(7, 'renamed', 'now completely different'));
    expect(ranked(j, 'odd')).not.toContain(7);
    expect(ranked(j, 'completely')).toEqual([7]);
    for (let i = 0; i < 1000; i++) j.remove(i); // triggers compaction
    expect(j.size).toBe(200);
    expect(ranked(j, 'odd').length).toBe(100);
    expect(ranked(j, 'title').length).toBe(200);
  });
  it('serializes and restores to the same answers', () => {
    const back = restore(ix.serialize());
    for (const q of ['bee', 'rooftop bee', '"white house"', 'gardens']) expect(ranked(back, q)).toEqual(ranked(ix, q));
    expect(back.size).toBe(ix.size);
  });
  it('a loaded index takes additions, replacements and removals, by prefix too, and saves them again', () => {
    const back = restore(ix.serialize());
    back.add(doc(6, 'Beetles of the harbour', 'Beetles and bees by the water.'));
    back.add(doc(2, 'Cider at home', 'Pressing apples needs patience.')); // replaces the beer article
    back.remove(4);
    const want = { bee: [1, 3, 6], cider: [2], patience: [2], beer: [], '"white house"': [], beetl: [6] };
    for (const [q, ids] of Object.entries(want)) expect(ranked(back, q).sort()).toEqual(ids);
    const again = restore(back.serialize());
    for (const [q, ids] of Object.entries(want)) expect(ranked(again, q).sort()).toEqual(ids);
    expect(again.size).toBe(5);
  });
  it('a word part alone answers word queries; its phrase part, attached later, answers phrases as the original', () => {
    const { words, phrases } = ix.serialize();
    const back = TextIndex.deserialize(words);
    expect(back.phrasesReady).toBe(false);
    for (const q of ['bee', 'rooftop bee', 'gardens', 'whi hou']) expect(ranked(back, q)).toEqual(ranked(ix, q));
    // Nothing that needs the phrase data pretends to have it.
    expect(() => back.hasPhrases(4, [['white', 'house']])).toThrow(/phrase part/);
    expect(() => back.serialize()).toThrow(/phrase part/);
    back.add(doc(7, 'White house paint', 'Paint the white house.'));
    expect(back.hasPhrases(7, [['white', 'house']])).toBe(true); // added since: its pairs are its own
    back.attachPhrases(phrases);
    expect(back.phrasesReady).toBe(true);
    for (const q of ['"white house"', '"house white"', '"tram depot"', 'bee'])
      expect(ranked(back, q).filter((id) => id !== 7)).toEqual(ranked(ix, q));
    expect(ranked(back, '"white house"')).toContain(7);
  });
  it('packs postings to fewer bytes and unpacks them exactly, up to the largest slot, fields and tf', () => {
    const lists = [
      Uint32Array.of(0, 1, 4095, 4096 + 513, 3 * 4096 + 1, (2 ** 20 - 1) * 4096 + 4095),
      Uint32Array.of(5 * 4096 + 2),
      Uint32Array.of(),
      Uint32Array.from({ length: 300 }, (_, i) => (i * 7 * 4096 + (i % 3) + 1) >>> 0), // the usual: near slots, small tf
    ];
    const base = buildBase(['a', 'b', 'c', 'd'], lists);
    const p = packPostings(base);
    expect(p.packed.length).toBeLessThan(base.postings.byteLength * 0.6);
    expect(unpackPostings(p, base.postStart)).toEqual(base.postings);
    expect(() => unpackPostings({ ...p, packed: p.packed.subarray(0, 3) }, base.postStart)).toThrow(/Damaged/);
  });
  it('decodes one term on demand, the rest in order in bounded steps, to the same postings', () => {
    const lists = Array.from({ length: 1000 }, (_, t) => Uint32Array.from({ length: (t % 7) + 1 }, (_, i) => (t + i * 11) * 4096 + 1));
    const terms = lists.map((_, t) => `t${String(t).padStart(4, '0')}`);
    const base = buildBase(terms, lists);
    const out = new Uint32Array(base.postings.length);
    const lazy = new PackedPostings(packPostings(base), base.postStart, out);
    expect([...lazy.list(500)]).toEqual([...lists[500]]);
    // Only term 500 was decoded: the rest of `out` is untouched.
    expect(out.reduce((n, x) => n + (x ? 1 : 0), 0)).toBe(lists[500].length);
    let steps = 0;
    expect(lazy.decodeWhile(() => ++steps < 2)).toBe(false);
    expect(lazy.complete).toBe(false);
    expect(lazy.decodeWhile(() => true)).toBe(true);
    expect(lazy.complete).toBe(true);
    expect(out).toEqual(base.postings);
  });
  it('refuses a damaged word part and a phrase part of another index', () => {
    const { words } = ix.serialize();
    expect(() => TextIndex.deserialize({ ...words, lengths: new Uint32Array(1) })).toThrow(/damaged/);
    // Version 3 stored no per-term offsets: read as this format it would be misread, so it is refused.
    for (const version of [2, 3]) expect(() => TextIndex.deserialize({ ...words, version } as unknown as typeof words)).toThrow(/damaged/);
    const { packed, byteStart } = words.base;
    for (const bad of [packed.subarray(0, packed.length - 1), Uint8Array.of(...packed, 0, 0)])
      expect(() => TextIndex.deserialize({ ...words, base: { ...words.base, packed: bad } })).toThrow(/damaged/);
    const shifted = byteStart.map((x, i) => (i === 1 ? x + 1 : x));
    expect(() => TextIndex.deserialize({ ...words, base: { ...words.base, byteStart: shifted } })).toThrow(/damaged/);
    const other = new TextIndex();
    other.add(doc(1, 'Only one', 'A single document.'));
    const back = TextIndex.deserialize(words);
    expect(() => back.attachPhrases(other.serialize().phrases)).toThrow(/mismatched/);
    expect(back.phrasesReady).toBe(false);
  });
  it('loads without decoding postings: a damaged term is found when a query or the background decode reaches it', () => {
    const { words } = ix.serialize();
    const bee = words.base.termText.split('\0').indexOf('bee');
    const at = words.base.byteStart[bee];
    // A continuation bit on the term's last byte: its varints run past its bytes.
    const end = words.base.byteStart[bee + 1] - 1;
    const bad = words.base.packed.map((x, i) => (i === end ? x | 0x80 : x));
    expect(at).toBeLessThan(end);
    const back = TextIndex.deserialize({ ...words, base: { ...words.base, packed: bad } });
    expect(ranked(back, 'tram')).toEqual(ranked(ix, 'tram'));
    expect(back.damaged).toBe(false);
    ranked(back, 'bee');
    expect(back.damaged).toBe(true);
    const again = TextIndex.deserialize({ ...words, base: { ...words.base, packed: bad } });
    expect(() => again.decodeFor(() => true)).toThrow(/Damaged/);
    const good = TextIndex.deserialize(words);
    expect(good.decodeFor(() => true)).toBe(true);
    for (const q of ['bee', 'tram', 'ho']) expect(ranked(good, q)).toEqual(ranked(ix, q));
  });
});

function article(id: number, p: Partial<ArticleRecord>): ArticleRecord {
  return articleRecord(id, {
    url: `https://site${id % 3}.example/${id}`,
    originalUrl: `https://site${id % 3}.example/${id}`,
    siteName: null,
    wordCount: 238 * ((id % 20) + 1),
    readingMinutes: (id % 20) + 1,
    ...p,
  });
}

describe('listArticles', () => {
  const all = Array.from({ length: 30 }, (_, i) =>
    article(i + 1, {
      status: i % 3 === 0 ? 'archived' : 'unread',
      favorite: i % 5 === 0 ? 1 : 0,
      tags: i % 2 ? ['odd'] : ['even', 'Science'],
      progress: i === 4 ? 0.4 : i === 5 ? 0.99 : 0,
    }),
  );
  const base = { view: 'all' as const, sort: 'newest' as const, wpm: 238 };

  it('views: unread, archived, favorite, in progress (started, not finished, not archived)', () => {
    expect(listArticles(all, { ...base, view: 'unread' }, null).items.every((a) => a.status === 'unread')).toBe(true);
    expect(listArticles(all, { ...base, view: 'archived' }, null).items.length).toBe(10);
    expect(listArticles(all, { ...base, view: 'favorite' }, null).items.length).toBe(6);
    expect(listArticles(all, { ...base, view: 'inprogress' }, null).items.map((a) => a.id)).toEqual([5]);
  });
  it('tag, site and reading-time filters, and the reading time follows the wpm setting', () => {
    expect(listArticles(all, { ...base, tag: 'science' }, null).items.length).toBe(15);
    expect(listArticles(all, { ...base, site: 'site1.example' }, null).items.every((a) => a.id % 3 === 1)).toBe(true);
    const short = listArticles(all, { ...base, time: 'lt5' }, null).items;
    expect(short.every((a) => minutesAt(a, 238)! <= 4)).toBe(true);
    const a = article(99, { wordCount: 2380 });
    expect(minutesAt(a, 238)).toBe(10);
    expect(minutesAt(a, 476)).toBe(5);
  });
  it('sorts by date, length and title', () => {
    expect(listArticles(all, { ...base, sort: 'oldest' }, null).items[0].id).toBe(1);
    expect(listArticles(all, { ...base, sort: 'newest' }, null).items[0].id).toBe(30);
    const longest = listArticles(all, { ...base, sort: 'longest' }, null).items;
    expect(minutesAt(longest[0], 238)).toBeGreaterThanOrEqual(minutesAt(longest[longest.length - 1], 238)!);
    const titles = listArticles(all, { ...base, sort: 'title' }, null).items.map((x) => x.title);
    expect(titles.slice(0, 3)).toEqual(['Article 1', 'Article 2', 'Article 3']); // numeric collation
  });
  it('query operators filter; a search looks past the current view', () => {
    const q = parseQuery('is:favorite tag:odd');
    const r = listArticles(all, { ...base, view: 'unread', query: q }, null).items;
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((a) => a.favorite === 1 && a.tags.includes('odd'))).toBe(true);
    expect(listArticles(all, { ...base, query: parseQuery('time:<=3') }, null).items.every((a) => minutesAt(a, 238)! <= 3)).toBe(true);
  });
  it('link-only articles (text not downloaded) have no reading time: "—", no time filter matches them, and they sort last', () => {
    const link = (id: number, contentState: ArticleRecord['contentState']) =>
      article(id, { contentState, wordCount: 0, cjkChars: 0, imageCount: 0, readingMinutes: 0 });
    const mixed = [...all, link(101, 'pending'), link(102, 'failed')];
    expect(minutesAt(link(101, 'pending'), 238)).toBeNull();
    expect(minutesAt(link(102, 'failed'), 238)).toBeNull();
    for (const q of ['time:<10', 'time:<=1', 'time:1', 'time:0-100', 'time:>0']) {
      const ids = listArticles(mixed, { ...base, query: parseQuery(q) }, null).items.map((a) => a.id);
      expect(ids.length, q).toBeGreaterThan(0);
      expect(ids, q).not.toContain(101);
      expect(ids, q).not.toContain(102);
    }
    for (const b of ['lt5', '5-15']) expect(listArticles(mixed, { ...base, time: b }, null).items.map((a) => a.id)).not.toContain(101);
    for (const sort of ['shortest', 'longest'] as const)
      expect(
        listArticles(mixed, { ...base, sort }, null)
          .items.slice(-2)
          .map((a) => a.id)
          .sort(),
      ).toEqual([101, 102]);
  });
  it('ranks with the index and falls back to titles without it', () => {
    const ix = new TextIndex();
    all.forEach((a) => ix.add({ id: a.id, title: a.title, text: a.id === 7 ? 'honey bees' : 'other', site: '', tags: a.tags }));
    const withIndex = listArticles(all, { ...base, sort: 'relevance', query: parseQuery('honey') }, ix);
    expect(withIndex.items.map((a) => a.id)).toEqual([7]);
    const noIndex = listArticles(all, { ...base, sort: 'relevance', query: parseQuery('article 12') }, null);
    expect(noIndex.items.map((a) => a.id)).toContain(12);
  });
  it('a quoted query checks titles until the loaded index has its phrase part, then bodies', () => {
    const all = [article(1, { title: 'Lunch at the white house' }), article(2, { title: 'Paint' })];
    const full = new TextIndex();
    full.add(doc(1, 'Lunch at the white house', 'Soup.'));
    full.add(doc(2, 'Paint', 'They painted the white house again.'));
    const { words, phrases } = full.serialize();
    const loading = TextIndex.deserialize(words);
    const ids = (ix: TextIndex, q: string) =>
      listArticles(all, { view: 'all', sort: 'newest', wpm: 238, query: parseQuery(q) }, ix).items.map((a) => a.id);
    expect(ids(loading, '"white house"')).toEqual([1]);
    expect(ids(loading, 'white -"white house"')).toEqual([2]);
    loading.attachPhrases(phrases);
    expect(ids(loading, '"white house"')).toEqual([2, 1]);
    expect(ids(loading, 'white -"white house"')).toEqual([]);
  });

  it('facets count tags and sites', () => {
    const f = facets(all);
    expect(f.tags.find(([t]) => t === 'odd')?.[1]).toBe(15);
    expect(f.sites.length).toBe(3);
  });
});
