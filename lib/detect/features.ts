// Cheap page signals for article detection. Runs in the always-on content script: native selector
// calls, one pass over <p> elements and short walks over a few kinds of element; no layout, no
// computed style, no Readability.
import { HAS_LETTER } from '../extract/letter-class';
import { textBlocks } from './text-blocks';

export interface DetectFeatures {
  /** Structured data declares one article: an article type in JSON-LD (NewsArticle, BlogPosting, ...), or one or two microdata items of such a type. */
  schemaArticle: number;
  /** Structured data declares a listing/product/profile type (JSON-LD CollectionPage, ItemList, Product, ...), or three or more microdata article items (a list of teasers). */
  schemaOther: number;
  /** og:type is article (1), something else (-1: website, product, video, profile...), absent (0). */
  ogType: number;
  /** article:published_time or similar meta present. */
  published: number;
  /** URL path holds a date (/2019/11/19/ or 20191119). */
  urlDate: number;
  /** Last path segment is a slug of several words, or ends in a long numeric id. */
  urlSlug: number;
  /** URL is a site root or one short segment (/news/, /en/). */
  urlShallow: number;
  /** URL path/query looks like a listing, search, tag, login, shop page. */
  urlListing: number;
  /** A password field (login/registration page). */
  password: number;
  /** log(1 + text blocks (paragraphs, <pre>, <br>-broken <div>s) of at least 80 characters). */
  longParas: number;
  /** log(1 + characters of text-block text, in hundreds). */
  paraText: number;
  /** Share of paragraph text inside the biggest single container (0..1). */
  dominant: number;
  /** log(1 + h2/h3 headings that are links): teaser headlines of listings. */
  headlineLinks: number;
  /** log(1 + <article> elements). */
  articleEls: number;
  /** log(1 + links outside paragraphs per long text block): navigation and teaser links, not a text's own (encyclopedia entries link inside their prose). */
  linksPerPara: number;
  /** URL looks like a product page (/product/, /item/, ?variant=, -p-123.html). */
  urlProduct: number;
  /** log(1 + <select> elements): size pickers, sort menus (shops, listings). */
  selects: number;
  /** log(1 + form fields and buttons). */
  fields: number;
  /** log(1 + isProbablyReaderable-like score: sum of sqrt(length - 140) over long text blocks: paragraphs, <pre>, a page's only <article>, and <div>s broken into lines with <br>). */
  readerScore: number;
  /** log(1 + characters of text-block text in the dominant container, in hundreds): long chapters and stories. */
  mainText: number;
  /** Estimated words of the main text (dominant container), for reading time; CJK characters not included. */
  words: number;
  /** Chinese/Japanese characters of the main text (read by character, not by word). */
  cjkChars: number;
}

const LD_ARTICLE =
  /"@type"\s*:\s*(?:\[[^\]]*)?"(?:[A-Za-z]*NewsArticle|Article|BlogPosting|Report|TechArticle|ScholarlyArticle|LiveBlogPosting|SocialMediaPosting|Review)"/;
const MD_ARTICLE_TYPES = [
  'Article',
  'NewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'ReportageNewsArticle',
  'BlogPosting',
  'LiveBlogPosting',
  'Report',
  'TechArticle',
  'ScholarlyArticle',
  'SocialMediaPosting',
];
/**
 * Microdata types of an article, lowercased. itemtype is a space-separated list of URLs: an item is an
 * article when one of them is such a type, in any letter case (as `[itemtype~="..." i]` matches; one
 * selector of all 22 spellings was the costliest call of a cold detection, so the few elements with an
 * itemtype are checked here instead).
 */
const MD_ARTICLE_URLS = new Set(MD_ARTICLE_TYPES.flatMap((t) => ['http', 'https'].map((p) => `${p}://schema.org/${t}`.toLowerCase())));
const CSS_SPACE = /[ \t\n\r\f]+/;
function microdataArticles(doc: Document): number {
  let n = 0;
  for (const el of doc.querySelectorAll('[itemtype]'))
    if (
      (el.getAttribute('itemtype') ?? '')
        .toLowerCase()
        .split(CSS_SPACE)
        .some((u) => MD_ARTICLE_URLS.has(u))
    )
      n++;
  return n;
}
const LD_OTHER =
  /"@type"\s*:\s*(?:\[[^\]]*)?"(?:CollectionPage|ItemList|SearchResultsPage|Product|ProductGroup|Offer|ProfilePage|ContactPage|AboutPage|Store|Event|MusicGroup|LocalBusiness|Restaurant|Movie|VideoObject|QAPage|DiscussionForumPosting)"/;
const URL_LISTING =
  /(?:^|\/)(?:tags?|category|categories|topics?|section|search|archive|archives|page[/_-]?\d+|login|log-in|signin|sign-in|signup|sign-up|register|registration|account|cart|basket|checkout|shop|store|products?|forum|forums|board|threads|author|authors|user|users|profile|members?|events|calendar|jobs)(?:[/._?-]|$)|[?&](?:q|s|query|search|page|p|cat|tag|sort)=/i;
const PUBLISHED_KEYS = new Set([
  'article:published_time',
  'og:published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'article.published',
  'date',
]);
const URL_PRODUCT =
  /(?:^|\/)(?:products?|produkte?|produit|item|items|dp|prod\d*|catalog|collections|shopping)(?:\/|$)|[?&](?:product_?id|variant|sku|pid)=|-p-\d+\.html$|_\d{5,}(?:_\d+)?\/?$/i;

/**
 * [words (runs of non-space), Chinese/Japanese characters], as lib/reading-time counts them (Hangul
 * syllables belong to space-separated words there, so they count as words here too). CJK punctuation
 * (、。「」) and fullwidth ASCII punctuation separate words, like spaces. Counted by native regex
 * matching: the detector runs once per page, so a char loop would run in V8's interpreter.
 */
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/g;
const WORD = /[^\u0000-\u0020\u00a0\u3000-\u303f\uff01-\uff0f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+/g;
export function countWordsAndCjk(t: string): [number, number] {
  return [t.match(WORD)?.length ?? 0, t.match(CJK_CHAR)?.length ?? 0];
}

type UrlFeatures = Pick<DetectFeatures, 'urlDate' | 'urlSlug' | 'urlShallow' | 'urlListing' | 'urlProduct'>;
const NO_URL: UrlFeatures = { urlDate: 0, urlSlug: 0, urlShallow: 0, urlListing: 0, urlProduct: 0 };

function urlFeatures(href: string): UrlFeatures {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return NO_URL;
  }
  if (!/^https?:$/.test(u.protocol) || /^(?:127\.|localhost$)/.test(u.hostname)) return NO_URL;
  const path = decodeURIComponent(u.pathname).replace(/\/+$/, '');
  const segs = path.split('/').filter(Boolean);
  const last = (segs[segs.length - 1] ?? '').replace(/\.(?:s?html?|php|aspx?|jsp|cms)$/i, '');
  const slugWords = last.split(/[-_+]+/).filter((w) => HAS_LETTER.test(w)).length;
  return {
    urlDate: /(?:^|\/)(?:19|20)\d{2}\/[01]?\d(?:\/|$)|(?:^|[/_-])(?:19|20)\d{2}[01]\d[0-3]\d(?:[/_-]|$)/.test(path) ? 1 : 0,
    urlSlug: slugWords >= 4 || /\d{5,}/.test(last) || (slugWords >= 3 && last.length >= 20) ? 1 : 0,
    urlShallow: segs.length === 0 || (segs.length === 1 && last.length <= 15 && slugWords <= 2 && !/\d{4,}/.test(last)) ? 1 : 0,
    // The slug test first: an article's URL never compiles the listing regex (a cold script compiles each on first use).
    urlListing: slugWords < 4 && URL_LISTING.test(path + u.search) ? 1 : 0,
    urlProduct: URL_PRODUCT.test(path + u.search) ? 1 : 0,
  };
}

/**
 * The og:type content (first such meta, '' without one) and whether a published-date meta is there:
 * one walk over the head's <meta>s, each key looked up in property, name and itemprop in any letter
 * case. Two selectors of all 33 spellings (`meta[name="..." i]`) cost more cold than this walk.
 */
const META_KEY_ATTRS = ['property', 'name', 'itemprop'] as const;
function metaSignals(head: ParentNode): { og: string; published: boolean } {
  let og: string | null = null,
    published = false;
  const metas = head.querySelectorAll('meta');
  for (let i = 0; i < metas.length && (og === null || !published); i++) {
    const m = metas[i];
    for (const a of META_KEY_ATTRS) {
      const k = m.getAttribute(a)?.toLowerCase();
      if (!k) continue;
      if (og === null && k === 'og:type') og = m.getAttribute('content') ?? '';
      if (PUBLISHED_KEYS.has(k)) published = true;
    }
  }
  return { og: og?.trim().toLowerCase() ?? '', published };
}

/**
 * h2/h3 whose first element is a link (the link counts), or that sit inside a link (the heading
 * counts), as `h2 > a:first-child, h3 > a:first-child, a > h2, a > h3` would count them: a walk over
 * the (few) headings, cheaper cold than that selector over every element.
 */
function headlineLinks(doc: Document): number {
  let n = 0;
  for (const tag of ['h2', 'h3']) {
    const hs = doc.getElementsByTagName(tag);
    for (let i = 0; i < hs.length; i++) {
      const h = hs[i];
      if (h.firstElementChild?.localName === 'a') n++;
      if (h.parentElement?.localName === 'a') n++;
    }
  }
  return n;
}

/** The scored signals: everything but the main text's counts. */
export type ScoredFeatures = Omit<DetectFeatures, 'words' | 'cjkChars'>;

/** The head's signals: og:type (1 article, -1 anything else, 0 none) and a published-date meta (1 or 0). */
export type HeadFeatures = Pick<DetectFeatures, 'ogType' | 'published'>;

export function headFeatures(doc: Document): HeadFeatures {
  const meta = metaSignals(doc.head ?? doc);
  const og = meta.og;
  return { ogType: og === '' ? 0 : /article|blog|news/.test(og) ? 1 : -1, published: meta.published ? 1 : 0 };
}

/** All features; the main text's words are counted from scanFeatures' text. */
export function detectFeatures(doc: Document, url: string = doc.URL): DetectFeatures {
  const { features, mainText } = scanFeatures(doc, url);
  const [words, cjkChars] = countWordsAndCjk(mainText);
  return { ...features, words, cjkChars };
}

/**
 * The scored signals and the main text (the dominant container's text blocks), not yet counted:
 * the verdict needs no word count, so the content script counts it in a later idle slice.
 */
export function scanFeatures(doc: Document, url: string = doc.URL): { features: ScoredFeatures; mainText: string } {
  const scan = scanBody(doc, url);
  Object.assign(scan.features, headFeatures(doc));
  return scan;
}

/**
 * Everything but the head's signals (headFeatures), which stay 0: a walk over every <meta> is the
 * costliest step of a cold verdict, and on most pages they cannot change it (decideArticle).
 */
export function scanBody(doc: Document, url: string = doc.URL): { features: ScoredFeatures; mainText: string } {
  const scan = scanText(doc, url);
  Object.assign(scan.features, pageSignals(doc));
  return scan;
}

/**
 * The first stage's scan (decideArticle): the text blocks, the URL, <article>s and links, what
 * isProbablyReaderable-like reading of the page costs; structured data, forms, headlines and the
 * head stay 0 (pageSignals, headFeatures).
 */
export function scanText(doc: Document, url: string = doc.URL): { features: ScoredFeatures; mainText: string } {
  const b = textBlocks(doc);
  // Links outside paragraphs (not doc.links: it leaks documents under jsdom). Two native counts.
  const links = Math.max(0, doc.getElementsByTagName('a').length - doc.querySelectorAll('p a').length);
  // In the order the weights were fitted and the features recorded (tests/fixtures/detect-features.json).
  const features: ScoredFeatures = {
    schemaArticle: 0,
    schemaOther: 0,
    ogType: 0,
    published: 0,
    ...urlFeatures(url),
    password: 0,
    longParas: Math.log1p(b.long),
    paraText: Math.log1p(b.total / 100),
    dominant: b.total > 0 ? b.bestLen / b.total : 0,
    headlineLinks: 0,
    articleEls: Math.log1p(b.articles),
    linksPerPara: Math.log1p(links / (b.long + 1)),
    selects: 0,
    fields: 0,
    readerScore: Math.log1p(b.reader),
    mainText: Math.log1p(b.bestLen / 100),
  };
  return { features, mainText: b.mainText };
}

type PageSignals = Pick<ScoredFeatures, 'schemaArticle' | 'schemaOther' | 'password' | 'fields' | 'selects' | 'headlineLinks'>;

/**
 * Structured data, form and headline signals: collection lengths and short selectors, and JS walks
 * only over the few elements concerned (items with an itemtype, h2/h3s): in a content script's world
 * every element touched costs a JS wrapper, but long selector lists cost more cold (bench:detect).
 */
export function pageSignals(doc: Document): PageSignals {
  let schemaArticle = 0,
    schemaOther = 0;
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const t = s.textContent ?? '';
    // Each pattern only until it has matched once: the flags are all that is kept.
    if (!schemaArticle && LD_ARTICLE.test(t)) schemaArticle = 1;
    if (!schemaOther && LD_OTHER.test(t)) schemaOther = 1;
  }
  // Microdata: one or two article items describe the page (the story, perhaps a related one); three
  // or more are teasers of a listing.
  const mdArticles = microdataArticles(doc);
  if (mdArticles >= 3) schemaOther = 1;
  else if (mdArticles > 0) schemaArticle = 1;
  const inputs = doc.getElementsByTagName('input');
  const password = inputs.length && doc.querySelector('input[type="password" i]') ? 1 : 0;
  const fields = inputs.length + doc.getElementsByTagName('button').length;
  const selects = doc.getElementsByTagName('select').length;
  // Headings that are links (or start with one): teaser headlines.
  const headlines = headlineLinks(doc);
  return {
    schemaArticle,
    schemaOther,
    password,
    fields: Math.log1p(fields),
    selects: Math.log1p(selects),
    headlineLinks: Math.log1p(headlines),
  };
}
