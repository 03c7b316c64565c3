// The detector's text-block pass: long blocks, total text, and the container holding most of it.
// Blocks are paragraphs, and text outside them as isProbablyReaderable counts it: <pre> documents (RFCs,
// text files) and <div>s of lines broken with <br> (older sites, forums, fiction archives). Few <pre>
// and <br> parents on most pages; each block is read once.

export interface TextBlocks {
  /** Blocks of at least 80 characters. */
  long: number;
  /** Characters of all blocks (each of at least 20). */
  total: number;
  /** isProbablyReaderable-like score: sum of sqrt(length - 140) over long blocks and a page's only <article>. */
  reader: number;
  /** Characters of the blocks in the container holding most of them. */
  bestLen: number;
  /** <article> elements. */
  articles: number;
  /** That container's blocks' text (the main text, counted for the badge). */
  mainText: string;
}

/**
 * A block's length in Latin-text characters: a Chinese or Japanese character carries about what three
 * Latin ones do (a word is 1–2 of them against ~6 with its space), a Korean syllable about two. Judged
 * on the block's first characters; without this, a full CJK article reads as a short page.
 */
export function weightedLength(t: string): number {
  const n = Math.min(t.length, 48);
  let han = 0,
    hangul = 0;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    // Kana, CJK punctuation, unified ideographs (and extension A), fullwidth forms.
    if ((c >= 0x3000 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef)) han++;
    else if (c >= 0xac00 && c <= 0xd7af) hangul++;
  }
  if (2 * han >= n) return t.length * 3;
  if (2 * (han + hangul) >= n) return t.length * 2;
  return t.length;
}

export function textBlocks(doc: Document): TextBlocks {
  let long = 0,
    total = 0,
    reader = 0;
  const box = new Map<Node, number>();
  const texts: string[] = [];
  const owners: (Node | null)[] = [];
  const take = (el: Element) => {
    const t = el.textContent ?? '';
    const len = t.length < 7 ? t.length : weightedLength(t);
    if (len < 20) return;
    total += len;
    if (len >= 80) long++;
    if (len > 140) reader += Math.sqrt(len - 140);
    const parent = el.parentNode;
    if (parent) box.set(parent, (box.get(parent) ?? 0) + len);
    texts.push(t);
    owners.push(parent);
  };
  const ps = doc.getElementsByTagName('p');
  for (let i = 0, n = ps.length; i < n; i++) take(ps[i]);
  const pres = doc.getElementsByTagName('pre');
  for (let i = 0, n = pres.length; i < n; i++) take(pres[i]);
  const brDivs = new Set<Element>();
  for (const br of doc.querySelectorAll('div > br')) brDivs.add(br.parentNode as Element);
  // A <div> holding paragraphs is counted through them.
  for (const div of brDivs) if (!div.getElementsByTagName('p').length) take(div);
  // A page's only <article> counts as one block for the isProbablyReaderable-like score (as there),
  // whatever its text is wrapped in; several <article>s are teasers.
  const articles = doc.getElementsByTagName('article');
  if (articles.length === 1) {
    const len = weightedLength(articles[0].textContent ?? '');
    if (len > 140) reader += Math.sqrt(len - 140);
  }
  let best: Node | null = null,
    bestLen = 0;
  for (const [node, len] of box)
    if (len > bestLen) {
      best = node;
      bestLen = len;
    }
  // Words of the main text: paragraphs of the dominant container (CJK: characters).
  const main: string[] = [];
  for (let i = 0; i < texts.length; i++) if (owners[i] === best) main.push(texts[i]);
  return { long, total, reader, bestLen, articles: articles.length, mainText: main.join('\n') };
}
