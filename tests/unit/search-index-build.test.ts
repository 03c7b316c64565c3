import { describe, expect, it } from 'vitest';
import { TextIndex, type IndexDoc } from '../../lib/search/text-index';
import { IndexBuilder } from '../../lib/search/index-build';
import { tokenize, fold, forEachTerm } from '../../lib/search/tokenize';
import { termHash } from '../../lib/search/pair-hash';

// Varied documents: repeats past the tf cap, words only in title/tags/site, CJK, accents, long tokens.
function docs(): IndexDoc[] {
  const words = ['bee', 'beer', 'house', 'white', 'café', 'naïve', 'Straße', '東京', 'ﬁsh', 'x1', 'rooftop', 'garden'];
  const out: IndexDoc[] = [];
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let id = 3; id < 120; id += 1 + Math.floor(rand() * 3)) {
    const body = Array.from({ length: 5 + Math.floor(rand() * 40) }, () => words[Math.floor(rand() * words.length)]).join(' ');
    out.push({
      id,
      title: `${words[id % words.length]} ${words[(id * 7) % words.length]} title${id}`,
      text: id % 10 === 0 ? 'spam '.repeat(600) + body : id % 13 === 0 ? '' : body,
      site: `site${id % 4}.example`,
      tags: id % 3 ? [`tag ${id % 5}`, 'garden'] : [],
      ver: id * 17,
    });
  }
  return out;
}

describe('IndexBuilder', () => {
  it('builds exactly the index that add() then rebase() builds (same saved bytes)', () => {
    const slow = new TextIndex();
    const fast = new IndexBuilder();
    for (const d of docs()) {
      slow.add(d);
      fast.add(d);
    }
    const a = slow.serialize();
    const b = fast.finish().serialize();
    expect(b.words.base.termText).toEqual(a.words.base.termText);
    expect(b.words).toEqual(a.words);
    expect(b.phrases.pairStart).toEqual(a.phrases.pairStart);
    expect(b.phrases.pairs).toEqual(a.phrases.pairs);
  });

  it('the built index answers searches, phrases and takes later changes', () => {
    const b = new IndexBuilder();
    for (const d of docs()) b.add(d);
    b.add({ id: 500, title: 'White House', text: 'At the white house today.', site: 'news.example', tags: ['politics'] });
    const ix = b.finish();
    expect(ix.size).toBe(docs().length + 1);
    expect([...ix.search([{ term: 'politic', prefix: true }]).keys()]).toEqual([500]);
    expect(ix.hasPhrases(500, [['white', 'house']])).toBe(true);
    expect(ix.hasPhrases(500, [['house', 'white']])).toBe(false);
    ix.add({ id: 501, title: 'Other', text: 'politics again', site: '', tags: [] });
    expect([...ix.search([{ term: 'politic', prefix: true }]).keys()].sort()).toEqual([500, 501]);
  });

  it("builds the same index past its tables' first growths (tens of thousands of distinct terms)", () => {
    const slow = new TextIndex();
    const fast = new IndexBuilder();
    // 30,000 distinct words, ASCII and not, spread over documents that repeat some of them.
    const word = (k: number) => (k % 3 ? `w${k.toString(36)}` : `ö${k.toString(36)}東`);
    for (let d = 0; d < 60; d++) {
      const text = Array.from({ length: 600 }, (_, i) => word((d * 500 + i) % 30000)).join(' ');
      const doc = { id: d + 1, title: word(d), text, site: 'example.org', tags: [word(d * 7)] };
      slow.add(doc);
      fast.add(doc);
    }
    expect(fast.finish().serialize()).toEqual(slow.serialize());
  });

  it('finishes in slices, pausing between them, to the same index as finish()', async () => {
    const whole = new IndexBuilder();
    const sliced = new IndexBuilder();
    for (const d of docs()) {
      whole.add(d);
      sliced.add(d);
    }
    let pauses = 0;
    const ix = await sliced.finishInSlices(async () => void pauses++, 0);
    // One pause at least per bucket of terms by first letters and per step after: never one long task.
    expect(pauses).toBeGreaterThan(10);
    expect(ix.serialize()).toEqual(whole.finish().serialize());
  });

  it('refuses the same article twice (a rebuild reads each once)', () => {
    const b = new IndexBuilder();
    b.add(docs()[0]);
    expect(() => b.add(docs()[0])).toThrow(/already indexed/);
  });
});

describe('tokenize fast paths', () => {
  it('folds as NFKD does, with or without characters that need it', () => {
    expect(fold('“Quoted” — dash')).toBe('“quoted” — dash');
    expect(fold('Café ﬁsh ™ “x”')).toBe('cafe fish tm “x”');
    expect(tokenize('naïve “Straße” 東京 ①')).toEqual(['naive', 'straße', '東', '京', '1']);
  });
});

describe('tokenize edge cases', () => {
  it('keeps astral letters inside words and CJK extension characters as their own terms', () => {
    expect(tokenize('a𝒳b c')).toEqual(['axb', 'c']);
    expect(tokenize('a𐐷b c')).toEqual(['a𐐷b', 'c']);
    expect(tokenize('x𠀀y')).toEqual(['x', '𠀀', 'y']);
    expect(tokenize('word😀word')).toEqual(['word', 'word']);
  });

  it("gives each term its termHash, made while scanning (the builder's lookups and phrase pairs use it)", () => {
    const text = 'Hello a𝒳b a𐐷b x𠀀y 東京 Café ﬁsh word😀word 42';
    const seen: [string, number][] = [];
    forEachTerm(text, (f, start, end, hash) => seen.push([f.slice(start, end), hash]));
    expect(seen.map(([t]) => t)).toEqual(tokenize(text));
    for (const [t, h] of seen) expect(h).toBe(termHash(t));
  });
});
