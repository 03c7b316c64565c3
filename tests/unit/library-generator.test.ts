// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { generateLibrary, isCjkText, prng, type SourceText } from '../../scripts/lib/library-generator';
import { imagePool } from '../../scripts/lib/image-pool';

// Small synthetic sources: the generator is pure, so its properties can be checked without the corpora.
function sources(): SourceText[] {
  const rand = prng(3);
  const word = () => 'alpha beta gamma delta river stone cloud market vote court music film data'.split(' ')[Math.floor(rand() * 13)];
  const sentence = () => `${Array.from({ length: 8 + Math.floor(rand() * 8) }, word).join(' ')}.`;
  const out: SourceText[] = [];
  for (let s = 0; s < 40; s++) {
    const paras = Array.from({ length: 6 }, () => Array.from({ length: 4 }, sentence).join(' '));
    out.push({
      title: `Story ${s}`,
      paras,
      tags: [`topic-${s % 7}`, ...Array.from({ length: 20 }, (_, k) => `key-${s}-${k}`)],
      site: s % 3 ? `site${s}.example` : null,
    });
  }
  out.push({
    title: '日本語の記事',
    paras: ['東京で新しい図書館が開館した。多くの人が訪れた。本の数は十万冊を超える。'.repeat(2)],
    tags: [],
    site: 'jp.example',
  });
  return out;
}

const N = 3000;
const lib = generateLibrary(sources(), { n: N, poolSize: 20, seed: 9 });

describe('benchmark library generator', () => {
  it('is deterministic: the same seed gives the same library, a smaller one is its prefix', () => {
    const again = generateLibrary(sources(), { n: 200, poolSize: 20, seed: 9 });
    expect(again.map((a) => a.text)).toEqual(lib.slice(0, 200).map((a) => a.text));
  });

  it('no two articles share more than one paragraph', () => {
    const owners = new Map<string, number[]>();
    lib.forEach((a, i) => {
      for (const p of new Set(a.text.split('\n\n'))) owners.set(p, [...(owners.get(p) ?? []), i]);
    });
    const shared = new Map<string, number>();
    for (const ids of owners.values())
      for (let x = 0; x < ids.length; x++)
        for (let y = x + 1; y < ids.length; y++) shared.set(`${ids[x]}/${ids[y]}`, (shared.get(`${ids[x]}/${ids[y]}`) ?? 0) + 1);
    expect(Math.max(0, ...shared.values())).toBeLessThanOrEqual(1);
    expect(new Set(lib.map((a) => a.record.url)).size).toBe(N);
  });

  it('puts images on about 30 % of articles, pointing into the pool', () => {
    const share = lib.filter((a) => a.images.length).length / N;
    expect(share).toBeGreaterThan(0.26);
    expect(share).toBeLessThan(0.34);
    expect(lib.every((a) => a.images.every((im) => im.pooled >= 0 && im.pooled < 20))).toBe(true);
    expect(lib.every((a) => a.record.imageCount === a.images.length)).toBe(true);
  });

  it('gives sites and tags a long tail: a few very common, many seen once or twice', () => {
    for (const values of [lib.map((a) => a.record.siteName!), lib.flatMap((a) => a.record.tags)]) {
      const counts = [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>()).values()].sort((a, b) => b - a);
      const rare = counts.filter((c) => c <= 2).length;
      expect(counts[0]).toBeGreaterThan(10 * counts[Math.floor(counts.length / 2)]);
      expect(rare).toBeGreaterThan(counts.length / 5);
    }
  });

  it('keeps some CJK articles', () => {
    const cjk = lib.filter((a) => isCjkText(a.text)).length;
    expect(cjk).toBeGreaterThan(0);
    expect(cjk).toBeLessThan(N * 0.2);
  });
});

describe('image pool', () => {
  it('makes real PNG files of 20–200 KB', () => {
    const pool = imagePool(6, 1);
    for (const im of pool) {
      expect([...im.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      expect(im.bytes.length).toBeGreaterThan(16_000);
      expect(im.bytes.length).toBeLessThan(240_000);
      // IHDR width/height match what was asked.
      const v = new DataView(im.bytes.buffer, im.bytes.byteOffset);
      expect([v.getUint32(16), v.getUint32(20)]).toEqual([im.width, im.height]);
    }
    expect(new Set(pool.map((p) => p.bytes.length)).size).toBe(6);
  });
});
