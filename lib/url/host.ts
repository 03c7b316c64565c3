// Hosts of URLs: which host a URL names, how it is shown, and which site (registrable domain) it
// belongs to by the Public Suffix List, private section included, so mallory.github.io and
// good.github.io are different sites.
import { parse } from 'tldts';

/** The URL's host as `URL.host` gives it (lowercase, with a non-default port); null when it has none or is not a URL. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

/** The host as shown to people: the hostname without a leading "www."; null when it has none or is not a URL. */
export function displayHost(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

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
