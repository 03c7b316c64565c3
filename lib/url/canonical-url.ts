// One article per canonical URL: tracking parameters, fragments, default ports and trailing slashes
// don't make a different article. Which canonical a page may claim needs the Public Suffix List:
// that is lib/url/site.ts (articleKey), kept apart so the service worker can normalise without it.

const TRACKING =
  /^(?:utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_.*|_hsenc|_hsmi|mkt_tok|igshid|ref_src|ref_url|cmpid|__twitter_impression|oly_enc_id|oly_anon_id|vero_.*|_ga|_gl|spm|s_cid|ncid|ocid|sr_share|at_medium|at_campaign)$/i;

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
