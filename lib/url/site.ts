// Which site (registrable domain) a host belongs to by the Public Suffix List, private section
// included, so mallory.github.io and good.github.io are different sites; and so which canonical URL a
// page may claim. tldts carries the whole list (~140 kB minified): this module never goes into Chrome's
// service worker, which wakes on every page load. The offscreen document computes keys for it
// (lib/save/analyze-page.ts); Firefox's background page and the CLI call it in place.
import { parse } from 'tldts';
import { canonicalUrl } from './canonical-url';

/**
 * The registrable domain ("eTLD+1") of a hostname: `evil.co.uk` → `evil.co.uk`, `a.b.example.com` →
 * `example.com`, `mallory.github.io` → `mallory.github.io`. Null when there is none: IP addresses,
 * single-label hosts (localhost), a public suffix itself (`github.io`), and hosts whose suffix is not
 * on the list (`.local`, `.internal`; the list's catch-all rule would make any two labels a site).
 */
export function registrableDomain(hostname: string): string | null {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  const p = parse(h, { allowPrivateDomains: true, extractHostname: false });
  if (p.isIp || !(p.isIcann || p.isPrivate)) return null;
  return p.domain;
}

const bareHost = (h: string) => h.toLowerCase().replace(/\.$/, '');
const withoutWww = (h: string) => h.replace(/^www\./, '');

/**
 * Whether a page on `pageHost` may name a URL on `claimedHost` as its canonical: the same host, or,
 * within one registrable domain (Public Suffix List), hosts where one is the other or its parent once
 * a leading "www." is set aside (`m.example.com` → `www.example.com`). Siblings are refused:
 * blogging platforms missing from the list (substack.com, medium.com, wordpress.com, tumblr.com)
 * give every author a sibling subdomain, and one author's page must not replace another's article.
 * Hosts without a registrable domain (IP addresses, localhost, unknown suffixes) match only themselves.
 */
export function mayClaim(pageHost: string, claimedHost: string): boolean {
  const page = bareHost(pageHost);
  const claimed = bareHost(claimedHost);
  if (page === claimed) return true;
  const site = registrableDomain(page);
  if (!site || site !== registrableDomain(claimed)) return false;
  const a = withoutWww(page);
  const b = withoutWww(claimed);
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * The key an article is stored under: the page's declared canonical (rel=canonical / og:url) when the
 * page may claim it (`mayClaim`), otherwise the page URL; normalised either way.
 */
export function articleKey(pageUrl: string, declaredCanonical?: string | null): string {
  if (declaredCanonical) {
    try {
      const d = new URL(declaredCanonical, pageUrl);
      const p = new URL(pageUrl);
      if ((d.protocol === 'http:' || d.protocol === 'https:') && mayClaim(p.hostname, d.hostname)) {
        return canonicalUrl(d.href);
      }
    } catch {
      /* fall through to the page URL */
    }
  }
  return canonicalUrl(pageUrl);
}
