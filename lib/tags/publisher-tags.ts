// Reads the tags a publisher declared in the page's metadata (runs where there is a DOM: the tab's
// extraction script, or jsdom in the CLI). The string-only filtering lives in filterPublisherTags so
// the background can re-apply it. Entities left in tag text ("Bones&#039;", "Q&amp;A") are decoded as
// in an attribute value (a missing ';' forgiven, "&notes" kept): by the page's own parser in the tab
// (rawPublisherTags: no decode table in the extraction script), by the entities package elsewhere.
import { decodeHTMLAttribute } from 'entities';
import { attributeDecoder, type Decode } from '../page-meta/decode';
import { jsonLdObjects, metaTables, type Json } from '../page-meta/index';
import { displayTag, tagKey, tagWords } from './normalize';

/** Above this many tags a single source is keyword stuffing (tag clouds, SEO lists): ignored. */
export const MAX_TAGS_PER_SOURCE = 40;
/** Tags longer than this many words are sentences, not tags. */
export const MAX_TAG_WORDS = 5;
/** How many publisher tags are kept at most. */
export const MAX_PUBLISHER_TAGS = 20;

// Words that say nothing about an article's topic (compared on the whole lowercased tag). Built on
// first use: the tab's extraction script bundles this file for rawPublisherTags, which never reads it.
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

// Built on first use (a page with no comma in its tags never needs it): written as a literal, its
// Unicode property escapes cost their parse on every injection of the extraction script.
let CAP_WORDS: RegExp | null = null;
const capWords = () => (CAP_WORDS ??= new RegExp("^\\p{Lu}[\\p{L}.'-]*(?:\\s+\\p{Lu}[\\p{L}.'-]*){0,2}$", 'u'));

/**
 * One metadata element / array item: usually one tag. Catalogue-style inverted names become
 * natural order ("Beshear, Andrew G" -> "Andrew G Beshear", "Elections, Governors" -> "Governors
 * Elections"); anything else with commas is a list.
 */
function itemTags(item: string, decode: Decode): string[] {
  const t = decode(item)
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .trim();
  const parts = t.split(',').map((x) => x.trim());
  if (parts.length === 2 && capWords().test(parts[0]) && capWords().test(parts[1])) return [`${parts[1]} ${parts[0]}`];
  return splitList(t, decode);
}

const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/;

/**
 * Splits comma/semicolon/pipe lists ("a, b, c"), with the ideographic comma and full-width
 * separators too ("金丝路，行业资讯"). Chinese/Japanese lists often use plain spaces (words have none
 * inside), so a space-separated CJK list without other separators splits on spaces. Entities are
 * decoded first (`decode`: the page's parser in the tab, the entities package elsewhere).
 */
export function splitList(item: string, decode: Decode): string[] {
  const s = decode(String(item));
  const parts = s.split(/[,;|，、；｜]|\s·\s/);
  if (parts.length === 1 && CJK_CHAR.test(s) && /\s/.test(s.trim())) return s.trim().split(/\s+/);
  return parts;
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

const NON_ARTICLE_TYPES =
  /^(?:WebSite|Organization|NewsMediaOrganization|Corporation|Person|ImageObject|VideoObject|BreadcrumbList|ListItem|SiteNavigationElement|SearchAction|Brand|Place|PostalAddress|WPHeader|WPFooter|WPSideBar)$/;

function names(v: unknown): string[] {
  if (v == null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const n = o.name ?? o.termCode ?? null;
    return typeof n === 'string' ? [n] : [];
  }
  return [];
}

/** <meta> contents by lower-cased name/property, every value kept (article:tag repeats). */
const metaValues = (doc: Document): Map<string, string[]> => metaTables(doc).all;

/** <meta> tag sources (name or property, case-insensitive), in priority order. */
const META_SOURCES: [string, string[]][] = [
  ['article:tag', ['article:tag', 'og:article:tag']],
  ['news_keywords', ['news_keywords']],
  ['parsely-tags', ['parsely-tags']],
  ['sailthru.tags', ['sailthru.tags']],
];
/** Every <meta> name/property read for tags (the last resort <meta name=keywords> included). */
export const TAG_META_KEYS: readonly string[] = [...META_SOURCES.flatMap(([, keys]) => keys), 'keywords'];

/** The raw tag sources of a page, in priority order (before filtering). */
export function publisherTagSources(
  doc: Document,
  ld: Json[] = jsonLdObjects(doc),
  metas: Map<string, string[]> = metaValues(doc),
): { source: string; tags: string[] }[] {
  const sources: { source: string; tags: string[] }[] = [];
  const articleLd = ld.filter((o) => !names(o['@type']).some((t) => NON_ARTICLE_TYPES.test(t)));
  const meta = (...keys: string[]) => keys.flatMap((k) => metas.get(k) ?? []);
  sources.push({ source: 'json-ld keywords', tags: articleLd.flatMap((o) => names(o.keywords)) });
  sources.push({ source: 'json-ld about', tags: articleLd.flatMap((o) => names(o.about)) });
  for (const [source, keys] of META_SOURCES) sources.push({ source, tags: meta(...keys) });
  sources.push({ source: 'rel=tag', tags: [...doc.querySelectorAll('a[rel~="tag"]')].map((a) => (a.textContent ?? '').trim()) });
  sources.push({ source: 'json-ld articleSection', tags: articleLd.flatMap((o) => names(o.articleSection)) });
  return sources;
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

/**
 * The page's declared tags as raw strings (lists split, keyword-stuffed sources and, when better
 * sources exist, <meta name=keywords> left out), before filterPublisherTags. The tab's extraction
 * script stops here: the string filtering runs in the extension (rankTags), off the page's thread.
 */
export function rawPublisherTags(doc: Document, ld: Json[] = jsonLdObjects(doc), metas: Map<string, string[]> = metaValues(doc)): string[] {
  const decode = attributeDecoder(doc);
  const raw: string[] = [];
  let specific = 0;
  for (const { source, tags } of publisherTagSources(doc, ld, metas)) {
    // One tag per element/array item when there are several ("Beshear, Andrew G" is one tag);
    // a single string is a comma list.
    const cleaned = (tags.length > 1 ? tags.flatMap((t) => itemTags(t, decode)) : tags.flatMap((t) => splitList(t, decode)))
      .map((t) => t.trim())
      .filter(Boolean);
    if (cleaned.length > MAX_TAGS_PER_SOURCE) continue; // keyword stuffing
    if (source !== 'json-ld articleSection') specific += cleaned.length;
    raw.push(...cleaned);
  }
  // <meta name="keywords"> is mostly SEO filler: only when the page declares nothing better.
  if (!specific) {
    const kw = (metas.get('keywords') ?? [])
      .flatMap((t) => splitList(t, decode))
      .map((t) => t.trim())
      .filter(Boolean);
    if (kw.length <= MAX_TAGS_PER_SOURCE) raw.unshift(...kw);
  }
  return raw;
}

/** Publisher tags from the page metadata, filtered and normalised (empty when there are none). */
export function collectPublisherTags(doc: Document): string[] {
  const ld = jsonLdObjects(doc);
  const metas = metaValues(doc);
  const ctx: PublisherTagContext = { siteName: siteNameOf(ld, metas), url: doc.URL && !doc.URL.startsWith('about:') ? doc.URL : null };
  return filterPublisherTags(rawPublisherTags(doc, ld, metas), ctx).slice(0, MAX_PUBLISHER_TAGS);
}
