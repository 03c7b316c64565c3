import { describe, expect, it } from 'vitest';
import { normTag, scoreTags } from '../../scripts/lib/tag-score';

describe('bench:tags scoring', () => {
  it('folds punctuation inside words the same way on both sides, as KPCrowd keys are written', () => {
    expect(normTag('U.S.')).toBe(normTag('US'));
    expect(normTag('N.Y')).toBe(normTag('NY'));
    expect(normTag('Jean-Paul Gaultier')).toBe(normTag('JeanPaul Gaultier'));
    expect(normTag('Grammy-winning')).toBe(normTag('Grammywinning'));
    expect(normTag('Juárez')).toBe(normTag('Juarez'));
    expect(normTag('Women’s Health')).toBe(normTag("Women's Health"));
    expect(normTag('Women’s Health')).toBe('women health');
  });

  it('keeps the protocol otherwise: Porter stems, whole-phrase match, no folding across words', () => {
    expect(normTag('Elections')).toBe('elect');
    expect(normTag('foxnews.com')).toBe('foxnew com');
    expect(normTag('health care')).not.toBe(normTag('healthcare'));
    expect(scoreTags(['Stadia'], ['Google Stadia'], 5).f).toBe(0);
    expect(scoreTags(['Stadia'], ['Google Stadia'], 5).lf).toBe(1);
  });

  it('scores fewer than k predictions by what was predicted: P = matches / |pred|', () => {
    const s = scoreTags(['China', 'trade'], ['tariffs', 'China', 'trade', 'steel'], 5);
    expect(s.p).toBe(1);
    expect(s.r).toBe(0.5);
    expect(s.f).toBeCloseTo(2 / 3, 9);
  });
});
