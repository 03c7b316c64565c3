// Character references left in metadata strings, escaped once more than the page's parser undid
// ("Caf&amp;eacute;", "It&amp;#39;s"), decoded by the document's own HTML parser the way it decodes an
// attribute value: named, decimal and hex references; a missing ";" forgiven only where an attribute
// forgives it ("&amp A" gives "& A", "&notable" stays, where text would give "¬able"); malformed
// ones stay as written. The tab has a DOM (the CLI has jsdom), so the extraction script ships no
// decode table; code without a DOM (tags in the offscreen document, Node) uses the entities package.

export type Decode = (s: string) => string;

/** A decoder backed by an inert HTML document made from `doc` (nothing in it runs or loads). */
export function attributeDecoder(doc: Document): Decode {
  let holder: HTMLTemplateElement | null = null;
  return (s) => {
    if (!s.includes('&')) return s;
    try {
      // An HTML document even when the page is XHTML, whose parser would reject unknown entities.
      holder ??= doc.implementation.createHTMLDocument('').createElement('template');
      // Every '"' escaped, so the whole string is one attribute value whatever it holds.
      holder.innerHTML = `<i title="${s.replace(/"/g, '&quot;')}"></i>`;
      return holder.content.firstElementChild?.getAttribute('title') ?? s;
    } catch {
      return s; // no usable parser (e.g. a page policy refusing innerHTML): the text as written
    }
  };
}
