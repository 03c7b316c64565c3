// Page metadata from structured data first (JSON-LD, Open Graph, <meta>), heuristics last.
// Reads the ORIGINAL document: extraction clones strip <script>, where JSON-LD lives.
import { attributeDecoder, type Decode } from '../page-meta/decode';
import { jsonLdObjects, metaTables, type Json, type MetaMap } from '../page-meta/index';
import { HAS_LETTER, LETTER } from './letter-class';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang: string | null;
  excerpt: string | null;
  /** @type values found in JSON-LD (flattened, e.g. ["NewsArticle", "Organization"]). */
  jsonLdTypes: string[];
}

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|Posting|Review)$/;

function asArray<T>(v: T | T[] | null | undefined): T[] {
  return v == null ? [] : Array.isArray(v) ? v : [v];
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  return null;
}

export function typesOf(o: Json): string[] {
  return asArray(o['@type'] as string | string[]).filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^.*[/#:]/, ''));
}

function personNames(v: unknown): string[] {
  const names: string[] = [];
  for (const a of asArray(v as unknown[])) {
    const s = str(a) ?? (a && typeof a === 'object' ? str((a as Json).name) : null);
    if (s) names.push(s);
  }
  return names;
}

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATEISH = new RegExp(`(?:\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}|\\b(?:${MONTHS})\\.?\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+(?:${MONTHS})\\b|\\b\\d{1,2}:\\d{2}\\b|\\b(?:updated|published|posted)\\b)`, 'i');

const TWO_WORDS = new RegExp(`${LETTER}{3,}\\s+${LETTER}{3,}`);

/**
 * Cleans a byline candidate: strips a leading "By", rejects empty/"by"/dates/URLs/long sentences.
 * Returns null when nothing name-like remains.
 */
export function cleanByline(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.replace(/\s+/g, ' ').trim();
  s = s.replace(/^(?:written\s+)?by[:\s]+/i, '').replace(/^[\s|,:;–—-]+|[\s|,:;–—-]+$/g, '').trim();
  if (s.length < 2 || s.length > 100) return null;
  if (/^(?:by|and|admin|administrator|staff|null|undefined|unknown|author)$/i.test(s)) return null;
  if (/^(?:https?:|www\.)|\.(?:com|org|net)\//i.test(s)) return null;
  if (!HAS_LETTER.test(s)) return null;
  if (DATEISH.test(s) && !TWO_WORDS.test(s.replace(DATEISH, ''))) return null;
  if (s.split(/\s+/).length > 12) return null;
  return s;
}

function metaContent(metas: MetaMap, keys: string[]): string | null {
  for (const k of keys) {
    const v = metas.get(k);
    if (v) return v;
  }
  return null;
}

/** A date string → ISO-8601, or null when it is not a date. */
export function isoDate(v: string | null | undefined): string | null {
  if (!v) return null;
  const s = v.trim();
  if (!/\d{4}/.test(s)) return null;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return null;
  const y = d.getUTCFullYear();
  return y > 1990 && y < 2200 ? d.toISOString() : null;
}

export function readMetadata(doc: Document, metas: MetaMap = metaTables(doc).first, ld: Json[] = jsonLdObjects(doc)): PageMetadata {
  const articles = ld.filter((o) => typesOf(o).some((t) => ARTICLE_TYPE.test(t)));
  const art = articles[0];
  const jsonLdTypes = [...new Set(ld.flatMap(typesOf))];

  const ldTitle = art ? str(art.headline) ?? str(art.name) : null;
  const ogTitle = metaContent(metas, ['og:title', 'twitter:title', 'title']);

  let byline: string | null = null;
  const ldAuthors = art ? personNames(art.author ?? art.creator) : [];
  const authorCands = [
    ldAuthors.map((a) => cleanByline(a)).filter(Boolean).join(', ') || null,
    metaContent(metas, ['author', 'byl', 'byline', 'parsely-author',
      'sailthru.author', 'dc.creator', 'article:author', 'twitter:creator']),
  ];
  for (const c of authorCands) {
    const b = cleanByline(c);
    if (b && !/^@/.test(b)) { byline = b; break; }
  }

  const publisher = art?.publisher && typeof art.publisher === 'object' ? str((art.publisher as Json).name) : null;
  const website = ld.find((o) => typesOf(o).includes('WebSite'));
  const siteName = metaContent(metas, ['og:site_name', 'application-name', 'apple-mobile-web-app-title'])
    ?? publisher ?? (website ? str(website.name) : null);

  const publishedTime = isoDate(art ? str(art.datePublished) ?? str(art.dateCreated) : null)
    ?? isoDate(metaContent(metas, ['article:published_time', 'article:published_time',
      'datepublished', 'pubdate', 'publishdate', 'date',
      'dc.date', 'dcterms.date', 'parsely-pub-date', 'sailthru.date']))
    ?? isoDate(doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime'));

  const lang = normLang(doc.documentElement.getAttribute('lang') ?? doc.documentElement.getAttribute('xml:lang'))
    ?? normLang(metaContent(metas, ['content-language', 'language']))
    ?? normLang(art ? str(art.inLanguage) : null)
    ?? normLang(metaContent(metas, ['og:locale'])?.replace('_', '-'));

  const excerpt = metaContent(metas, ['og:description', 'description', 'twitter:description'])
    ?? (art ? str(art.description) : null);

  return { title: ldTitle ?? ogTitle, byline, siteName, publishedTime, lang, excerpt: excerpt ? decodeExcerpt(excerpt, attributeDecoder(doc)) : null, jsonLdTypes };
}

function normLang(v: string | null | undefined): string | null {
  const s = v?.trim().split(/[,;\s]/)[0];
  return s && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(s) ? s : null;
}

// Meta content is sometimes escaped once more than the parser undoes, even twice ("&amp;#39;"): two
// passes, each as the browser decodes an attribute value (a bare "&" or "&notes" stays as written).
function decodeExcerpt(s: string, decode: Decode): string {
  return decode(decode(s)).replace(/\s+/g, ' ').trim();
}
