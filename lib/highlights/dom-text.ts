// Between the rendered article's DOM and the text the selectors index into: the concatenated data
// of every Text node under the article root, in document order (what Hypothesis also anchors on).
// Highlights are drawn by wrapping text pieces in elements the caller makes (<mark>), never by
// changing other structure, so unwrapping restores the DOM exactly.

const SHOW_TEXT = 0x4; // NodeFilter.SHOW_TEXT (no global NodeFilter in every environment)
const TEXT_NODE = 3;

function textNodes(root: Node): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** The text the selectors index into: the concatenated data of every Text node under root, in document order. */
export function textOf(root: Node): string {
  return textNodes(root)
    .map((t) => t.data)
    .join('');
}

interface Piece {
  node: Text;
  /** Offset of the node's first character in textOf(root). */
  at: number;
}

function pieces(root: Node): Piece[] {
  let at = 0;
  return textNodes(root).map((node) => {
    const p = { node, at };
    at += node.data.length;
    return p;
  });
}

function checkOffsets(total: number, start: number, end: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > total || start > end) {
    throw new RangeError(`[${start}, ${end}) is not a range of the ${total} characters of text under the root`);
  }
}

/** A DOM Range for text offsets [start, end) under root (start/end inside text nodes). */
export function rangeFromOffsets(root: Node, start: number, end: number): Range {
  const ps = pieces(root);
  const total = ps.length ? ps[ps.length - 1].at + ps[ps.length - 1].node.data.length : 0;
  checkOffsets(total, start, end);
  if (!ps.length) throw new RangeError('there is no text under the root');
  // The start goes into the node whose text begins there, the end into the node whose text ends there.
  const first = ps.find((p) => start < p.at + p.node.data.length) ?? ps[ps.length - 1];
  const last = [...ps].reverse().find((p) => end > p.at) ?? ps[0];
  const range = (root.ownerDocument ?? (root as Document)).createRange();
  range.setStart(first.node, Math.min(start - first.at, first.node.data.length));
  if (end <= start) range.collapse(true);
  else range.setEnd(last.node, end - last.at);
  return range;
}

const DOCUMENT_POSITION_FOLLOWING = 4;

/** Offset in textOf(root) of the boundary point (node, offset), or null if node is not under root. */
function offsetOfPoint(root: Node, ps: Piece[], total: number, node: Node, offset: number): number | null {
  if (node !== root && !root.contains(node)) return null;
  if (node.nodeType === TEXT_NODE) {
    const p = ps.find((q) => q.node === node);
    return p ? p.at + Math.min(offset, (node as Text).data.length) : null;
  }
  // A point between children: the text before it is every text node that precedes the child at
  // `offset` (or, past the last child, everything up to the end of node).
  const ref = node.childNodes[offset] ?? null;
  const after = ps.find((p) =>
    ref
      ? ref === p.node || ref.contains(p.node) || !!(ref.compareDocumentPosition(p.node) & DOCUMENT_POSITION_FOLLOWING)
      : !node.contains(p.node) && !!(node.compareDocumentPosition(p.node) & DOCUMENT_POSITION_FOLLOWING),
  );
  return after ? after.at : total;
}

/** Offsets of a DOM Range (e.g. the user's selection) within textOf(root); null if outside root. */
export function offsetsFromRange(root: Node, range: Range): { start: number; end: number } | null {
  const ps = pieces(root);
  const total = ps.length ? ps[ps.length - 1].at + ps[ps.length - 1].node.data.length : 0;
  const start = offsetOfPoint(root, ps, total, range.startContainer, range.startOffset);
  const end = offsetOfPoint(root, ps, total, range.endContainer, range.endOffset);
  return start === null || end === null ? null : { start, end };
}

// Text nodes split off by wrapRange, in any call: unwrap merges them back into their neighbour,
// so the text nodes end as they began even when highlights overlapped and unwrap in any order.
const splitOff = new WeakSet<Text>();

// Whitespace between blocks or rows is no text a reader sees; a <mark> there would be invalid
// (inside <tr>, <ul>) or draw a stray box.
const NO_PHRASING = new Set(['TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'COLGROUP', 'UL', 'OL', 'DL', 'SELECT', 'OPTGROUP']);
const BLOCK =
  /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|DD|DETAILS|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|TABLE|UL|BR)$/;
function invisibleWhitespace(node: Text): boolean {
  if (/\S/.test(node.data)) return false;
  const parent = node.parentElement;
  if (!parent || NO_PHRASING.has(parent.tagName)) return true;
  const isBlock = (n: Node | null) => !!n && n.nodeType === 1 && BLOCK.test((n as Element).tagName);
  return isBlock(node.previousSibling) || isBlock(node.nextSibling);
}

/**
 * Wraps text[start,end) in <mark> elements (one per text node piece, never changing other
 * structure); returns them, and an unwrap function that restores the DOM exactly.
 */
export function wrapRange(
  root: Node,
  start: number,
  end: number,
  make: (doc: Document) => HTMLElement,
): { marks: HTMLElement[]; unwrap(): void } {
  const ps = pieces(root);
  const total = ps.length ? ps[ps.length - 1].at + ps[ps.length - 1].node.data.length : 0;
  checkOffsets(total, start, end);
  const doc = root.ownerDocument ?? (root as Document);
  const marks: HTMLElement[] = [];
  for (const { node, at } of ps) {
    const from = Math.max(start, at) - at;
    const to = Math.min(end, at + node.data.length) - at;
    if (from >= to) continue;
    let piece = node;
    if (from > 0) {
      piece = piece.splitText(from);
      splitOff.add(piece);
    }
    if (to - from < piece.data.length) splitOff.add(piece.splitText(to - from));
    if (invisibleWhitespace(piece)) continue;
    const mark = make(doc);
    piece.parentNode!.insertBefore(mark, piece);
    mark.appendChild(piece);
    marks.push(mark);
  }
  let wrapped = true;
  return {
    marks,
    unwrap() {
      if (!wrapped) return;
      wrapped = false;
      const parents = new Set<Node>();
      for (const mark of marks) {
        const parent = mark.parentNode;
        if (!parent) continue;
        while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
        parent.removeChild(mark);
        parents.add(parent);
      }
      for (const parent of parents) mergeSplits(parent);
    },
  };
}

/** Merges text nodes split off by wrapRange back into the text node before them. */
function mergeSplits(parent: Node): void {
  for (let n = parent.firstChild; n;) {
    const next = n.nextSibling;
    const prev = n.previousSibling;
    if (n.nodeType === TEXT_NODE && splitOff.has(n as Text) && prev?.nodeType === TEXT_NODE) {
      (prev as Text).appendData((n as Text).data);
      parent.removeChild(n);
      splitOff.delete(n as Text);
    }
    n = next;
  }
}
