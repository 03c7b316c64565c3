// The tags a publisher declared in the page's metadata, filtered: the string-only filtering
// (filterPublisherTags) that the background can re-apply; the raw reading from the DOM is in
// raw-publisher-tags.ts (the tab's extraction script bundles that file alone). Entities left in tag text
// ("Bones&#039;", "Q&amp;A") are decoded as in an attribute value (a missing ';' forgiven, "&notes" kept): by
// the page's own parser when reading the page, by the entities package here.
import { decodeHTMLAttribute } from 'entities';
import type { Decode } from '../page-meta/decode';
import { jsonLdObjects, type Json } from '../page-meta/index';
import { displayTag, tagKey, tagWords } from './normalize';
import { metaValues, rawPublisherTags, splitList } from './raw-publisher-tags';

export { MAX_TAGS_PER_SOURCE, publisherTagSources, rawPublisherTags, splitList, TAG_META_KEYS } from './raw-publisher-tags';

/** Tags longer than this many words are sentences, not tags. */
export const MAX_TAG_WORDS = 5;
/** How many publisher tags are kept at most. */
export const MAX_PUBLISHER_TAGS = 20;

// Words that say nothing about an article's topic (compared on the whole lowercased tag). Built on
// first use (filtering runs on a save, not when this module loads with the tag code).
let GENERIC_SET: Set<string> | null = null;
const generic = () =>
  (GENERIC_SET ??= new Set(
    `news article articles story stories home homepage index main default page pages post posts blog blogs
  latest breaking breaking news top top stories top news featured feature features video videos photo photos
  gallery galleries image images audio podcast live uncategorized uncategorised general other misc
  miscellaneous all more web online free sponsored sponsor ad ads advertisement premium subscriber exclusive
  newsletter trending editor's picks editors picks editor picks popular recommended must read
  read more full story opinion opinions comment comments analysis local world national international
  english en today hp homepage-news frontpage front page none null undefined n/a na test tags tag
  nachrichten news-article explainer explainers update updates headlines slideshow evergreen syndicated
  wire ap afp reuters associated press`
      .split(/\s+/)
      .filter(Boolean),
  ));
const GENERIC_PHRASES = new Set([
  'breaking news',
  'top stories',
  'top news',
  'editors picks',
  "editor's picks",
  'must read',
  'read more',
  'full story',
  'front page',
  'associated press',
  'press release',
]);

export interface PublisherTagContext {
  siteName?: string | null;
  url?: string | null;
}

/** The site's name and its host's main label as tag keys. */
export function siteKeys(ctx: PublisherTagContext): Set<string> {
  const keys = new Set<string>();
  if (ctx.siteName) {
    keys.add(tagKey(ctx.siteName));
    keys.add(tagKey(ctx.siteName.replace(/^the\s+/i, '')));
  }
  if (ctx.url) {
    try {
      const host = new URL(ctx.url).hostname.replace(/^www\d*\.|^m\./, '');
      const labels = host.split('.');
      // "nytimes.com" -> "nytimes", "bbc.co.uk" -> "bbc", also the whole host.
      keys.add(tagKey(host));
      const main = labels.length > 2 && labels[labels.length - 2].length <= 3 ? labels[labels.length - 3] : labels[labels.length - 2];
      if (main) keys.add(tagKey(main));
    } catch {
      /* not a URL: nothing to compare against */
    }
  }
  keys.delete('');
  return keys;
}

/** True for strings that are identifiers or markup rather than tags. */
function isCode(tag: string): boolean {
  return (
    /^_|\s[-–|]\s/.test(tag) || // "_no-apple-news", "MC Complete - State & National"
    /^[a-z]{1,2}$/.test(tag) || // "tc", "hp": lowercase scraps; "EU", "EV" stay
    /^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|co|uk|de|fr|info|biz|tv|me|in|ru|jp|cn)$/i.test(tag) || // domains
    /^(?:tag|tags|section|category|cat|type|topic|subject|format|template|author|id)[-_]/i.test(tag) ||
    /\d[.:]\p{L}|\p{L}\.\p{Lu}{2}$/u.test(tag) || // tickers "7974.TO", "UBI.FR"
    /^[\w-]+:\s*\S/.test(tag) || // "tag:foo", "section:news", "type:article"
    /[=<>{}@]|https?:|www\./i.test(tag) ||
    /^[\d\s.,:/-]+$/.test(tag) || // numbers, dates
    /^[0-9a-f-]{8,}$/i.test(tag) || // ids, hashes, uuids
    /^\w+_\w+/.test(tag) || // snake_case codes
    /^[a-z]+(?:[A-Z][a-z]+){2,}$/.test(tag) // camelCaseIdentifiers
  );
}

/** Without a DOM (the offscreen document's tagging, Node). */
const decodeEntities: Decode = (s) => (s.includes('&') ? decodeHTMLAttribute(s) : s);

/** One raw tag to display form: entities decoded, "(1977- )" dropped, slugs turned into words. */
function cleanTag(raw: string): string {
  if (/^(?:tag|tags|section|category|cat|type|topic|subject|format|template|author|id)[-_:]/i.test(raw.trim())) return '';
  let t = decodeEntities(raw);
  t = t.replace(/\s*\([^)]*\)\s*/g, ' ');
  if (/^[\p{Ll}\d]+(?:-[\p{Ll}\d]+)+$/u.test(t.trim())) t = t.replace(/-/g, ' '); // "doobie-brothers"
  // "Sport News", "Evo Morales news": the word news says nothing.
  t = t.replace(/^\s*news\s+|\s+news\s*$/i, ' ');
  return displayTag(t);
}

/**
 * Cleans raw tags: splits comma/semicolon/pipe lists, drops codes, site names, generic words and
 * sentences, normalises case and merges spelling variants ("E-Sports" = "esports"). Keeps order.
 */
export function filterPublisherTags(raw: readonly string[], ctx: PublisherTagContext = {}): string[] {
  const site = siteKeys(ctx);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    for (const part of splitList(item, decodeEntities)) {
      if (site.has(tagKey(part))) continue; // before cleaning: "Example News" is the site itself
      const tag = cleanTag(part);
      if (!tag || tag.length > 60 || isCode(tag)) continue;
      const words = tagWords(tag);
      if (!words.length || words.length > MAX_TAG_WORDS) continue;
      if (!/\p{L}/u.test(tag)) continue;
      const lower = words.join(' ');
      if (generic().has(lower) || GENERIC_PHRASES.has(lower) || generic().has(tag.toLowerCase())) continue;
      const key = tagKey(tag);
      if (!key || seen.has(key) || site.has(key)) continue;
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

function siteNameOf(ld: Json[], metas: Map<string, string[]>): string | null {
  const meta = metas.get('og:site_name')?.[0] ?? metas.get('application-name')?.[0];
  if (meta) return meta;
  for (const o of ld) {
    const pub = o.publisher as Json | undefined;
    if (pub && typeof pub.name === 'string') return pub.name;
  }
  return null;
}

/** Publisher tags from the page metadata, filtered and normalised (empty when there are none). */
export function collectPublisherTags(doc: Document): string[] {
  const ld = jsonLdObjects(doc);
  const metas = metaValues(doc);
  const ctx: PublisherTagContext = { siteName: siteNameOf(ld, metas), url: doc.URL && !doc.URL.startsWith('about:') ? doc.URL : null };
  return filterPublisherTags(rawPublisherTags(doc, ld, metas), ctx).slice(0, MAX_PUBLISHER_TAGS);
}
