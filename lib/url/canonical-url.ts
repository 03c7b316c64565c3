// One article per canonical URL: tracking parameters, fragments, default ports and trailing slashes
// don't make a different article.
import { registrableDomain } from './host';

const TRACKING = /^(?:utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_.*|_hsenc|_hsmi|mkt_tok|igshid|ref_src|ref_url|cmpid|__twitter_impression|oly_enc_id|oly_anon_id|vero_.*|_ga|_gl|spm|s_cid|ncid|ocid|sr_share|at_medium|at_campaign)$/i;

/** Normalises a URL for de-duplication. Returns the input trimmed when it is not a parseable URL. */
export function canonicalUrl(input: string): string {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return input.trim();
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.href;
  u.hash = '';
  u.hostname = u.hostname.toLowerCase().replace(/\.$/, '');
  if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) u.port = '';
  const kept = [...u.searchParams].filter(([k]) => !TRACKING.test(k));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  if (u.pathname.length > 1) u.pathname = u.pathname.replace(/\/+$/, '') || '/';
  return u.href;
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
