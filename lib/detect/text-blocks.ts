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
 * How many Latin-text characters one character of this text is worth: a Chinese or Japanese character
 * carries about what three Latin ones do (a word is 1–2 of them against ~6 with its space), a Korean
 * syllable about two. Judged on the text's first characters; without it, a full CJK article reads as a
 * short page.
 */
export function cjkFactor(t: string): number {
  let n = 0,
    han = 0,
    hangul = 0;
  // The first 48 characters that are not whitespace (a block often starts with its source's indentation).
  for (let i = 0, end = Math.min(t.length, 1000); i < end && n < 48; i++) {
    const c = t.charCodeAt(i);
    if (c <= 0x20) continue;
    n++;
    // cjkKind inline: on a Latin page this is the only CJK code that runs.
    if ((c >= 0x3000 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef)) han++;
    else if (c >= 0xac00 && c <= 0xd7af) hangul++;
  }
  if (!n) return 1;
  if (2 * han >= n) return 3;
  return 2 * (han + hangul) >= n ? 2 : 1;
}

/** Below this many characters a block never counts, whatever its script (20 Latin = 7 CJK). */
const MIN_RAW = 7;

export function textBlocks(doc: Document): TextBlocks {
  // One pass at raw lengths (as a Latin page needs); blocks of 7-19 characters are kept too, for a CJK
  // page. Its script is judged once, on its longest block (judging each block cost a loop per paragraph
  // in the cold content script), and only a CJK page is summed again, scaled.
  let long = 0,
    total = 0,
    reader = 0,
    box = new Map<Node, number>();
  const texts: string[] = [];
  const owners: (Node | null)[] = [];
  let longest = '';
  const take = (el: Element) => {
    const t = el.textContent ?? '';
    const len = t.length;
    if (len < MIN_RAW) return;
    if (len > longest.length) longest = t;
    const parent = el.parentNode;
    texts.push(t);
    owners.push(parent);
    if (len < 20) return;
    total += len;
    if (len >= 80) long++;
    if (len > 140) reader += Math.sqrt(len - 140);
    if (parent) box.set(parent, (box.get(parent) ?? 0) + len);
  };
  const ps = doc.getElementsByTagName('p');
  for (let i = 0, n = ps.length; i < n; i++) take(ps[i]);
  const pres = doc.getElementsByTagName('pre');
  for (let i = 0, n = pres.length; i < n; i++) take(pres[i]);
  const brDivs = new Set<Element>();
  for (const br of doc.querySelectorAll('div > br')) brDivs.add(br.parentNode as Element);
  // A <div> holding paragraphs is counted through them.
  for (const div of brDivs) if (!div.getElementsByTagName('p').length) take(div);
  const f = longest ? cjkFactor(longest) : 1;
  if (f > 1) {
    // A CJK page: each block scaled when its middle character is CJK too (a Latin footer stays as it is;
    // cjkFactor of one character is its own factor); one still short is no block, and has no owner.
    long = total = reader = 0;
    box = new Map();
    for (let i = 0; i < texts.length; i++) {
      const raw = texts[i].length;
      const len = cjkFactor(texts[i][raw >> 1]) > 1 ? raw * f : raw;
      if (len < 20) {
        owners[i] = null;
        continue;
      }
      const parent = owners[i];
      total += len;
      if (len >= 80) long++;
      if (len > 140) reader += Math.sqrt(len - 140);
      if (parent) box.set(parent, (box.get(parent) ?? 0) + len);
    }
  }
  // A page's only <article> counts as one block for the isProbablyReaderable-like score (as there),
  // whatever its text is wrapped in; several <article>s are teasers.
  const articles = doc.getElementsByTagName('article');
  if (articles.length === 1) {
    const len = (articles[0].textContent?.length ?? 0) * f; // mostly the page's own script
    if (len > 140) reader += Math.sqrt(len - 140);
  }
  let best: Node | null = null,
    bestLen = 0;
  for (const [node, len] of box)
    if (len > bestLen) {
      best = node;
      bestLen = len;
    }
  // Words of the main text: blocks of the dominant container (CJK: characters). A text under 20
  // characters at raw lengths is no block: it has no owner (as the CJK pass leaves the short ones).
  const main: string[] = [];
  for (let i = 0; i < texts.length; i++) if ((f > 1 || texts[i].length >= 20 ? owners[i] : null) === best) main.push(texts[i]);
  return { long, total, reader, bestLen, articles: articles.length, mainText: main.join('\n') };
}
