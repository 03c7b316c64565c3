// The byline written in the page, found as Readability finds it (rel=author, itemprop~=author, or a
// byline/author/dateline class or id, under 100 characters, preferring an itemprop=name inside), but on
// the reader copy BEFORE our furniture clean-up: that pass drops author boxes, and with them the only
// byline some pages have. Like Readability, the byline element leaves the copy so it is not body text.
import { BOILER_LINE } from './patterns';
import { cleanByline } from './metadata';

const BYLINE_NAME = /byline|author|dateline|writtenby|p-author/i;
// Readability's "unlikely candidate" names and roles: it never looks for a byline inside those.
const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE = /and|article|body|column|content|main|shadow/i;
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD']);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

function hidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true' && !(el.getAttribute('class') ?? '').includes('fallback-image')) return true;
  const st = el.getAttribute('style');
  return !!st && HIDDEN_STYLE.test(st);
}

function isBylineElement(el: Element, match: string): boolean {
  const itemprop = el.getAttribute('itemprop');
  if (!(el.getAttribute('rel') === 'author' || (itemprop && itemprop.includes('author')) || BYLINE_NAME.test(match))) return false;
  const len = (el.textContent ?? '').trim().length;
  return len > 0 && len < 100;
}

/** The text of the first descendant whose itemprop names a name ("name", "author name"), else the element's. */
function nameText(el: Element): string {
  const named = el.querySelector('[itemprop*="name"]');
  return (named ?? el).textContent?.trim() ?? '';
}

/**
 * Finds, removes and returns the page's byline in `doc` (a reader copy), or null. A candidate whose text
 * is no name (a lone "By", a date, a "Follow author" button) is skipped and the search goes on.
 */
export function takeContentByline(doc: Document): string | null {
  const body = doc.body;
  if (!body) return null;
  let el: Element | null = body.firstElementChild;
  const next = (from: Element, skipChildren: boolean): Element | null => {
    if (!skipChildren && from.firstElementChild) return from.firstElementChild;
    for (let n: Element | null = from; n && n !== body; n = n.parentElement) {
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
    if (isBylineElement(el, match)) {
      const b = cleanByline(nameText(el));
      if (b && !BOILER_LINE.test(b)) {
        el.remove();
        return b;
      }
      el = next(el, true);
      continue;
    }
    const role = el.getAttribute('role');
    const unlikely = UNLIKELY.test(match) && !MAYBE.test(match) && tag !== 'A' && !el.closest('table, code');
    if (unlikely || (role && UNLIKELY_ROLES.has(role))) {
      el = next(el, true);
      continue;
    }
    el = next(el, false);
  }
  return null;
}
