// Does a piece of a title or byline name the site? Shared by titles ("Story | Site") and bylines
// ("Jane Doe, CNN"): the page's own names for itself (og:site_name, application-name, JSON-LD
// publisher or WebSite, the text of its home link) and the labels of its host name.
import { NOT_LETTER_OR_DIGIT } from './letter-class';

let NON_WORD: RegExp | null = null;
const nonWord = () => (NON_WORD ??= new RegExp(`${NOT_LETTER_OR_DIGIT}+`, 'g'));

/** Lower case, letters and digits only, a scheme, "www." and a trailing ".com"-like suffix dropped: "Salon.com" ~ "salon". */
export function siteKey(s: string): string {
  const t = s
    .toLowerCase()
    .trim()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\d*\./, '')
    .replace(/\/+$/, '')
    .replace(/\.(?:com|org|net|co\.[a-z]{2}|[a-z]{2})$/, '');
  return t.replace(nonWord(), '');
}

function words(s: string): string[] {
  return s.toLowerCase().split(nonWord()).filter(Boolean);
}

/** Separators inside a site name: "Name - Tagline" names the site "Name" too. */
const NAME_SEPARATOR = /\s+[|\-–—:»·•~/\\]\s+|\s*[｜│：]\s*/;

export interface SiteMatcher {
  /** `text` is one of the site's names, or one of them plus or minus a word or two ("CNN Politics" for "CNN"). */
  named(text: string): boolean;
  /** As `named`, or equal to a label of the host name ("salon" for www.salon.com) or a home link's text. */
  any(text: string): boolean;
  /** Nothing to match against. */
  empty: boolean;
}

/**
 * A matcher for the site's names (`hosts`: the host name's labels; `homeNames`: see homeLinkNames). A segment matches a name when their keys are equal, or when the
 * words of one start with all the words of the other and the longer has at most two words more: a
 * site's section ("CNN Politics", "BBC News Online") or a name given in full elsewhere ("谷新聞 電子版").
 * `homeNames` may be a function: it is called only when a match needs them (no other name matched),
 * as reading them walks every link of the page, a cost paid on each cold extraction.
 */
export function siteMatcher(
  names: (string | null | undefined)[],
  hosts: string[] = [],
  homeNames: string[] | (() => string[]) = [],
): SiteMatcher {
  const keys = new Set<string>();
  const wordLists: string[][] = [];
  for (const s of names) {
    if (!s) continue;
    for (const n of [s, s.split(NAME_SEPARATOR)[0]]) {
      const k = siteKey(n);
      if (!k || keys.has(k)) continue;
      keys.add(k);
      wordLists.push(words(n.replace(/^[a-z]+:\/\/(?:www\d*\.)?/i, '')));
    }
  }
  // Host labels and home-link texts match only whole: a nav link to "/" may read "News".
  const hostKeys = new Set(hosts.map(siteKey).filter((k) => k.length >= 3));
  const domain = domainKey(hosts);
  let homeKeys: Set<string> | null = null;
  const home = () => (homeKeys ??= new Set((typeof homeNames === 'function' ? homeNames() : homeNames).map(siteKey).filter(Boolean)));
  const named = (text: string): boolean => {
    const k = siteKey(text);
    if (!k) return false;
    if (keys.has(k)) return true;
    const w = words(text);
    return wordLists.some((n) => {
      const [short, long] = n.length <= w.length ? [n, w] : [w, n];
      if (!short.length || long.length - short.length > 2 || short.join('').length < 3) return false;
      return short.every((x, i) => x === long[i]);
    });
  };
  return {
    named,
    any: (text) => {
      if (named(text)) return true;
      const k = siteKey(text);
      return hostKeys.has(k) || (!!domain && namesDomain(text, domain)) || home().has(k);
    },
    get empty() {
      return !keys.size && !hostKeys.size && !home().size;
    },
  };
}

/** Labels of a host that name no site: "www.bbc.co.uk" gives "bbc" and "co", "news.yahoo.com" "news" and "yahoo". */
const GENERIC_LABEL = /^(?:co|com|org|net|gov|edu|ac|or|ne|go|news|blog|blogs|m|amp|mobile|edition|en|de|fr|es|it|ja|jp)$/;

/** The host label that names the site: the last one, second-level parts and generic sub-domains skipped. */
function domainKey(hosts: string[]): string | null {
  for (let i = hosts.length - 1; i >= 0; i--) {
    const k = siteKey(hosts[i]);
    if (k.length >= 3 && !GENERIC_LABEL.test(k)) return k;
  }
  return null;
}

/**
 * A title or byline part that spells the site's domain in words: all of them ("The Washington Post" on
 * washingtonpost.com, "Tech Crunch" on techcrunch.com) or the domain's word and at most two more ("CBC
 * News" on cbc.ca, "Yahoo News" on news.yahoo.com). A leading "The" is not part of the name.
 */
function namesDomain(text: string, domain: string): boolean {
  const w = words(text);
  if (w[0] === 'the' && w.length > 1) w.shift();
  if (!w.length || w.length > 5) return false;
  return w.join('') === domain || (w[0] === domain && w.length <= 3);
}

const ROOT_HREF = /^(?:(?:https?:)?\/\/[^/?#]+)?\/?(?:index\.[a-z]+)?$/i;

/**
 * The names a page gives its home page in its own links (a logo's alt text, a masthead link), at most
 * a few words each: `<a href="/"><img alt="谷新聞"></a>`. Pages without og:site_name often have one.
 */
export function homeLinkNames(doc: Document, url: string | null | undefined): string[] {
  let origin: string;
  try {
    origin = new URL(url ?? doc.URL).origin;
  } catch {
    return [];
  }
  const out: string[] = [];
  const links = doc.body?.getElementsByTagName('a') ?? [];
  for (let i = 0; i < links.length && out.length < 8; i++) {
    const a = links[i];
    const href = a.getAttribute('href')?.trim();
    // Only a root path can be the home page: most links are skipped before any URL is parsed.
    if (!href || !ROOT_HREF.test(href)) continue;
    let u: URL;
    try {
      u = new URL(href, url ?? doc.URL);
    } catch {
      continue;
    }
    if (u.origin !== origin || !/^\/(?:index\.[a-z]+)?$/i.test(u.pathname) || u.search || u.hash) continue;
    const img = a.querySelector('img[alt]');
    for (const t of [a.getAttribute('title'), a.getAttribute('aria-label'), img?.getAttribute('alt'), a.textContent]) {
      const s = t?.replace(/\s+/g, ' ').trim();
      if (s && s.length <= 40 && words(s).length <= 5 && !out.includes(s)) out.push(s);
    }
  }
  return out;
}
