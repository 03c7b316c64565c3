// One page can sit in the shared corpora under several names: Mozilla Readability's test pages are
// also among the detection pages (rd-NNN), two newspaper4k pages of the detection corpus are Zyte pages,
// and Readability keeps one Lifehacker article saved twice. Each name hashing to its own half
// (splits.ts) would put a page in train under one name and in held-out under another, so the halves
// are drawn from one canonical name per page: these twin groups, found from the corpora's own records.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { DETECT_DIR, haveDetect, haveReadabilityPages, haveZyte, readabilityPages, zytePages } from './corpora';

export type Corpus = 'detection' | 'zyte' | 'readability';
/** A page by corpus and name: "detection:rd-001", "zyte:<id>", "readability:<slug>". */
export type PageRef = `${Corpus}:${string}`;

/** A group's canonical member is from the first corpus of this order, so adding pages to a later one never moves a half. */
const PRIORITY: Corpus[] = ['readability', 'zyte', 'detection'];

/** The address as one key: no scheme, no "www.", host lower-cased, no fragment, no trailing slash. */
export function addressKey(url: string): string | null {
  try {
    const u = new URL(url.trim());
    return `${u.host.toLowerCase().replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return null;
  }
}

/** The <link rel="canonical"> a saved page declares in its head (Readability's pages record no address of their own). */
export function declaredCanonical(html: string): string | null {
  const body = html.search(/<body[\s>]/i);
  let href: string | null = null;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (href === null && name === 'link' && /(^|\s)canonical(\s|$)/i.test(attrs.rel ?? '') && attrs.href) href = attrs.href;
    },
  });
  parser.end(body < 0 ? html : html.slice(0, body)); // the head only: a body is most of a page's bytes
  return href;
}

/** The Readability test page a detection page was copied from, by its source path in labels.json. */
export const readabilitySlugOf = (source: string | undefined): string | null =>
  /^mozilla\/readability:test\/test-pages\/([^/]+)\//.exec(source ?? '')?.[1] ?? null;

/**
 * Pages that are the same page under two or more names, each group sorted canonical first. Linked by:
 * a detection page's source path naming a Readability test page; the same address (the one the
 * detection labels or Zyte's ground truth record, or for a Readability page, which records none, the
 * canonical link it declares; not the others' canonical links: page N of a listing declares page 1's).
 * Content-identical pages are checked against these groups by tests/unit/splits.test.ts.
 */
export function findTwinGroups(): PageRef[][] {
  const parent = new Map<PageRef, PageRef>();
  const find = (p: PageRef): PageRef => {
    let r = p;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(p, r);
    return r;
  };
  const add = (p: PageRef) => parent.has(p) || parent.set(p, p);
  const link = (a: PageRef, b: PageRef) => {
    add(a);
    add(b);
    parent.set(find(a), find(b));
  };
  const byAddress = new Map<string, PageRef>();
  const address = (p: PageRef, url: string | null | undefined) => {
    const key = url ? addressKey(url) : null;
    if (!key) return;
    const seen = byAddress.get(key);
    if (seen) link(seen, p);
    else byAddress.set(key, p);
  };
  if (haveReadabilityPages())
    for (const p of readabilityPages()) address(`readability:${p.slug}`, declaredCanonical(readFileSync(p.file, 'utf8')));
  if (haveZyte()) for (const p of zytePages()) address(`zyte:${p.id}`, p.url);
  if (haveDetect()) {
    const labels = JSON.parse(readFileSync(join(DETECT_DIR, 'labels.json'), 'utf8')) as Record<
      string,
      { source?: string; url: string | null }
    >;
    for (const [id, { source, url }] of Object.entries(labels)) {
      const slug = readabilitySlugOf(source);
      if (slug) link(`detection:${id}`, `readability:${slug}`);
      address(`detection:${id}`, url);
    }
  }
  const groups = new Map<PageRef, PageRef[]>();
  for (const p of parent.keys()) groups.set(find(p), [...(groups.get(find(p)) ?? []), p]);
  const rank = (p: PageRef) => PRIORITY.indexOf(refParts(p)[0]);
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => g.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)))
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** A page reference's corpus and name. */
export function refParts(p: PageRef): [Corpus, string] {
  const i = p.indexOf(':');
  return [p.slice(0, i) as Corpus, p.slice(i + 1)];
}

let canonical: Map<PageRef, string> | null = null;
/** The name a page's half is drawn from: its group's canonical member's name, else its own. */
export function canonicalName(corpus: Corpus, name: string): string {
  if (!canonical) {
    canonical = new Map();
    for (const g of findTwinGroups()) for (const p of g) canonical.set(p, refParts(g[0])[1]);
  }
  return canonical.get(`${corpus}:${name}`) ?? name;
}
