// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { offsetsFromRange, rangeFromOffsets, textOf, wrapRange } from '../../lib/highlights/dom-text';

const HTML =
  '<p>The first <em>emphasised</em> paragraph ends <a href="https://x.example/">with a link</a>.</p>\n<p>Second paragraph starts <strong>here</strong> and goes on.</p>';
let root: HTMLElement;
const mark = (doc: Document) => {
  const m = doc.createElement('mark');
  m.className = 'hl';
  return m;
};
const countTextNodes = (n: Node): number => (n.nodeType === 3 ? 1 : [...n.childNodes].reduce((a, c) => a + countTextNodes(c), 0));

beforeEach(() => {
  document.body.innerHTML = `<article id="a">${HTML}</article><p id="outside">outside</p>`;
  root = document.getElementById('a')!;
});

describe('textOf', () => {
  it('concatenates every text node under the root in document order', () => {
    expect(textOf(root)).toBe('The first emphasised paragraph ends with a link.\nSecond paragraph starts here and goes on.');
  });
});

describe('rangeFromOffsets / offsetsFromRange', () => {
  it('a range across <em>, <a> and two paragraphs covers exactly the text offsets', () => {
    const text = textOf(root);
    const start = text.indexOf('emphasised');
    const end = text.indexOf('starts here') + 'starts here'.length;
    const range = rangeFromOffsets(root, start, end);
    expect(range.toString()).toBe(text.slice(start, end));
    expect(range.startContainer.parentElement!.tagName).toBe('EM');
    expect(range.endContainer.parentElement!.tagName).toBe('STRONG');
    expect(offsetsFromRange(root, range)).toEqual({ start, end });
  });

  it('round trip for every start/end pair at a few points', () => {
    const n = textOf(root).length;
    for (const s of [0, 5, 10, 20, 47, 48, 60])
      for (const e of [s + 1, s + 7, n])
        if (e <= n) expect(offsetsFromRange(root, rangeFromOffsets(root, s, e))).toEqual({ start: s, end: e });
  });

  it('reads boundary points between elements (a selection made by element)', () => {
    const range = document.createRange();
    range.setStartBefore(root.querySelector('em')!);
    range.setEndAfter(root.querySelector('a')!);
    const text = textOf(root);
    expect(offsetsFromRange(root, range)).toEqual({ start: text.indexOf('emphasised'), end: text.indexOf('with a link') + 11 });
    const all = document.createRange();
    all.selectNodeContents(root);
    expect(offsetsFromRange(root, all)).toEqual({ start: 0, end: text.length });
  });

  it('is null for a range outside the root, and refuses offsets beyond the text', () => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('outside')!);
    expect(offsetsFromRange(root, range)).toBeNull();
    expect(() => rangeFromOffsets(root, 0, 10_000)).toThrow(RangeError);
  });
});

describe('wrapRange', () => {
  it('wraps a span across <em>, <a> and two <p> piece by piece and unwraps to the same DOM', () => {
    const before = root.innerHTML;
    const nodes = countTextNodes(root);
    const text = textOf(root);
    const start = text.indexOf('first');
    const end = text.indexOf('Second paragraph') + 'Second paragraph'.length;
    const { marks, unwrap } = wrapRange(root, start, end, mark);
    expect(marks.map((m) => m.textContent).join('')).toBe(text.slice(start, end).replace('\n', ''));
    expect(marks.map((m) => m.parentElement!.tagName)).toEqual(['P', 'EM', 'P', 'A', 'P', 'P']);
    expect(root.querySelectorAll('p').length).toBe(2); // no structure changed, the newline between <p>s is not wrapped
    expect(textOf(root)).toBe(text);
    unwrap();
    expect(root.innerHTML).toBe(before);
    expect(countTextNodes(root)).toBe(nodes);
  });

  it('overlapping highlights nest or split, and unwrap in either order restores the DOM', () => {
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      root.innerHTML = HTML;
      const before = root.innerHTML;
      const nodes = countTextNodes(root);
      const text = textOf(root);
      const a = wrapRange(root, text.indexOf('first'), text.indexOf('ends'), mark);
      const b = wrapRange(root, text.indexOf('paragraph'), text.indexOf('link') + 4, mark);
      expect(textOf(root)).toBe(text);
      // The overlap ("paragraph ") is inside both highlights.
      const overlap = b.marks.find((m) => m.textContent === 'paragraph ')!;
      expect(overlap.parentElement!.tagName).toBe('MARK');
      const both = [a, b];
      both[order[0]].unwrap();
      expect(textOf(root)).toBe(text);
      const rest = both[order[1]];
      expect(rest.marks.map((m) => m.textContent).join('')).toBe(
        order[1] === 0
          ? text.slice(text.indexOf('first'), text.indexOf('ends'))
          : text.slice(text.indexOf('paragraph'), text.indexOf('link') + 4),
      );
      rest.unwrap();
      expect(root.innerHTML).toBe(before);
      expect(countTextNodes(root)).toBe(nodes);
    }
  });
});
