// The byline written in the page, found as Readability finds it (rel=author, itemprop~=author, or a
// byline/author/dateline class or id, under 100 characters, preferring an itemprop=name inside), but on
// the reader copy BEFORE our furniture clean-up: that pass drops author boxes, and with them the only
// byline some pages have. Like Readability, the byline element leaves the copy so it is not body text.
import { BOILER_LINE } from './patterns';
import { HAS_LETTER } from './letter-class';
import { cleanByline, onlyRole } from './byline-clean';

const BYLINE_NAME = /byline|author|dateline|writtenby|p-author/i;
// Readability's "unlikely candidate" names and roles: it never looks for a byline inside those.
const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/gi;
/** Unlikely blocks whose names are other people's (commenters, related stories' authors): never searched. */
const OTHER_PEOPLE =
  /-ad-|ai2html|breadcrumbs|combx|comment|community|disqus|footer|gdpr|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|ad-break|agegate|pagination|pager|popup|yom-remote/gi;
const MAYBE = /and|article|body|column|content|main|shadow/i;
/** Reviews and testimonials (of a product, a place): the names in them are their writers', never the article's author. */
const OTHERS_SAY = /(?:^|[^p])reviews|testimonial/i;

/**
 * A review, comment or testimonial by microdata (a review or comment of the page's item), or by its class
 * or id where that is not the page's article ("post category-kit-reviews format-standard" is a review article).
 */
const othersSay = (el: Element, match: string): boolean =>
  /^(?:reviews?|comment)$/i.test(el.getAttribute('itemprop') ?? '') ||
  (OTHERS_SAY.test(match) && !MAYBE.test(match) && !/^(?:BODY|MAIN|ARTICLE)$/.test(el.tagName));

/** Whether `el` is inside a review, comment or testimonial (Readability's own byline search is held to this too). */
export function inOthersSay(el: Element): boolean {
  for (let n = el.parentElement; n; n = n.parentElement) if (othersSay(n, `${n.getAttribute('class') ?? ''} ${n.id}`)) return true;
  return false;
}
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD']);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

function hidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true' && !(el.getAttribute('class') ?? '').includes('fallback-image')) return true;
  const st = el.getAttribute('style');
  return !!st && HIDDEN_STYLE.test(st);
}

/**
 * A match of `re` (global) in a class/id string that is a word of its own: a lower-to-upper case change
 * inside the match means it spans two camelCase words ("PageBuilder-pageRow" holds no "pager").
 */
function namesWord(re: RegExp, match: string): boolean {
  for (const m of match.matchAll(re)) if (!/[a-z][A-Z]/.test(m[0])) return true;
  return false;
}

/** <main> or role=main: one per page, the page's main content (never a sidebar or a comment list). */
function isMainLandmark(el: Element, role: string | null): boolean {
  return el.tagName === 'MAIN' || role === 'main';
}

/**
 * `markedOnly`: only rel=author / itemprop=author count, or a byline-like class on a link to an author's
 * page ("/author/dan/"), not a byline-like class or id alone.
 */
function isBylineElement(el: Element, match: string, markedOnly: boolean): boolean {
  const itemprop = el.getAttribute('itemprop');
  const marked = el.getAttribute('rel') === 'author' || (!!itemprop && itemprop.includes('author'));
  const named = BYLINE_NAME.test(match);
  if (!(marked || (named && (!markedOnly || /\/aut(?:h?or|eur)/i.test(el.getAttribute('href') ?? ''))))) return false;
  const len = (el.textContent ?? '').trim().length;
  return len > 0 && len < 100;
}

/** The text of the first descendant whose itemprop names a name ("name", "author name"), else the element's. */
function nameText(el: Element): string {
  return bylineText(el.querySelector('[itemprop*="name"]') ?? el).trim();
}

/**
 * An element's text as a byline reads it: a date the markup declares (<time>) beside a name is left out, and where
 * one element's text meets the next without a space, lower case then capital ("<a>Howard Blume</a>
 * <span>Staff Writer</span>" read as "Howard BlumeStaff Writer"), a space goes between.
 */
function bylineText(el: Element): string {
  let out = '';
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const v = n.nodeValue ?? '';
    const time = n.parentElement?.closest('time');
    if (!v || (time && el.contains(time))) continue;
    const a = out.slice(-1);
    if (a !== a.toUpperCase() && v[0] !== v[0].toLowerCase()) out += ' ';
    out += v;
  }
  // Only dates (a dateline of <time> elements): read whole, as before and as Readability reads it.
  return HAS_LETTER.test(out) ? out : (el.textContent ?? '');
}

/**
 * Finds, removes and returns the page's byline in `doc` (a reader copy), or null. A candidate whose text
 * is no name (a lone "By", a date, a "Follow author" button) is searched for a byline inside it (a name
 * in its own element: "<div class=byline><span class=author>Pete Evans</span> · Posted …"), then the
 * search goes on after it. When nothing is found, the headers and banners skipped as unlikely are
 * searched for an author the markup itself declares (rel=author, itemprop=author): Readability's retry
 * passes look there too, and article headers hold many bylines. A byline-like class alone is weaker
 * evidence there, and Readability's single pass on long pages never sees those blocks: not enough.
 */
export function takeContentByline(doc: Document): string | null {
  const body = doc.body;
  if (!body) return null;
  const deferred: Element[] = [];
  const found = walk(body, body.firstElementChild, deferred);
  if (found) return found;
  for (const el of deferred) {
    if (!el.isConnected) continue;
    const b = walk(el, el, null);
    if (b) return b;
  }
  return null;
}

/** Walks `root`'s subtree from `start` in document order; `deferred` collects header-like skipped blocks (first pass). */
function walk(root: Element, start: Element | null, deferred: Element[] | null): string | null {
  let el: Element | null = start;
  const next = (from: Element, skipChildren: boolean): Element | null => {
    if (!skipChildren && from.firstElementChild) return from.firstElementChild;
    for (let n: Element | null = from; n && n !== root; n = n.parentElement) {
      if (n.nextElementSibling) return n.nextElementSibling;
    }
    return null;
  };
  while (el) {
    const tag = el.tagName;
    if (SKIP_TAGS.has(tag) || hidden(el) || (el.getAttribute('aria-modal') === 'true' && el.getAttribute('role') === 'dialog')) {
      el = next(el, true);
      continue;
    }
    const match = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (isBylineElement(el, match, !deferred)) {
      const text = nameText(el);
      // A role alone ("<div class=name>Ann Coulter</div><div class=authortitle>Political Commentator</div>"):
      // the name is the element before it (never the headline: "<h1>Story</h1><p class=author-role>Staff Writer</p>").
      const named = onlyRole(text) ? el.previousElementSibling : el;
      const b = named && !/^H\d/.test(named.tagName) && cleanByline(named === el ? text : bylineText(named));
      if (b && !BOILER_LINE.test(b)) {
        named.remove();
        el.remove();
        return b;
      }
      el = next(el, false);
      continue;
    }
    const role = el.getAttribute('role');
    if ((role && UNLIKELY_ROLES.has(role)) || othersSay(el, match)) {
      el = next(el, true);
      continue;
    }
    // The start of a deferred pass is searched even though it looks unlikely; comments, sidebars,
    // footers and related lists inside it are not (other people's names).
    if (el !== start || deferred) {
      // The page's main landmark holds the article whatever its class names say ("js-social-anchor").
      const unlikely =
        namesWord(UNLIKELY, match) && !MAYBE.test(match) && tag !== 'A' && !isMainLandmark(el, role) && !el.closest('table, code');
      if (unlikely) {
        const others = namesWord(OTHER_PEOPLE, match);
        if (deferred && !others) deferred.push(el);
        if (deferred || others) {
          el = next(el, true);
          continue;
        }
      }
    }
    el = next(el, false);
  }
  return null;
}
