// Hosts of URLs: which host a URL names and how it is shown. No Public Suffix List here (that is
// lib/url/site.ts): these run in the service worker, which must not load the list on every wake-up.

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
