// The ground truth of `npm run bench:anchor`, checked on synthetic texts (no corpus needed).
import { describe, expect, it } from 'vitest';
import { chooseHighlights, judge, lightEdit, perturbations, rng, type PageText } from '../../scripts/lib/anchor-perturb';

const para = (topic: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) => `The ${topic} report number ${i + 1} says that costs rose again this year. Officials said more data is due in spring.`,
  ).join(' ');
const PAGE: PageText = { id: 'a', text: [para('harbour', 2), para('railway', 3), para('school', 2), para('hospital', 2)].join('\n\n') };
const OTHERS: PageText[] = [{ id: 'b', text: [para('weather', 30), para('garden', 30)].join('\n\n') }];

describe('bench:anchor perturbation set', () => {
  const highlights = chooseHighlights(PAGE, 8, rng(1));
  const cases = highlights.flatMap((h) => perturbations(PAGE, h, OTHERS, rng(2)));

  it('chooses non-overlapping highlights of several kinds, deterministically', () => {
    expect(highlights.length).toBeGreaterThanOrEqual(5);
    expect(new Set(highlights.map((h) => h.kind)).size).toBeGreaterThanOrEqual(4);
    expect(chooseHighlights(PAGE, 8, rng(1))).toEqual(highlights);
    for (let i = 1; i < highlights.length; i++) expect(highlights[i].start).toBeGreaterThanOrEqual(highlights[i - 1].end);
  });

  it('tracks where the unchanged quote now is after inserting and removing paragraphs', () => {
    for (const c of cases.filter((c) =>
      ['unchanged', 'paragraph-inserted-before', '5000-chars-at-top', 'paragraph-removed'].includes(c.perturbation),
    )) {
      expect(c.text.slice(c.truth!.start, c.truth!.end)).toBe(c.target.quote.exact);
      if (c.perturbation !== 'unchanged') expect(c.text).not.toBe(PAGE.text);
    }
    const top = cases.find((c) => c.perturbation === '5000-chars-at-top')!;
    expect(top.truth!.start - top.highlight.start).toBe(5002);
  });

  it('light edits change the quote a little and the truth is the edited span', () => {
    for (const c of cases.filter((c) => c.perturbation === 'light-edit-in-quote')) {
      const edited = c.text.slice(c.truth!.start, c.truth!.end);
      expect(c.text.slice(0, c.truth!.start)).toBe(PAGE.text.slice(0, c.highlight.start));
      expect(c.text.slice(c.truth!.end)).toBe(PAGE.text.slice(c.highlight.end));
      expect(Math.abs(edited.length - c.target.quote.exact.length)).toBeLessThan(40);
    }
    const r = rng(3);
    const span = { start: 4, end: 60 };
    expect(lightEdit(PAGE.text, span, r, ['zebra']).text).not.toBe(PAGE.text);
  });

  it('removing the quote’s paragraph leaves no truth and no copy of the quote with its context', () => {
    const gone = cases.filter((c) => c.perturbation === 'quote-paragraph-removed');
    expect(gone.length).toBeGreaterThan(0);
    for (const c of gone) {
      expect(c.truth).toBeNull();
      expect(c.text).not.toContain(c.target.quote.prefix + c.target.quote.exact + c.target.quote.suffix);
    }
  });

  it('judges by overlap of at least 80 % of both spans', () => {
    const truth = { start: 100, end: 200 };
    expect(judge({ start: 100, end: 200, how: 'exact', score: 1 }, truth)).toBe('right');
    expect(judge({ start: 110, end: 205, how: 'fuzzy', score: 1 }, truth)).toBe('right');
    expect(judge({ start: 100, end: 300, how: 'fuzzy', score: 1 }, truth)).toBe('misplaced');
    expect(judge({ start: 150, end: 200, how: 'fuzzy', score: 1 }, truth)).toBe('misplaced');
    expect(judge({ start: null, how: 'unplaced', reason: '' }, truth)).toBe('unplaced');
    expect(judge({ start: 100, end: 200, how: 'exact', score: 1 }, null)).toBe('misplaced');
  });
});
