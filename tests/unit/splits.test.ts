// The train / held-out halves must never move, and one page must never be in both: a page that changed
// half, or sat in train under one name and in held-out under another, would leak tuning into the
// held-out figures. Pins the rule (parity of sha1's first byte over a page's canonical name), that every
// copy of a page (same source, same address, same normalised HTML) is in one half, and each corpus'
// half sizes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECT_DIR, detectPages, READABILITY_DIR, readabilityPages, ZYTE_DIR, zytePages } from '../../scripts/lib/corpora';
import { readPageFile } from '../../scripts/lib/load-page';
import { addressKey, declaredCanonical, findTwinGroups, readabilitySlugOf, refParts, type PageRef } from '../../scripts/lib/page-twins';
import { halfOf, pageHalf } from '../../scripts/lib/splits';
import { itCorpus } from './corpus';

const CORPORA = [join(ZYTE_DIR, 'ground-truth.json'), join(DETECT_DIR, 'labels.json'), join(READABILITY_DIR, 'pages')];
const halvesOf = (g: PageRef[]) => [...new Set(g.map((p) => pageHalf(...refParts(p))))];

describe('fixed halves', () => {
  it('puts a name in the half its sha1 first byte says (even: train)', () => {
    // sha1("001") starts 0xe1 (odd: held-out), sha1("wikipedia-3") 0xee (even: train).
    expect(['001', 'wikipedia-3', 'aktualne', 'salon-1', 'ehow-2'].map(halfOf)).toEqual(['held-out', 'train', 'train', 'train', 'train']);
  });

  it('reads the links between copies: source path, address, declared canonical', () => {
    expect(readabilitySlugOf('mozilla/readability:test/test-pages/wapo-1/source.html')).toBe('wapo-1');
    expect(readabilitySlugOf('codelucas/newspaper:tests/data/html/cnn.html')).toBeNull();
    expect(addressKey('https://www.Example.com/a/b/?x=1#top')).toBe(addressKey('http://example.com/a/b?x=1'));
    expect(addressKey('https://example.com/a?page=2')).not.toBe(addressKey('https://example.com/a'));
    const head = '<html><head><link rel="stylesheet" href="/s.css"><link rel="canonical" href="https://x.org/story"></head>';
    expect(declaredCanonical(`${head}<body><link rel="canonical" href="https://x.org/other"></body></html>`)).toBe('https://x.org/story');
    expect(declaredCanonical('<html><body><p>no head</p></body></html>')).toBeNull();
  });

  itCorpus(
    'puts every copy of a page in the same half: twin groups, and pages whose normalised HTML is identical',
    CORPORA,
    () => {
      const twins = findTwinGroups();
      // 77 Readability pages copied into the detection corpus (the Lifehacker one joining its second
      // save), two newspaper4k detection pages that are Zyte pages.
      expect(twins.length).toBe(79);
      expect(twins.filter((g) => g.some((p) => p.startsWith('detection:rd-'))).length).toBe(77);
      expect(twins.filter((g) => halvesOf(g).length > 1)).toEqual([]);
      // Found independently of those links: the same HTML, whitespace runs folded, under two names.
      const byHtml = new Map<string, PageRef[]>();
      const add = (ref: PageRef, html: string) => {
        const h = createHash('sha1').update(html.replace(/\s+/g, ' ').trim()).digest('hex');
        byHtml.set(h, [...(byHtml.get(h) ?? []), ref]);
      };
      for (const p of detectPages()) add(`detection:${p.id}`, readPageFile(p.file));
      for (const p of zytePages()) add(`zyte:${p.id}`, readPageFile(p.file));
      for (const p of readabilityPages()) add(`readability:${p.slug}`, readFileSync(p.file, 'utf8'));
      const same = [...byHtml.values()].filter((g) => g.length > 1);
      expect(same.length).toBe(79);
      expect(same.filter((g) => halvesOf(g).length > 1)).toEqual([]);
    },
    120_000,
  );

  itCorpus('splits the shared corpora into the sizes committed with the rule', CORPORA, () => {
    const train = (half: (id: string) => string, ids: string[]) => ids.filter((i) => half(i) === 'train').length;
    expect([
      train(
        (i) => pageHalf('zyte', i),
        zytePages().map((p) => p.id),
      ),
      zytePages().length,
    ]).toEqual([89, 181]);
    // 270 by the detection ids alone: the Readability copies now take their slug's half, one newspaper4k page its Zyte twin's.
    expect([
      train(
        (i) => pageHalf('detection', i),
        detectPages().map((p) => p.id),
      ),
      detectPages().length,
    ]).toEqual([260, 531]);
    // 64 by slug alone: lifehacker-working takes the half of its first save, lifehacker-post-comment-load.
    expect([
      train(
        (i) => pageHalf('readability', i),
        readabilityPages().map((p) => p.slug),
      ),
      readabilityPages().length,
    ]).toEqual([63, 130]);
  });
});
