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

export function textBlocks(doc: Document): TextBlocks {
  let long = 0,
    total = 0,
    reader = 0;
  const box = new Map<Node, number>();
  const texts: string[] = [];
  const owners: (Node | null)[] = [];
  const take = (el: Element) => {
    const t = el.textContent ?? '';
    const len = t.length;
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
    const len = articles[0].textContent?.length ?? 0;
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
