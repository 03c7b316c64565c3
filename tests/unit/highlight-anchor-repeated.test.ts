// Anchoring when the highlighted passage is gone and a copy or near copy of it remains elsewhere
// (recipes, tweet embeds, product lists): the highlight is unplaced, never drawn on the other copy.
import { describe, expect, it } from 'vitest';
import { describeRange, type HighlightTarget } from '../../lib/highlights/selectors';
import { anchorTarget } from '../../lib/highlights/anchor';

const P1 = 'The committee met on Tuesday to discuss the budget for the coming year and its many line items.';
const P2 = 'Members argued at length about the proposed cuts to the library, which several residents opposed.';
const P3 = 'In the end the council voted to delay the decision until the spring, when new figures are due.';
const P4 = 'Local businesses welcomed the delay, saying the uncertainty had made planning difficult for months.';
const FILLER = Array.from({ length: 30 }, (_, i) => `Filler paragraph number ${i} says nothing anyone would highlight at all.`);

function highlight(text: string, quote: string, nth = 0): HighlightTarget {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`not in text: ${quote}`);
  return describeRange(text, at, at + quote.length);
}
const join = (...ps: string[]) => ps.join('\n\n');

describe('anchorTarget: the highlighted copy of a repeated passage was removed', () => {
  it('a remaining copy whose context is only nearly the same on both sides is not placed', () => {
    // Product lines: the same words, the neighbouring lines differ by a character or two.
    const line = (n: number) => `Model ${n}00 in stock, ships in 2 days.`;
    const q = 'Wireless charging pad with braided cable, black';
    const text = join(P1, line(1), q, line(3), P2, line(2), q, line(4), P3);
    const t = highlight(text, q, 0);
    const changed = join(P1, line(1), line(3), P2, line(2), q, line(4), P3);
    expect(anchorTarget(changed, t).start).toBeNull();
    // The copy itself, with its own context unchanged, is still found after an edit far above.
    const other = highlight(text, q, 1);
    const edited = text.replace('Tuesday', 'Wednesday');
    expect(anchorTarget(edited, other).start).toBe(edited.lastIndexOf(q));
  });

  it('a copy with the same context on one side only is placed near the stored position, not far from it', () => {
    const sig = 'Sent from the field office by the night editor';
    const text = join(P1, P2, sig, P3, ...FILLER, P2, sig, P4);
    const t = highlight(text, sig, 0);
    // The highlighted signature removed: the other copy, 2,000+ characters on, has the same prefix.
    const removed = join(P1, P2, P3, ...FILLER, P2, sig, P4);
    expect(anchorTarget(removed, t).start).toBeNull();
    // The paragraph after the highlight replaced instead: one side intact, right where it was.
    const neighbour = join(P1, P2, sig, P4, ...FILLER, P2, sig, P4);
    expect(anchorTarget(neighbour, t).start).toBe(text.indexOf(sig));
  });

  it('far from the stored position, a copy is placed only with both sides of its context unchanged', () => {
    const q = 'number of things that the new service can do that is not possible elsewhere';
    const P2b = P2.replace('argued', 'argues'); // the second copy's next paragraph differs by a letter
    const text = join(P1, q, P2, ...FILLER, P1, q, P2b, P3);
    const t = highlight(text, q, 0);
    const removed = join(P1, P2, ...FILLER, P1, q, P2b, P3);
    expect(anchorTarget(removed, t).start).toBeNull();
    // The whole text moved down by 5,000 characters: both sides unchanged, placed.
    const moved = 'z'.repeat(5000) + '\n\n' + text;
    expect(anchorTarget(moved, t).start).toBe(moved.indexOf(q));
  });

  it('a side that reached the start of the text must still be at a start: a pull quote repeated in the body', () => {
    const pull = '"You will see a number of things the service can do that is not possible elsewhere," she said at the launch.';
    const body =
      'Asked about it, the director was clear. "You will see a number of things the service can do that is not possible elsewhere." she said at the launch.';
    const text = join(pull, P1, body, P2);
    const q = 'number of things the service can do that is not';
    const t = highlight(text, q, 0); // prefix: the 16 characters from the start of the text
    const removed = join(P1, body, P2);
    expect(anchorTarget(removed, t).start).toBeNull();
    // A paragraph inserted above: the prefix now starts at a paragraph break, still placed.
    const inserted = join(P3, pull, P1, body, P2);
    expect(anchorTarget(inserted, t).start).toBe(inserted.indexOf(q));
  });

  it('a whole paragraph whose neighbours both changed is placed only where it was the first or last paragraph', () => {
    // A tweet embed's signature line, the same under two tweets.
    const sig = '— The City Council (@CityCouncil) October 9, 2018';
    const text = join(P1, 'First tweet: the budget vote is delayed.', sig, P2, 'Second tweet: new figures are due in spring.', sig, P3);
    const t = highlight(text, sig, 0);
    const changed = join(P1, P2, 'Second tweet: new figures are due in spring.', sig, P3);
    expect(anchorTarget(changed, t).start).toBeNull();
    // The last paragraph, with a paragraph inserted before it, is still found.
    const last = highlight(join(P1, P2, P4), P4);
    const inserted = join(P1, P2, P3, P4);
    expect(anchorTarget(inserted, last).start).toBe(inserted.indexOf(P4));
  });
});

describe('anchorTarget: approximate matches on one side of context', () => {
  const box = 'Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp.';
  const tip = (w: string) => `Pro tip: Get more ${w}-workout meal ideas here, and in the app, every single day!`;

  it('is refused when the agreeing side recurs in the text (a repeated block), even for a long quote', () => {
    // Every meal has the same containers line; two of them end with a tip.
    const text = join(P1, 'Pre-Workout Meal', box, tip('pre'), P2, 'Post-Workout Meal', box, tip('post'), P3, 'Meal 1', box, P4);
    const quote = `Yellow, 1 tsp.\n\n${tip('post')}`;
    const t = highlight(text, quote);
    expect(quote.replace(/\s/g, '').length).toBeGreaterThanOrEqual(64); // not a short quote
    const removed = join(P1, 'Pre-Workout Meal', box, tip('pre'), P2, 'Post-Workout Meal', P3, 'Meal 1', box, P4);
    expect(anchorTarget(removed, t).start).toBeNull();
  });

  it('a short quote with a different word is refused; one with a typo is placed', () => {
    const intro = 'Our own training plan for the spring season, step by step.';
    const text = join(P1, intro, 'Get more post-workout meal ideas here!', P2);
    const t = highlight(text, 'Get more post-workout meal ideas here!');
    const reworded = join(P1, intro, 'Get more pre-workout meal ideas here!', P3);
    expect(anchorTarget(reworded, t).start).toBeNull();
    const typo = join(P1, intro, 'Get more post-wrokout meal ideas here!', P3);
    const r = anchorTarget(typo, t);
    expect(r.how).toBe('fuzzy');
    expect(r.start).toBe(typo.indexOf('Get more post-wrokout'));
  });
});
