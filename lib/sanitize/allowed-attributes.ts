// The attributes stored article HTML may keep: the sanitizer's allowlist (sanitize-html.ts), and what the
// tab's extraction keeps before handing its HTML over (lib/extract/core.ts, which must not load
// DOMPurify): one list, so the tab never drops what the sanitizer would keep, nor ships what it drops.
export const ALLOWED_ATTRIBUTES = [
  'href',
  'src',
  'srcset',
  'sizes',
  'alt',
  'title',
  'width',
  'height',
  'colspan',
  'rowspan',
  'datetime',
  'lang',
  'dir',
  'start',
  'reversed',
  'type',
  'scope',
  'headers',
  'abbr',
  'open',
  'media',
];
