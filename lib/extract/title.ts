// Article titles: the page's <title> read as Readability does (plus en/em dashes and the full-width bars of
// Japanese and Chinese sites), and a site name taken off the start or end of whatever title we use.
import type { SiteMatcher } from './site-name';
import { similarity } from './similarity';

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/g;
/** The same class without the global flag, for a stateless test. */
const HAS_CJK = new RegExp(CJK.source);
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

/** Separators between a title and a site name (looser than SEPARATOR: a colon and "·" count here). */
const AFFIX_SEPARATOR = /\s+[|\-–—:»·•~/\\]\s+|\s*[｜│：]\s*/g;
/** Separators a headline is cut at to match a heading: a colon only with a space on both sides ("Story : Section"), as headlines hold "Review: …". */
const PART_SEPARATOR = /\s+[|\-–—»·•~/\\:]\s+|\s*[｜│]\s*/g;

/**
 * Where a trailing site name starts in `t` (at its separator), or -1: the last segment when it names the
 * site in any way (see SiteMatcher.any), else the longest run of last segments that is one of the site's
 * declared names, separators and all ("Story - Remember 80/90 - Memorabilia" for a site named
 * "Remember 80/90 - Memorabilia").
 */
function siteNameStart(t: string, seps: RegExpExecArray[] | RegExpMatchArray[], site: SiteMatcher): number {
  const last = seps[seps.length - 1];
  if (site.any(t.slice(last.index! + last[0].length))) return last.index!;
  for (let i = 0; i < seps.length - 1; i++) {
    const m = seps[i];
    if (site.named(t.slice(m.index! + m[0].length))) return m.index!;
  }
  return -1;
}

/**
 * Removes a trailing or leading segment that names the site ("Story | Site", "記事 - サイト名", "Site: Story").
 * A leading segment must be one of the site's own names; a trailing one may also be a host label or a
 * home link's text (see siteMatcher). A title that would keep fewer than two words stays as it is.
 */
export function stripSiteName(title: string, site: SiteMatcher): string {
  const t = title.replace(/\s+/g, ' ').trim();
  // A title that is itself the site's name (a home page's tags) has nothing to strip.
  if (site.empty || site.named(t)) return t;
  const seps = [...t.matchAll(AFFIX_SEPARATOR)];
  if (!seps.length) return t;
  const first = seps[0];
  const head = t.slice(0, first.index);
  let out = t;
  const cut = siteNameStart(t, seps, site);
  if (cut >= 0) out = t.slice(0, cut);
  else if (site.named(head)) out = t.slice(first.index! + first[0].length);
  return out !== t && wordCount(out) >= 2 ? out.trim() : t;
}

/**
 * For comparing a title with a heading: compatibility forms, one kind of quote, case and spacing ignored,
 * and a heading's trailing "¶" permalink (documentation generators add one to every heading).
 */
function norm(s: string): string {
  return s
    .replace(/¶\s*$/, '')
    .normalize('NFKC')
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * `s` and each run of its parts from the start ("A | B | C": A | B | C, A | B, A). Not runs from the
 * end: a documentation site's header <h1> often repeats the title's last part ("… — evolve extension
 * for Mercurial").
 */
function parts(s: string): string[] {
  const out = [s];
  for (const m of s.matchAll(PART_SEPARATOR)) out.push(s.slice(0, m.index).trim());
  return out;
}

/** The page's headings that may be its headline: every <h1>, and anything marked itemprop=headline. */
function headings(doc: Document): Set<string> {
  const out = new Set<string>();
  const els = doc.body?.querySelectorAll('h1, [itemprop~="headline"]') ?? [];
  for (let i = 0; i < els.length && i < 20; i++) {
    const t = els[i].textContent ?? '';
    if (t.length < 400) out.add(norm(t));
  }
  out.delete('');
  return out;
}

/**
 * The page's headline where its own heading confirms a title candidate: the metadata title (`base`)
 * or a part of it ("Story | Section | Site" with <h1>Story</h1> gives "Story", whatever the site calls
 * itself), else a part of the document's <title> when the metadata title is a variant no heading
 * shows (an og:title written as a teaser). A part must have two words or more and not name the site
 * (a logo in an <h1>). Null when no heading matches.
 */
export function confirmedHeadline(doc: Document, base: string, site: SiteMatcher): string | null {
  const heads = headings(doc);
  if (!heads.size) return null;
  const titleEndsWithSite = (whole: string): boolean => {
    const last = whole.split(PART_SEPARATOR).at(-1) ?? '';
    // A last part another <h1> shows is the site's header ("Page — evolve extension for Mercurial").
    if (HAS_CJK.test(last) || site.any(last) || heads.has(norm(last))) return true;
    const seps = [...whole.matchAll(AFFIX_SEPARATOR)];
    return seps.length > 1 && siteNameStart(whole, seps, site) >= 0;
  };
  const pick = (s: string, siteTailOnly: boolean): string | null => {
    const whole = s.replace(/\s+/g, ' ').trim();
    const ps = parts(whole);
    // What a cut would drop must end with the site's name ("Story | Section | Site"): an author's name
    // or a series after the headline ("Story | Jane Doe", "Chapter 3 - The Series") is part of its title.
    // Chinese, Japanese and Korean titles end in the site's own-script name, which the page often declares
    // only in Latin letters (og:site_name "Tani Shimbun" for "谷新聞"): there the heading alone decides.
    // (Asked only when a cut is a candidate: matching the site may read the page's home links.)
    let siteAtEnd: boolean | undefined;
    const endsWithSite = () => (siteAtEnd ??= titleEndsWithSite(whole));
    let best: string | null = null;
    for (const p of ps) {
      if (!heads.has(norm(p)) || wordCount(p) < 2 || (p !== whole && site.any(p))) continue;
      if (p !== whole && siteTailOnly && !endsWithSite()) continue;
      if (!best || p.length > best.length) best = p;
    }
    return best;
  };
  const own = pick(base, true);
  if (own) return own;
  // The <title>'s headline replaces a metadata title only when the two share few words: a teaser,
  // not a variant of the same headline ("Dropbox’s ATF - an async…" vs "Dropbox ATF: an async…").
  const fromDoc = pick(doc.title ?? '', false);
  return fromDoc && similarity(fromDoc, base) < 0.5 ? fromDoc : null;
}

/**
 * The article's title: the metadata title or, without one, the document's <title> read as
 * Readability reads it; then the headline the page's own heading confirms, if any; then a segment
 * naming the site taken off (a heading may show the site's name too).
 */
export function articleTitle(doc: Document, metaTitle: string | null, site: SiteMatcher): string {
  const base = metaTitle ?? documentTitle(doc);
  return stripSiteName(confirmedHeadline(doc, base, site) ?? base, site);
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
