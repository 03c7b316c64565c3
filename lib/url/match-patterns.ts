// Host permissions are asked as match patterns. A pattern has no port (Firefox rejects one; Chrome
// ignores it), so "http://127.0.0.1:8080" asks for "http://127.0.0.1/*", which covers every port.

/**
 * The part of `url` an origin is read from: up to the end of its authority (`scheme://host:port`), or
 * the whole string when it has no `://`. 100,000 waiting links share a few hundred of these, so each is
 * parsed once, not every link.
 */
function authorityPart(url: string): string {
  const i = url.indexOf('://');
  if (i < 0) return url;
  let k = i + 3;
  // "https:///host" and "https:\\host" are read as "https://host" by the URL parser.
  while (url[k] === '/' || url[k] === '\\') k++;
  const end = url.slice(k).search(/[/?#\\]/);
  return end < 0 ? url : url.slice(0, k + end);
}

/** Match patterns for the http(s) origins given; anything else is left out. Sorted, no duplicates. */
export function originPatterns(origins: string[]): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const o of origins) {
    const part = authorityPart(o);
    if (seen.has(part)) continue;
    seen.add(part);
    try {
      const u = new URL(part);
      if (u.protocol === 'http:' || u.protocol === 'https:') out.add(`${u.protocol}//${u.hostname}/*`);
    } catch {
      /* not a URL: nothing to ask for */
    }
  }
  return [...out].sort();
}
