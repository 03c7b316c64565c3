// Article titles: the page's <title> read as Readability does (plus en/em dashes and the full-width bars of
// Japanese and Chinese sites), and a site name taken off the start or end of whatever title we use.
import { NOT_LETTER_OR_DIGIT } from './letter-class';

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/g;
/** " | ", " - ", " – ", " — ", " / ", " \ ", " > ", " » ", and "｜" / "│" with or without spaces. */
const SEPARATOR = / [|\-\\/>»–—] |\s*[｜│]\s*/g;
const HIERARCHICAL = / [\\/>»] /;

/** Words, counting about two CJK characters as one (those scripts write no spaces between words). */
export function wordCount(s: string): number {
  let n = 0;
  for (const tok of s.trim().split(/\s+/)) {
    if (!tok) continue;
    const cjk = tok.match(CJK)?.length ?? 0;
    n += cjk ? Math.max(1, Math.ceil(cjk / 2)) : 1;
  }
  return n;
}

/**
 * The document's <title>, cut at its last separator when what stays is long enough (Readability 0.6's
 * `_getArticleTitle`, with the dashes its later versions added): "Story | Site" gives "Story".
 */
export function documentTitle(doc: Document): string {
  const orig = (doc.title ?? '').replace(/\s+/g, ' ').trim();
  let cur = orig;
  let hierarchical = false;
  const seps = [...orig.matchAll(SEPARATOR)];
  if (seps.length) {
    hierarchical = HIERARCHICAL.test(orig);
    const last = seps[seps.length - 1];
    cur = orig.slice(0, last.index);
    if (wordCount(cur) < 3) cur = orig.slice(seps[0].index! + seps[0][0].length);
  } else if (orig.includes(': ')) {
    // A heading with exactly this text means the colon belongs to the title.
    const heads = [...doc.getElementsByTagName('h1'), ...doc.getElementsByTagName('h2')];
    if (!heads.some((h) => h.textContent?.trim() === orig)) {
      cur = orig.slice(orig.lastIndexOf(':') + 1);
      if (wordCount(cur) < 3) cur = orig.slice(orig.indexOf(':') + 1);
      else if (wordCount(orig.slice(0, orig.indexOf(':'))) > 5) cur = orig;
    }
  } else if (orig.length > 150 || orig.length < 15) {
    const h1 = doc.getElementsByTagName('h1');
    if (h1.length === 1) cur = h1[0].textContent ?? '';
  }
  cur = cur.replace(/\s+/g, ' ').trim();
  // Four words or fewer left: keep the whole title, unless a hierarchical separator cut off one part.
  const n = wordCount(cur);
  if (n <= 4 && (!hierarchical || n !== wordCount(orig.replace(/[|\-\\/>»–—｜│]+/g, '')) - 1)) cur = orig;
  return cur;
}

let NON_WORD: RegExp | null = null;
/** Lower case, letters and digits only, a trailing ".com"-like suffix dropped: "Salon.com" ~ "salon". */
export function siteKey(s: string): string {
  const t = s
    .toLowerCase()
    .trim()
    .replace(/\.(?:com|org|net|co\.[a-z]{2}|[a-z]{2})$/, '');
  return t.replace((NON_WORD ??= new RegExp(`${NOT_LETTER_OR_DIGIT}+`, 'g')), '');
}

/** Separators between a title and a site name (looser than SEPARATOR: a colon and "·" count here). */
const AFFIX_SEPARATOR = /\s+[|\-–—:»·•~/\\]\s+|\s*[｜│：]\s*/g;

/**
 * Removes a trailing or leading segment that names the site ("Story | Site", "記事 - サイト名", "Site: Story").
 * `sites` are the names the page gives itself (og:site_name, publisher...; "Name - Tagline" counts as
 * "Name" too); `hosts` the labels of its host name, which only ever match a trailing segment. A title
 * that would keep fewer than two words stays as it is.
 */
export function stripSiteName(title: string, sites: (string | null | undefined)[], hosts: string[] = []): string {
  const t = title.replace(/\s+/g, ' ').trim();
  const named = new Set<string>();
  for (const s of sites) {
    if (!s) continue;
    named.add(siteKey(s));
    const parts = s.split(AFFIX_SEPARATOR);
    if (parts.length > 1) named.add(siteKey(parts[0]));
  }
  named.delete('');
  // A title that is itself the site's name (a home page's tags) has nothing to strip.
  if (named.has(siteKey(t))) return t;
  const any = new Set([...named, ...hosts.map(siteKey).filter((k) => k.length >= 3)]);
  const seps = [...t.matchAll(AFFIX_SEPARATOR)];
  if (!seps.length || !any.size) return t;
  const last = seps[seps.length - 1],
    first = seps[0];
  const tail = t.slice(last.index! + last[0].length),
    head = t.slice(0, first.index);
  let out = t;
  if (any.has(siteKey(tail))) out = t.slice(0, last.index);
  else if (named.has(siteKey(head))) out = t.slice(first.index! + first[0].length);
  return out !== t && wordCount(out) >= 2 ? out.trim() : t;
}

/**
 * The host's labels as site-name candidates ("www.salon.com" → "salon"): a title segment equal to one of
 * them names the site. No Public Suffix List needed for that (and none in the page-side script).
 */
export function hostLabels(url: string | null | undefined): string[] {
  try {
    const labels = new URL(url ?? '').hostname.split('.');
    return labels.slice(0, -1).filter((l) => !/^www\d*$/.test(l));
  } catch {
    return [];
  }
}
