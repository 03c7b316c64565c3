// Structural proof that rendered article HTML cannot run anything: used by the unit tests (jsdom) and
// the E2E tests (passed to the page as source text, so it must stay one self-contained function with
// no imports and no helpers outside its body).

/**
 * Lists every reason the subtree under `root` could run script, load active content, submit, navigate
 * by itself or clobber globals. An empty list means the subtree is inert article markup.
 */
export function auditArticleDom(root: Element | DocumentFragment): string[] {
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const BANNED_TAGS = [
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
    'style',
    'svg',
    'math',
    'base',
    'meta',
    'link',
    'template',
    'noscript',
    'portal',
    'fencedframe',
    'dialog',
    'video',
    'audio',
    'track',
    'area',
    'map',
    'marquee',
    'isindex',
    'keygen',
    'xmp',
    'plaintext',
    'noembed',
    'noframes',
    'param',
    'slot',
    'canvas',
    'title',
    'body',
    'html',
    'head',
    'image',
  ];
  const BANNED_ATTRS = [
    'style',
    'id',
    'name',
    'srcdoc',
    'formaction',
    'action',
    'xlink:href',
    'xmlns',
    'is',
    'ping',
    'background',
    'poster',
    'data',
    'codebase',
    'dynsrc',
    'lowsrc',
    'http-equiv',
    'popover',
    'popovertarget',
  ];
  const URL_ATTRS = ['href', 'src', 'cite', 'longdesc'];
  const scheme = (v: string) => {
    const t = v.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
    const m = /^([a-z][a-z0-9+.-]*):/i.exec(t);
    return { s: m ? m[1].toLowerCase() : '', t };
  };
  const okUrl = (attr: string, v: string) => {
    const { s, t } = scheme(v);
    if (s === '' || s === 'http' || s === 'https') return true;
    if (attr === 'href') return s === 'mailto';
    if (attr === 'src') return s === 'blob' || (s === 'data' && /^data:image\/(?:png|gif|jpe?g|webp|avif)[;,]/i.test(t));
    return false;
  };
  const problems: string[] = [];
  const all = root.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    const tag = el.localName.toLowerCase();
    const where = `<${tag}>`;
    if (el.namespaceURI !== XHTML) problems.push(`${where} in namespace ${el.namespaceURI}`);
    if (BANNED_TAGS.includes(tag)) problems.push(`${where} element`);
    if (tag.includes('-')) problems.push(`${where} custom element`);
    for (let j = 0; j < el.attributes.length; j++) {
      const a = el.attributes[j];
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`${where} event handler ${name}`);
      // An empty is="" names no custom element: DOMPurify writes it so the serializer cannot restore the original value.
      else if (name === 'is' && a.value === '') continue;
      else if (BANNED_ATTRS.includes(name) || name.includes(':')) problems.push(`${where} attribute ${name}`);
      else if (URL_ATTRS.includes(name) && !okUrl(name, a.value)) problems.push(`${where} ${name}=${a.value.slice(0, 80)}`);
      else if (
        name === 'srcset' &&
        (/data:/i.test(a.value) || a.value.split(',').some((c) => !okUrl('src', c.trim().split(/\s+/)[0] ?? '')))
      ) {
        problems.push(`${where} srcset=${a.value.slice(0, 80)}`);
      } else if (name === 'target' && (tag !== 'a' || !/\bnoopener\b/.test(el.getAttribute('rel') ?? ''))) {
        problems.push(`${where} target without rel=noopener`);
      }
    }
  }
  return problems;
}
