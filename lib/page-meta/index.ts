// The page's raw metadata, read once per extraction and shared by lib/extract (title, byline, dates)
// and lib/tags (publisher tags): JSON-LD objects and the <meta> elements. Reads the ORIGINAL document:
// extraction clones strip <script>, where JSON-LD lives.

export type Json = Record<string, unknown>;

const CDATA_MARKERS = /^\s*(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>\s*$/g;

/**
 * All JSON-LD objects of the page: @graph, mainEntity and mainEntityOfPage flattened. Broken blocks
 * are skipped. Parsed once per extraction and shared with the publisher-tag reader.
 */
export function jsonLdObjects(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 6 || v == null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Json;
    out.push(o);
    if (o['@graph']) visit(o['@graph'], depth + 1);
    if (o.mainEntity) visit(o.mainEntity, depth + 1);
    if (o.mainEntityOfPage && typeof o.mainEntityOfPage === 'object') visit(o.mainEntityOfPage, depth + 1);
  };
  // The selector narrows to likely blocks natively (pages carry dozens of other scripts); the exact
  // type test follows.
  for (const s of doc.querySelectorAll('script[type*="ld+json" i]')) {
    if (s.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    // CDATA markers (some CMSs wrap the block in them, "//"-commented or not) are not JSON.
    // (Tested for first: the pattern scans the whole block, and most pages have no markers.)
    const text = s.textContent ?? '';
    const raw = (text.includes('<![CDATA[') || text.includes(']]>') ? text.replace(CDATA_MARKERS, '') : text).trim();
    if (!raw) continue;
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // Some sites leave raw newlines/control characters in strings: retry once without them.
      try {
        visit(JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' ')), 0);
      } catch {
        /* unusable block */
      }
    }
  }
  return out;
}

export type MetaMap = Map<string, string>;

export interface MetaTables {
  /** name/property/itemprop/http-equiv (lower-cased) → first non-empty content, trimmed. */
  first: MetaMap;
  /** name/property (lower-cased) → every content, as written (article:tag repeats): for publisher tags. */
  all: Map<string, string[]>;
  /** Each <meta> with a content: its content trimmed, property and name as written (lib/extract's
   * Readability-style reading needs them raw; kept so that nothing reads the elements twice). */
  rows: MetaRow[];
}

export interface MetaRow {
  content: string;
  property: string | null;
  name: string | null;
}

/** Both views of the page's <meta> elements in one pass (each attribute read is a call into the DOM). */
export function metaTables(doc: Document): MetaTables {
  const first: MetaMap = new Map();
  const all = new Map<string, string[]>();
  const rows: MetaRow[] = [];
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i];
    const raw = m.getAttribute('content');
    if (!raw) continue;
    const rawProp = m.getAttribute('property');
    const rawName = m.getAttribute('name');
    rows.push({ content: raw.trim(), property: rawProp, name: rawName });
    const prop = rawProp?.trim().toLowerCase();
    const name = rawName?.trim().toLowerCase();
    for (const k of name && name !== prop ? [prop, name] : [prop]) {
      if (!k) continue;
      const vs = all.get(k);
      if (vs) vs.push(raw);
      else all.set(k, [raw]);
    }
    const content = raw.trim();
    if (!content) continue;
    for (const k of [prop, name, m.getAttribute('itemprop')?.trim().toLowerCase(), m.getAttribute('http-equiv')?.trim().toLowerCase()]) {
      if (k && !first.has(k)) first.set(k, content);
    }
  }
  return { first, all, rows };
}
