// Cheap page signals for article detection. Runs in the always-on content script: a few native
// selector calls and one pass over <p> elements, no layout, no computed style, no Readability.

export interface DetectFeatures {
  /** JSON-LD declares an article type (NewsArticle, BlogPosting, ...). */
  ldArticle: number;
  /** JSON-LD declares a listing/product/profile type (CollectionPage, ItemList, Product, ...). */
  ldOther: number;
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
  /** log(1 + paragraphs of at least 80 characters). */
  longParas: number;
  /** log(1 + characters of paragraph text, in hundreds). */
  paraText: number;
  /** Share of paragraph text inside the biggest single container (0..1). */
  dominant: number;
  /** log(1 + links inside headings h2-h4): teaser headlines of listings. */
  headlineLinks: number;
  /** log(1 + <article> elements). */
  articleEls: number;
  /** log(1 + links per long paragraph). */
  linksPerPara: number;
  /** Estimated words of the main text (dominant container), for reading time. */
  words: number;
}

const LD_ARTICLE = /"@type"\s*:\s*(?:\[[^\]]*)?"(?:[A-Za-z]*NewsArticle|Article|BlogPosting|Report|TechArticle|ScholarlyArticle|LiveBlogPosting|SocialMediaPosting|Review)"/;
const LD_OTHER = /"@type"\s*:\s*(?:\[[^\]]*)?"(?:CollectionPage|ItemList|SearchResultsPage|Product|ProductGroup|Offer|ProfilePage|ContactPage|AboutPage|Store|Event|MusicGroup|LocalBusiness|Restaurant|Movie|VideoObject|QAPage|DiscussionForumPosting)"/;
const URL_LISTING = /(?:^|\/)(?:tags?|category|categories|topics?|section|search|archive|archives|page|login|log-in|signin|sign-in|signup|sign-up|register|registration|account|cart|basket|checkout|shop|store|products?|forum|forums|board|threads|author|authors|user|users|profile|members?|events|calendar|jobs|index|home|default)(?:[/._?-]|$)|[?&](?:q|s|query|search|page|p|cat|tag|sort)=/i;
const PUBLISHED_KEYS = new Set(['article:published_time', 'og:published_time', 'datepublished', 'pubdate', 'publishdate', 'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'article.published']);
const WORD = /[\p{L}\p{N}]+/gu;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/g;

function urlFeatures(href: string): Pick<DetectFeatures, 'urlDate' | 'urlSlug' | 'urlShallow' | 'urlListing'> {
  let u: URL;
  try { u = new URL(href); } catch { return { urlDate: 0, urlSlug: 0, urlShallow: 0, urlListing: 0 }; }
  if (!/^https?:$/.test(u.protocol) || /^(?:127\.|localhost$)/.test(u.hostname)) return { urlDate: 0, urlSlug: 0, urlShallow: 0, urlListing: 0 };
  const path = decodeURIComponent(u.pathname).replace(/\/+$/, '');
  const segs = path.split('/').filter(Boolean);
  const last = (segs[segs.length - 1] ?? '').replace(/\.(?:s?html?|php|aspx?|jsp|cms)$/i, '');
  const slugWords = last.split(/[-_+]+/).filter((w) => /\p{L}/u.test(w)).length;
  return {
    urlDate: /(?:^|\/)(?:19|20)\d{2}\/[01]?\d(?:\/|$)|(?:^|[/_-])(?:19|20)\d{2}[01]\d[0-3]\d(?:[/_-]|$)/.test(path) ? 1 : 0,
    urlSlug: slugWords >= 4 || /\d{5,}/.test(last) || (slugWords >= 3 && last.length >= 20) ? 1 : 0,
    urlShallow: segs.length === 0 || (segs.length === 1 && last.length <= 15 && slugWords <= 2 && !/\d{4,}/.test(last)) ? 1 : 0,
    urlListing: URL_LISTING.test(path + u.search) && slugWords < 4 ? 1 : 0,
  };
}

export function detectFeatures(doc: Document, url: string = doc.URL): DetectFeatures {
  // Head signals from plain element lists (cheap natively, and complex selectors leak under jsdom).
  let ldArticle = 0, ldOther = 0;
  const scripts = doc.getElementsByTagName('script');
  for (let i = 0; i < scripts.length; i++) {
    const s = scripts[i];
    if (s.getAttribute('type')?.toLowerCase() !== 'application/ld+json') continue;
    const t = s.textContent ?? '';
    if (LD_ARTICLE.test(t)) ldArticle = 1;
    if (LD_OTHER.test(t)) ldOther = 1;
  }
  let og = '', published = 0;
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i];
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '').toLowerCase();
    if (!key) continue;
    if (key === 'og:type') og = m.getAttribute('content')?.trim().toLowerCase() ?? '';
    else if (PUBLISHED_KEYS.has(key) && m.getAttribute('content')) published = 1;
  }
  if (!published) {
    const times = doc.getElementsByTagName('time');
    for (let i = 0; i < times.length && !published; i++) if (/datePublished/i.test(times[i].getAttribute('itemprop') ?? '')) published = 1;
  }
  const ogType = og === '' ? 0 : /article|blog|news/.test(og) ? 1 : -1;
  let password = 0;
  const inputs = doc.getElementsByTagName('input');
  for (let i = 0; i < inputs.length && !password; i++) if (inputs[i].getAttribute('type')?.toLowerCase() === 'password') password = 1;

  // Paragraph pass: long paragraphs, total text, and the container holding most of it.
  const ps = doc.getElementsByTagName('p');
  const n = ps.length;
  let long = 0, total = 0;
  const box = new Map<Node, number>();
  const texts: string[] = [];
  const owners: (Node | null)[] = [];
  for (let i = 0; i < n; i++) {
    const p = ps[i];
    const t = p.textContent ?? '';
    const len = t.length;
    if (len < 20) continue;
    total += len;
    if (len >= 80) long++;
    const parent = p.parentNode;
    if (parent) box.set(parent, (box.get(parent) ?? 0) + len);
    texts.push(t);
    owners.push(parent);
  }
  let best: Node | null = null, bestLen = 0;
  for (const [node, len] of box) if (len > bestLen) { best = node; bestLen = len; }
  // Words of the main text: paragraphs of the dominant container (CJK: characters).
  let words = 0;
  for (let i = 0; i < texts.length; i++) {
    if (owners[i] !== best) continue;
    const t = texts[i];
    const cjk = t.match(CJK)?.length ?? 0;
    words += cjk > t.length / 3 ? cjk : (t.match(WORD)?.length ?? 0);
  }
  // Headings that are links, or hold one: teaser headlines.
  let headlineLinks = 0;
  for (const tag of ['h2', 'h3', 'h4']) {
    const hs = doc.getElementsByTagName(tag);
    for (let i = 0; i < hs.length; i++) {
      const h = hs[i];
      const up = h.parentElement;
      if (h.getElementsByTagName('a').length || up?.tagName === 'A' || up?.parentElement?.tagName === 'A') headlineLinks++;
    }
  }
  const articleEls = doc.getElementsByTagName('article').length;
  const links = doc.getElementsByTagName('a').length; // not doc.links: it leaks documents under jsdom
  return {
    ldArticle, ldOther, ogType, published, ...urlFeatures(url), password,
    longParas: Math.log1p(long),
    paraText: Math.log1p(total / 100),
    dominant: total > 0 ? bestLen / total : 0,
    headlineLinks: Math.log1p(headlineLinks),
    articleEls: Math.log1p(articleEls),
    linksPerPara: Math.log1p(links / (long + 1)),
    words,
  };
}
