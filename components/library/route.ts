// The library page's routes, in the URL's hash so Back, reload and links work:
//   (none)                    the article list
//   #highlights               All highlights
//   #article/<id>             the reader
//   #article/<id>?h=<hid>     the reader, opened at one highlight
//   #settings/sync            Settings → Sync

export type Route =
  { kind: 'list' } | { kind: 'highlights' } | { kind: 'sync-settings' } | { kind: 'article'; id: number; highlightId?: string };

export function parseRoute(hash: string): Route {
  if (hash === '#highlights') return { kind: 'highlights' };
  if (hash === '#settings/sync') return { kind: 'sync-settings' };
  const m = /^#article\/(\d+)(?:\?(.*))?$/.exec(hash);
  if (!m) return { kind: 'list' };
  const h = m[2] ? new URLSearchParams(m[2]).get('h') : null;
  return h ? { kind: 'article', id: Number(m[1]), highlightId: h } : { kind: 'article', id: Number(m[1]) };
}

/** The hash for a route ('' for the list). */
export function routeHash(r: Route): string {
  if (r.kind === 'highlights') return '#highlights';
  if (r.kind === 'sync-settings') return '#settings/sync';
  if (r.kind === 'list') return '';
  return r.highlightId ? `#article/${r.id}?${new URLSearchParams({ h: r.highlightId })}` : `#article/${r.id}`;
}
