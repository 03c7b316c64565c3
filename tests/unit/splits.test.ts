// The train / held-out halves must never move: a page that changed half would leak tuning into the
// held-out figures. Pins the rule (parity of sha1(name)'s first byte) and, when ../shared is there,
// each corpus' half sizes.
import { describe, expect, it } from 'vitest';
import { itCorpus } from './corpus';
import { join } from 'node:path';
import { DETECT_DIR, detectPages, READABILITY_DIR, readabilityPages, ZYTE_DIR, zytePages } from '../../scripts/lib/corpora';
import { halfOf, inHalf } from '../../scripts/lib/splits';

describe('fixed halves', () => {
  it('puts a name in the half its sha1 first byte says (even: train)', () => {
    // sha1("001") starts 0xe1 (odd: held-out), sha1("wikipedia-3") 0xee (even: train).
    expect(['001', 'wikipedia-3', 'aktualne', 'salon-1', 'ehow-2'].map(halfOf)).toEqual(['held-out', 'train', 'train', 'train', 'train']);
    expect(inHalf(['001', 'aktualne'], (x) => x, 'train')).toEqual(['aktualne']);
    expect(inHalf(['001', 'aktualne'], (x) => x, 'all')).toEqual(['001', 'aktualne']);
  });

  itCorpus(
    'splits the shared corpora into the sizes committed with the rule',
    [join(ZYTE_DIR, 'ground-truth.json'), join(DETECT_DIR, 'labels.json'), join(READABILITY_DIR, 'pages')],
    () => {
      const train = (ids: string[]) => ids.filter((i) => halfOf(i) === 'train').length;
      expect([train(zytePages().map((p) => p.id)), zytePages().length]).toEqual([89, 181]);
      expect([train(detectPages().map((p) => p.id)), detectPages().length]).toEqual([270, 531]);
      expect([train(readabilityPages().map((p) => p.slug)), readabilityPages().length]).toEqual([64, 130]);
    },
  );
});
