// Host permissions are asked as match patterns. A pattern has no port (Firefox rejects one; Chrome
// ignores it), so "http://127.0.0.1:8080" asks for "http://127.0.0.1/*", which covers every port.

/** Match patterns for the http(s) origins given; anything else is left out. Sorted, no duplicates. */
export function originPatterns(origins: string[]): string[] {
  const out = new Set<string>();
  for (const o of origins) {
    try {
      const u = new URL(o);
      if (u.protocol === 'http:' || u.protocol === 'https:') out.add(`${u.protocol}//${u.hostname}/*`);
    } catch {
      /* not a URL: nothing to ask for */
    }
  }
  return [...out].sort();
}
