// Is the page in this tab already in the library? Asked by the background on every page visit (the
// detection report), so it must not need the Public Suffix List (tldts, 136 kB) that the store's key
// (lib/url/canonical-url articleKey) uses to decide whether a page may claim a canonical on another
// host. Exact without it:
// - no declared canonical (or an unusable one): the key is the page URL, normalised;
// - a canonical on the page's own host: the key is the canonical, normalised (a host may always claim
//   itself);
// - a canonical on another host, stored with an original link on this page's host: that host's claim
//   was accepted when it was saved (the key can only move to another host through an accepted claim,
//   and the original link never moves host), so it is accepted now.
// Anything else (a canonical on another host with no such proof) is asked of `resolveKey` (the store's
// own key function, wherever it runs); without one the page counts as not saved: the popup, which
// computes the key exactly, still shows it as saved.
import type { ArticleRecord, GistDB } from '../db/schema';
import { canonicalUrl } from '../url/canonical-url';

export type ResolveKey = (pageUrl: string, declaredCanonical: string) => Promise<string>;

const hostname = (u: string): string | null => {
  try {
    return new URL(u).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
};

/** The declared canonical as a normalised web URL (relative ones resolved against the page), or null. */
function claimedKey(pageUrl: string, declared: string | null | undefined): string | null {
  if (!declared) return null;
  try {
    const d = new URL(declared, pageUrl);
    return d.protocol === 'http:' || d.protocol === 'https:' ? canonicalUrl(d.href) : null;
  } catch {
    return null;
  }
}

/**
 * The stored article for this page, if any, under the key a save would use. `db` is read only through
 * the `url` index (at most two keys) and, in the undecided case, `resolveKey`.
 */
export async function findSavedPage(
  db: GistDB,
  pageUrl: string,
  declared: string | null | undefined,
  resolveKey?: ResolveKey,
): Promise<ArticleRecord | undefined> {
  const pageKey = canonicalUrl(pageUrl);
  const claimed = claimedKey(pageUrl, declared);
  const byKey = (key: string) => db.articles.where('url').equals(key).first();
  if (!/^https?:/i.test(pageKey)) return undefined; // only web pages are saved
  if (!claimed || claimed === pageKey) return byKey(pageKey);
  const pageHost = hostname(pageKey);
  if (hostname(claimed) === pageHost) return byKey(claimed);
  // Another host: both candidate keys in one indexed read.
  const rows = await db.articles.where('url').anyOf([claimed, pageKey]).toArray();
  const atClaimed = rows.find((r) => r.url === claimed);
  if (atClaimed && hostname(atClaimed.originalUrl) === pageHost) return atClaimed;
  if (!rows.length || !resolveKey) return undefined;
  const key = await resolveKey(pageUrl, declared!);
  return rows.find((r) => r.url === key);
}
