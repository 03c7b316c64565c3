// A static array from a live HTMLCollection. Indexed reads with a cached length: Array.from() and
// for...of on live collections are ~50× slower under jsdom (each step re-validates the collection).
export function list<T extends Element>(coll: HTMLCollectionOf<T>): T[] {
  const n = coll.length;
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = coll[i];
  return out;
}

/** Elements under `root` with one of the tag names (upper-case, or lower-case for SVG). */
export function byTags(root: Element | Document, tags: Set<string>): Element[] {
  const all = root.getElementsByTagName('*');
  const n = all.length;
  const out: Element[] = [];
  for (let i = 0; i < n; i++) {
    const el = all[i];
    if (tags.has(el.tagName)) out.push(el);
  }
  return out;
}
