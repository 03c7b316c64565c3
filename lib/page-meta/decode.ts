// Character references left in metadata strings, escaped once more than the page's parser undid
// ("Caf&amp;eacute;", "It&amp;#39;s"), decoded by the document's own HTML parser the way it decodes an
// attribute value: named, decimal and hex references; a missing ";" forgiven only where an attribute
// forgives it ("&amp A" gives "& A", "&notable" stays, where text would give "¬able"); malformed
// ones stay as written. The tab has a DOM (the CLI has jsdom), so the extraction script ships no
// decode table; code without a DOM (tags in the offscreen document, Node) uses the entities package.

export type Decode = (s: string) => string;

const REFERENCE_START = /&[#a-z]/i;
const PARSER_REWRITES = /[\r\0]/;

/** A decoder backed by an inert HTML document made from `doc` (nothing in it runs or loads). */
export function attributeDecoder(doc: Document): Decode {
  return (s) => {
    // Only "&#" or "&" + a letter can start a reference, and only CR or NUL would the parser rewrite
    // otherwise: anything else comes back as written, without making a document (the first costs ~1 ms).
    if (!s.includes('&') || (!REFERENCE_START.test(s) && !PARSER_REWRITES.test(s))) return s;
    try {
      // DOMParser's documents are inert, and 'text/html' parses as HTML even when the page is XHTML,
      // whose parser would reject unknown entities. (Not innerHTML: AMO's linter refuses it.)
      const Parser = doc.defaultView?.DOMParser ?? DOMParser;
      // Every '"' escaped, so the whole string is one attribute value whatever it holds.
      const parsed = new Parser().parseFromString(`<i title="${s.replace(/"/g, '&quot;')}"></i>`, 'text/html');
      return parsed.body.firstElementChild?.getAttribute('title') ?? s;
    } catch {
      return s; // no usable parser (e.g. a page policy refusing innerHTML): the text as written
    }
  };
}
