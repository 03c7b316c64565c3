import { describe, expect, it } from 'vitest';
import { describeRange, type HighlightTarget } from '../../lib/highlights/selectors';
import { anchorTarget, type AnchorResult } from '../../lib/highlights/anchor';
import { normalView, toOriginal, toView, wordSplitMismatches } from '../../lib/highlights/normalize';

const P1 = 'The committee met on Tuesday to discuss the budget for the coming year and its many line items.';
const P2 = 'Members argued at length about the proposed cuts to the library, which several residents opposed.';
const P3 = 'In the end the council voted to delay the decision until the spring, when new figures are due.';
const P4 = 'Local businesses welcomed the delay, saying the uncertainty had made planning difficult for months.';
const ARTICLE = [P1, P2, P3, P4].join('\n\n');
const OTHER = 'An entirely unrelated paragraph about gardening, tomatoes and the weather in late summer arrives here.';

function highlight(text: string, quote: string, nth = 0): HighlightTarget {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`not in text: ${quote}`);
  return describeRange(text, at, at + quote.length);
}
const placedText = (text: string, r: AnchorResult): string | null => (r.start === null ? null : text.slice(r.start, r.end));

describe('describeRange', () => {
  it('stores the exact text, 32 characters of context each side and the position', () => {
    const at = ARTICLE.indexOf('proposed cuts');
    const t = describeRange(ARTICLE, at, at + 13);
    expect(t.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'proposed cuts',
      prefix: ARTICLE.slice(at - 32, at),
      suffix: ARTICLE.slice(at + 13, at + 45),
    });
    expect(t.position).toEqual({ type: 'TextPositionSelector', start: at, end: at + 13 });
  });
  it('never cuts a surrogate pair in the context', () => {
    const text = 'x'.repeat(10) + '😀' + 'y'.repeat(31) + 'QUOTE';
    const t = describeRange(text, text.indexOf('QUOTE'), text.length);
    expect(t.quote.prefix.startsWith('😀')).toBe(true);
  });
  it('refuses an empty or out-of-range span', () => {
    expect(() => describeRange('abc', 2, 2)).toThrow(RangeError);
    expect(() => describeRange('abc', 1, 9)).toThrow(RangeError);
  });
});

describe('anchorTarget', () => {
  it('round trip: the stored position on the unchanged text', () => {
    const t = highlight(ARTICLE, 'voted to delay the decision');
    expect(anchorTarget(ARTICLE, t)).toEqual({ start: t.position!.start, end: t.position!.end, how: 'position', score: 1 });
  });

  it('finds the quote after a paragraph is inserted before it', () => {
    const t = highlight(ARTICLE, 'voted to delay the decision');
    const changed = [P1, P2, OTHER, P3, P4].join('\n\n');
    const r = anchorTarget(changed, t);
    expect(r.how).toBe('exact');
    expect(r.start).toBe(changed.indexOf('voted to delay the decision'));
  });

  it('finds a highlighted whole paragraph after a paragraph is inserted before it', () => {
    const t = highlight(ARTICLE, P4);
    const changed = [P1, P2, P3, OTHER, P4].join('\n\n');
    expect(placedText(changed, anchorTarget(changed, t))).toBe(P4);
  });

  it('finds the quote after 5,000 characters are inserted at the top', () => {
    const t = highlight(ARTICLE, 'the proposed cuts to the library');
    const changed = (OTHER + ' ').repeat(50).slice(0, 5000) + '\n\n' + ARTICLE;
    const r = anchorTarget(changed, t);
    expect(r.how).toBe('exact');
    expect(r.start).toBe(changed.indexOf('the proposed cuts to the library'));
  });

  it('resolves a repeated quote by its context, not by the first occurrence', () => {
    const t = highlight(ARTICLE, 'the delay', 0); // "welcomed the delay" in P4; P3 has "to delay"
    const text = [P1, 'The mayor explained the delay to reporters at noon.', P2, P3, P4].join('\n\n');
    const t2 = highlight(text, 'the delay', 1);
    const changed = OTHER + '\n\n' + text;
    const r = anchorTarget(changed, { ...t2, position: null }); // no position: only the context can tell
    expect(r.how).toBe('exact');
    expect(r.start).toBe(changed.lastIndexOf('the delay'));
    expect(t.quote.exact).toBe('the delay');
  });

  it('an edited quote is placed approximately, on the edited words', () => {
    const t = highlight(ARTICLE, 'argued at length about the proposed cuts');
    const changed = ARTICLE.replace('argued at length about the proposed cuts', 'argued at lenght about the planned cuts');
    const r = anchorTarget(changed, t);
    expect(r.how).toBe('fuzzy');
    expect(placedText(changed, r)).toBe('argued at lenght about the planned cuts');
  });

  it('an edited first word is inside the placed span (the match snaps to the stored context)', () => {
    const t = highlight(ARTICLE, 'argued at length about the proposed cuts');
    const changed = ARTICLE.replace('argued at length', 'quarrelled at length');
    expect(placedText(changed, anchorTarget(changed, t))).toBe('quarrelled at length about the proposed cuts');
  });

  it('a deleted quote is unplaced, not drawn on a near-duplicate sentence nearby', () => {
    const near = 'Members argued at length about the proposed cuts to the park, which few residents opposed.';
    const text = [P1, P2, P3, near, P4].join('\n\n');
    const t = highlight(text, 'argued at length about the proposed cuts to the library');
    const changed = [P1, P3, near, P4].join('\n\n');
    const r = anchorTarget(changed, t);
    expect(r).toMatchObject({ start: null, how: 'unplaced' });
  });

  it('a sentence that goes on differently right after the quote is another sentence', () => {
    const items = [
      'This could happen:',
      'if the pilot incubates charities which are more cost-effective than our current top charities, or',
      'if the pilot incubates charities which are similarly cost-effective to our current top charities.',
    ];
    const text = [P1, ...items, P2].join('\n\n');
    const t = highlight(text, 'incubates charities which are', 0);
    const changed = [P1, items[0], items[2], P2].join('\n\n'); // the first item, with the highlight, removed
    expect(anchorTarget(changed, t).start).toBeNull();
  });

  it('a short quote never matches approximately', () => {
    const text = ARTICLE.replace('many line items', 'many red cats');
    const t = highlight(text, 'red cats');
    const changed = text.replace('red cats', 'red hats');
    const r = anchorTarget(changed, t);
    expect(r.start).toBeNull();
    expect(r.how === 'unplaced' && r.reason).toMatch(/too short/);
  });

  it('a repeated passage with its context is unplaced when the stored position no longer tells the copies apart', () => {
    // Recipe-style repeated blocks: each copy has the same 32 characters of context.
    const block =
      'Drink within 30 minutes after your workout, then rest. Portion: 1 Purple, 1 Red, 1 tsp. Eat every two to three hours after that.';
    const text = [P1, block, P2, block, P3, block, P4].join('\n\n');
    const t = highlight(text, 'Portion: 1 Purple, 1 Red, 1 tsp.', 1);
    const changed = 'x'.repeat(5000) + '\n\n' + text;
    expect(anchorTarget(changed, t).start).toBeNull();
    expect(anchorTarget(text, t).how).toBe('position');
  });

  it('repeated passages: a stored position a few characters off picks its copy, one that drifted onto another copy does not', () => {
    const block =
      'Drink within 30 minutes after your workout, then rest. Portion: 1 Purple, 1 Red, 1 tsp. Eat every two to three hours after that.';
    const text = [P1, block, P2, block, P3, block, P4].join('\n\n');
    const quote = 'Portion: 1 Purple, 1 Red, 1 tsp.';
    const t = highlight(text, quote, 1);
    const edited = text.replace('Tuesday', 'Wednesday'); // 2 characters above the highlight
    const near = anchorTarget(edited, t);
    expect(near.how).toBe('exact');
    expect(near.start).toBe(edited.indexOf(quote, edited.indexOf(quote) + 1));
    // Shifted by the distance between copies plus 100: the old position is now 100 characters from
    // the first copy and over 3 times as far from its own.
    const period = t.position!.start - text.indexOf(quote);
    const shifted = 'y'.repeat(period + 100) + text;
    expect(anchorTarget(shifted, t).start).toBeNull();
  });

  it('a repeated passage refused by the exact step is not placed by the approximate one either', () => {
    const h = 'New Apple H1 headphone chip delivers faster wireless connection';
    const text = [P1, h, P2, P3, P1, h, P2].join('\n\n');
    const t = highlight(text, h, 1);
    // A paragraph inserted before the second copy: the first copy now has the better context.
    const changed = [P1, h, P2, P3, P1, OTHER, h, P2].join('\n\n');
    expect(anchorTarget(changed, t).start).toBeNull();
  });

  it('an imported quote without context or position: the only occurrence, or the first of several', () => {
    const bare = (exact: string): HighlightTarget => ({
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: null,
    });
    expect(anchorTarget(ARTICLE, bare('the library')).start).toBe(ARTICLE.indexOf('the library'));
    expect(anchorTarget(ARTICLE, bare('the delay')).start).toBe(ARTICLE.indexOf('the delay'));
  });

  it('matches across different whitespace, paragraph breaks, typographic quotes and nbsp', () => {
    const text = 'It’s “fine”, he said.The next\u00a0paragraph starts here.';
    const bare = (exact: string): HighlightTarget => ({
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: null,
    });
    const r = anchorTarget(text, bare('It\'s "fine", he said.\n\nThe next paragraph'));
    expect(r.how).toBe('exact');
    expect(placedText(text, r)).toBe('It’s “fine”, he said.The next\u00a0paragraph');
  });

  it('does not equate different word splits ("the rapist" / "therapist")', () => {
    const text = 'She saw the therapist on Monday morning before work.';
    const bare: HighlightTarget = { quote: { type: 'TextQuoteSelector', exact: 'the rapist', prefix: '', suffix: '' }, position: null };
    expect(anchorTarget(text, bare).start).toBeNull();
  });
});

describe('normalView', () => {
  it('drops whitespace, folds typography and maps every character back to the original', () => {
    const s = 'a  “b”\n\nc\u00a0d…';
    const v = normalView(s);
    expect(v.text).toBe('a"b"cd...');
    expect(toOriginal(v, 1, 4)).toEqual({ start: 3, end: 6 }); // “b”
    expect(toOriginal(v, 6, 9)).toEqual({ start: 11, end: 12 }); // the ellipsis
    expect(toView(v, 8)).toBe(4); // the "c" after the paragraph break
    expect(Array.from(v.gaps.slice(0, 5))).toEqual([0, 1, 0, 0, 2]);
  });
  it('tells a word split from a harmless whitespace difference', () => {
    const a = normalView('the rapist');
    const b = normalView('therapist');
    expect(wordSplitMismatches(a, 0, b, 0, a.text.length)).toBe(1);
    const c = normalView('para.\n\nNext');
    const d = normalView('para.Next');
    expect(wordSplitMismatches(c, 0, d, 0, c.text.length)).toBe(0);
  });
});
