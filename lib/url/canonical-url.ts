// One article per canonical URL: tracking parameters, fragments, default ports and trailing slashes
// don't make a different article.
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

function siteOf(host: string): string {
  // Compare registrable-ish domains: strip "www." and keep the last two labels (three for short SLDs like co.uk).
  const parts = host.toLowerCase().replace(/^www\./, '').split('.');
  const keep = parts.length > 2 && parts[parts.length - 2].length <= 3 && parts[parts.length - 1].length === 2 ? 3 : 2;
  return parts.slice(-keep).join('.');
}

/**
 * The key an article is stored under: the page's declared canonical (rel=canonical / og:url) when it
 * belongs to the same site as the page, otherwise the page URL; normalised either way.
 */
export function articleKey(pageUrl: string, declaredCanonical?: string | null): string {
  if (declaredCanonical) {
    try {
      const d = new URL(declaredCanonical, pageUrl);
      const p = new URL(pageUrl);
      if ((d.protocol === 'http:' || d.protocol === 'https:') && siteOf(d.hostname) === siteOf(p.hostname)) {
        return canonicalUrl(d.href);
      }
    } catch {
      /* fall through to the page URL */
    }
  }
  return canonicalUrl(pageUrl);
}
