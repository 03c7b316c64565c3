// The one place that decides which HTML we store or render: DOMPurify with an article allowlist.
// Runs in the extension (saving: the offscreen document or Firefox's background page; the library page:
// import and render) and under Node (CLI, tests). Never in the tab: its extraction passes sanitize: false.
// No scripts, styles, forms, frames, plugins, SVG or MathML; no event handlers, no id/name/class (DOM
// clobbering), and every URL-bearing attribute is checked the way a browser would parse it.
import createDOMPurify, { type Config } from 'dompurify';
import { ALLOWED_ATTRIBUTES } from './allowed-attributes';
import { parsingWindow } from './inert-window';

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'address',
  'article',
  'aside',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'footer',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'main',
  'mark',
  'ol',
  'p',
  'picture',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'source',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
];
/** Beyond DOMPurify's defaults (script, style, svg, math, template, noscript…): elements whose inner text must go too. */
const ADD_FORBID_CONTENTS = ['iframe', 'object', 'embed', 'applet', 'textarea', 'select', 'option', 'button'];
const FORBID_TAGS = [
  'style',
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'svg',
  'math',
  'link',
  'meta',
  'base',
  'template',
  'noscript',
  'portal',
  'fencedframe',
  'dialog',
];

const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);
const IMAGE_SCHEMES = new Set(['http', 'https', 'blob']);
const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif)[;,]/i;

/**
 * The scheme a browser would see in this attribute value ('' for a relative URL): the URL parser
 * drops leading/trailing C0 controls and spaces and every tab/newline anywhere, so
 * "  java&#9;script:" is javascript:. Entities are already decoded by the HTML parser.
 */
export function urlScheme(value: string): string {
  const v = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(v);
  return m ? m[1].toLowerCase() : '';
}

/** A link target we keep: http(s), mailto, or relative/fragment (resolved against the article URL). */
export function isSafeLinkUrl(value: string): boolean {
  const s = urlScheme(value);
  return s === '' || LINK_SCHEMES.has(s);
}

/** An image URL we keep: http(s), blob:, relative, or a raster data: image (never SVG, never HTML). */
export function isSafeImageUrl(value: string): boolean {
  const s = urlScheme(value);
  if (s === 'data') return DATA_IMAGE.test(value.trim().replace(/[\t\n\r]/g, ''));
  return s === '' || IMAGE_SCHEMES.has(s);
}

/** srcset = comma-separated "URL [descriptor]" candidates; every candidate must be a safe image URL. */
function isSafeSrcset(value: string): boolean {
  // data: URLs contain commas, which make srcset ambiguous: refuse them outright.
  if (/data:/i.test(value.replace(/[\t\n\r]/g, ''))) return false;
  return value.split(',').every((cand) => {
    const url = cand.trim().split(/\s+/)[0] ?? '';
    return url === '' || isSafeImageUrl(url);
  });
}

type Purifier = ReturnType<typeof createDOMPurify>;
const purifiers = new WeakMap<object, Purifier>();

function purifierFor(page: Window): Purifier {
  // DOMPurify parses the dirty HTML with this window's DOMParser: a script-less frame's in a browser.
  const win = parsingWindow(page);
  let p = purifiers.get(win);
  if (p) return p;
  p = createDOMPurify(win as unknown as Window & typeof globalThis);
  p.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName;
    const tag = node.nodeName.toLowerCase();
    if (name === 'src' || name === 'srcset' || name === 'sizes') {
      if (tag !== 'img' && tag !== 'source') {
        data.keepAttr = false;
        return;
      }
      if (name === 'src' && !isSafeImageUrl(data.attrValue)) data.keepAttr = false;
      if (name === 'srcset' && !isSafeSrcset(data.attrValue)) data.keepAttr = false;
    } else if (name === 'href') {
      if (tag !== 'a' || !isSafeLinkUrl(data.attrValue)) data.keepAttr = false;
    } else if (name === 'type' || name === 'media') {
      // Only <source> uses these (type on <a>/<ol> is harmless but has no reader value).
      if (tag !== 'source' && !(name === 'type' && (tag === 'ol' || tag === 'li'))) data.keepAttr = false;
    }
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeType !== 1) return;
    const el = node as Element;
    // Our own link policy, whatever the page said: outside links open a new tab with no opener/referrer.
    el.removeAttribute('target');
    el.removeAttribute('rel');
    if (el.nodeName.toLowerCase() === 'a' && el.hasAttribute('href')) {
      const href = (el.getAttribute('href') ?? '').trim();
      if (!href.startsWith('#')) {
        el.setAttribute('target', '_blank');
        el.setAttribute('rel', 'noopener noreferrer');
      }
    }
  });
  purifiers.set(win, p);
  return p;
}

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ALLOWED_ATTRIBUTES,
  FORBID_TAGS,
  ADD_FORBID_CONTENTS,
  FORBID_ATTR: [
    'style',
    'id',
    'name',
    'class',
    'xmlns',
    'xlink:href',
    'formaction',
    'action',
    'srcdoc',
    'ping',
    'background',
    'poster',
    'usemap',
  ],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  SAFE_FOR_TEMPLATES: false,
  SANITIZE_DOM: true,
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  RETURN_TRUSTED_TYPE: false,
};

/** Sanitizes article HTML with the given window's DOM (browser window, or jsdom's under Node). */
export function sanitizeArticleHtml(html: string, win: Window): string {
  return purifierFor(win).sanitize(html, { ...CONFIG, RETURN_DOM: false, RETURN_DOM_FRAGMENT: false }) as string;
}

/**
 * The same sanitizing, as nodes to insert with replaceChildren: what DOMPurify checked is what gets
 * inserted (no second parse of its string output), and no innerHTML assignment, which AMO's linter flags.
 */
export function sanitizeArticleFragment(html: string, win: Window): DocumentFragment {
  // Sanitized to a string first and that string parsed in an inert document: the nodes are exactly what
  // the sanitized HTML means when parsed (DOMPurify's own fragment let payloads through that fired
  // inline handlers once inserted — blocked only by the CSP, seen by the XSS E2E).
  const clean = sanitizeArticleHtml(html, win);
  const doc = new (win as Window & typeof globalThis).DOMParser().parseFromString(`<!doctype html><body>${clean}`, 'text/html');
  const frag = doc.createDocumentFragment();
  frag.append(...doc.body.childNodes);
  return frag;
}
