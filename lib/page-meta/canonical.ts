// The page's declared canonical address, read as the extraction reads it (lib/extract/core.ts): the first
// <link rel=canonical>, else the first non-empty og:url, resolved against the page URL. Small and
// DOM-only, for the always-on detection script: the background looks the page up in the library by it.

const resolve = (u: string | null | undefined, base: string): string | null => {
  if (!u) return null;
  try {
    return new URL(u.trim(), base).href;
  } catch {
    return null;
  }
};

export function declaredCanonical(doc: Document, pageUrl: string = doc.URL): string | null {
  for (const l of doc.getElementsByTagName('link')) {
    if (l.getAttribute('rel')?.toLowerCase() === 'canonical') return resolve(l.getAttribute('href'), pageUrl);
  }
  // og:url as metaTables keys it: property, name, itemprop or http-equiv, first non-empty content.
  for (const m of doc.querySelectorAll(
    'meta[property="og:url" i], meta[name="og:url" i], meta[itemprop="og:url" i], meta[http-equiv="og:url" i]',
  )) {
    const c = m.getAttribute('content')?.trim();
    if (c) return resolve(c, pageUrl);
  }
  return null;
}
