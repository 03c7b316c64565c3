// Page metadata from structured data first (JSON-LD, Open Graph, <meta>), heuristics last.
// Reads the ORIGINAL document: extraction clones strip <script>, where JSON-LD lives.
import { attributeDecoder, type Decode } from '../page-meta/decode';
import { jsonLdObjects, metaTables, type Json, type MetaMap, type MetaRow } from '../page-meta/index';
import { cleanByline } from './byline-clean';
import { similarity } from './similarity';
import { siteMatcher } from './site-name';
import { documentTitle } from './title';

export { BY_LABEL, cleanByline } from './byline-clean';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang: string | null;
  excerpt: string | null;
  /** Every name the page gives its site (og:site_name, application-name, publisher, WebSite): for titles. */
  siteNames: string[];
  /** A JSON-LD author that is only the site itself (an organisation named as the site): the last byline resort. */
  siteAuthor: string | null;
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
  return asArray(o['@type'] as string | string[])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^.*[/#:]/, ''));
}

/**
 * The authors in a JSON-LD author value: a string, a Person/Organization object, a list of those, or
 * `{"@id": ...}` references to nodes elsewhere in the page's JSON-LD (Yoast's @graph style). `org`:
 * typed as an organisation (not a Person), which may be the site itself rather than a writer.
 */
function personNames(v: unknown, ld: Json[]): { name: string; org: boolean }[] {
  const out: { name: string; org: boolean }[] = [];
  for (const a of asArray(v as unknown[])) {
    let o = a && typeof a === 'object' ? (a as Json) : null;
    if (o && !str(o.name) && typeof o['@id'] === 'string') o = ld.find((x) => x !== o && x['@id'] === o!['@id'] && str(x.name)) ?? o;
    const s = str(a) ?? (o ? str(o.name) : null);
    const org = !!o && typesOf(o).some((t) => /Organization|Corporation|NewsMedia|WebSite/.test(t));
    if (s && !out.some((x) => x.name === s)) out.push({ name: s, org });
  }
  return out;
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

/**
 * The metadata <meta> tags as Readability 0.6 reads them (`_getArticleMetadata`): a `property` is a
 * space-separated list whose first article:/dc:/dcterm:/og:/twitter: author|creator|description|
 * published_time|title|site_name entry counts; a `name` may carry a dc./dcterm./og./twitter./parsely-/
 * weibo: prefix (dots read as colons). A later tag overwrites an earlier one, as there.
 */
export function namedMetas(doc: Document): MetaMap {
  return namedMetasOf(metaTables(doc).rows);
}

/** namedMetas from the rows metaTables read (the page's <meta> elements are read once per extraction). */
export function namedMetasOf(rows: readonly MetaRow[]): MetaMap {
  const out: MetaMap = new Map();
  for (const { content, property, name } of rows) {
    if (!content) continue;
    const prop = property?.match(META_PROPERTY)?.[0];
    if (prop) {
      out.set(prop.toLowerCase().replace(/\s/g, ''), content);
      continue;
    }
    if (name && META_NAME.test(name)) out.set(name.toLowerCase().replace(/\s/g, '').replace(/\./g, ':'), content);
  }
  return out;
}
const META_PROPERTY = /\s*(?:article|dc|dcterm|og|twitter)\s*:\s*(?:author|creator|description|published_time|title|site_name)\s*/i;
const META_NAME =
  /^\s*(?:(?:dc|dcterm|og|twitter|parsely|weibo:(?:article|webpage))\s*[-.:]\s*)?(?:author|creator|pub-date|description|title|site_name)\s*$/i;

/** Readability's title / byline / excerpt order: JSON-LD article, Dublin Core, Open Graph, plain names. */
const TITLE_KEYS = [
  'dc:title',
  'dcterm:title',
  'og:title',
  'weibo:article:title',
  'weibo:webpage:title',
  'title',
  'twitter:title',
  'parsely-title',
];
const AUTHOR_KEYS = ['dc:creator', 'dcterm:creator', 'author', 'parsely-author', 'article:author'];
const EXCERPT_KEYS = [
  'dc:description',
  'dcterm:description',
  'og:description',
  'weibo:article:description',
  'weibo:webpage:description',
  'description',
  'twitter:description',
];
/** Author tags Readability does not read: tried after its order (and after a byline in the page). */
export const EXTRA_AUTHOR_KEYS = ['byl', 'byline', 'sailthru.author', 'dc.creator', 'article:author', 'twitter:creator'];

/** A JSON-LD article's title: name and headline disagree on some sites; the one like the page title wins. */
function ldTitle(art: Json, docTitle: () => string): string | null {
  const name = str(art.name),
    headline = str(art.headline);
  if (name && headline && name !== headline) {
    const t = docTitle();
    return similarity(headline, t) > 0.75 && !(similarity(name, t) > 0.75) ? headline : name;
  }
  return name ?? headline;
}

/** A byline as stored: whitespace collapsed, entities decoded, the "By" label off; null when not a name. */
function bylineOf(raw: string | null | undefined, decode: Decode): string | null {
  const b = cleanByline(raw ? decode(raw) : raw);
  return b && !/^@/.test(b) ? b : null;
}

export function readMetadata(
  doc: Document,
  metas: MetaMap = metaTables(doc).first,
  ld: Json[] = jsonLdObjects(doc),
  named: MetaMap = namedMetas(doc),
): PageMetadata {
  const articles = ld.filter((o) => typesOf(o).some((t) => ARTICLE_TYPE.test(t)));
  const art = articles[0];
  const jsonLdTypes = [...new Set(ld.flatMap(typesOf))];

  const title = (art ? ldTitle(art, () => documentTitle(doc)) : null) ?? metaContent(named, TITLE_KEYS);

  const decode = attributeDecoder(doc);
  // Every author of the article (a Person, a list of them, or plain strings), never its publisher.
  // (Not `creator`: where pages fill it, it tends to be the CMS account that posted the story.) An organisation that is the site itself ("Snopes" on snopes.com) names no writer: the
  // meta author or the byline in the page come first, that organisation only as the last resort (siteAuthor).
  const sites = siteNamesOf(metas, art, ld);
  const site = siteMatcher(sites);
  const authors = art ? personNames(art.author, ld) : [];
  // A Person named among the authors makes every organisation listed there a credit, not a writer
  // ("Ana Ruiz, Reuters" → "Ana Ruiz"); an organisation alone is the writer unless it is the site.
  const people = authors.filter((a) => !a.org);
  const writers = people.length ? people : authors.filter((a) => !site.named(a.name));
  const ldAuthors =
    writers
      .map((a) => bylineOf(a.name, decode))
      .filter(Boolean)
      .join(', ') || null;
  const siteOrg = writers.length ? null : authors.find((a) => a.org && site.named(a.name));
  const siteAuthor = siteOrg ? bylineOf(siteOrg.name, decode) : null;
  const metaAuthor = AUTHOR_KEYS.map((k) => named.get(k)).find((v) => v && !(/^https?:\/\//i.test(v) && !/\s/.test(v)));
  const byline = ldAuthors ?? bylineOf(metaAuthor, decode);

  const publisher = publisherOf(art);
  const website = ld.find((o) => typesOf(o).includes('WebSite'));
  const siteName =
    metaContent(metas, ['og:site_name', 'application-name', 'apple-mobile-web-app-title']) ??
    publisher ??
    (website ? str(website.name) : null);

  const publishedTime =
    isoDate(art ? (str(art.datePublished) ?? str(art.dateCreated)) : null) ??
    isoDate(
      metaContent(metas, [
        'article:published_time',
        'article:published_time',
        'datepublished',
        'pubdate',
        'publishdate',
        'date',
        'dc.date',
        'dcterm.date',
        'parsely-pub-date',
        'sailthru.date',
      ]),
    ) ??
    isoDate(doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime'));

  const lang =
    normLang(doc.documentElement.getAttribute('lang') ?? doc.documentElement.getAttribute('xml:lang')) ??
    normLang(metaContent(metas, ['content-language', 'language'])) ??
    normLang(art ? str(art.inLanguage) : null) ??
    normLang(metaContent(metas, ['og:locale'])?.replace('_', '-'));

  const excerpt = (art ? str(art.description) : null) ?? metaContent(named, EXCERPT_KEYS);

  return {
    title: title ? decodeExcerpt(title, decode) : null,
    byline,
    siteName,
    publishedTime,
    lang,
    siteNames: sites,
    siteAuthor,
    excerpt: excerpt ? decodeExcerpt(excerpt, decode) : null,
    jsonLdTypes,
  };
}

function publisherOf(art: Json | undefined): string | null {
  return art?.publisher && typeof art.publisher === 'object' ? str((art.publisher as Json).name) : null;
}

/** Every name the page gives its site: og:site_name, application-name, the article's publisher, the WebSite. */
function siteNamesOf(metas: MetaMap, art: Json | undefined, ld: Json[]): string[] {
  const website = ld.find((o) => typesOf(o).includes('WebSite'));
  return [
    metas.get('og:site_name'),
    metas.get('application-name'),
    metas.get('apple-mobile-web-app-title'),
    publisherOf(art),
    website ? str(website.name) : null,
  ].filter((x): x is string => !!x);
}

/** The next author source after a byline in the page: author tags Readability does not read. */
export function extraByline(metas: MetaMap, decode: Decode): string | null {
  for (const k of EXTRA_AUTHOR_KEYS) {
    const b = bylineOf(metas.get(k), decode);
    if (b && !/^https?:/i.test(b)) return b;
  }
  return null;
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
