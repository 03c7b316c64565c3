// The tags a page declares in its metadata, as raw strings read from the DOM (the tab's extraction script, or
// jsdom in the CLI). Apart from publisher-tags.ts, whose string filtering runs in the extension and decodes
// entities with the entities package: the extraction script bundles this file alone, so it carries none of
// that (the package's decoder and its enum set-up ran on every injection, for a function it never calls).
// Entities left in tag text ("Bones&#039;", "Q&amp;A") are decoded here by the page's own parser.
import { attributeDecoder, type Decode } from '../page-meta/decode';
import { jsonLdObjects, metaTables, type Json } from '../page-meta/index';

/** Above this many tags a single source is keyword stuffing (tag clouds, SEO lists): ignored. */
export const MAX_TAGS_PER_SOURCE = 40;

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
export const metaValues = (doc: Document): Map<string, string[]> => metaTables(doc).all;

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
