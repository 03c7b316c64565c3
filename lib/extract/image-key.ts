// One key per picture, whatever size variant a URL asks for: a page's og:image and its <img> are often
// the same file at different sizes (WordPress "-1024x576" copies, CDN resizing parameters).
const IMG_EXT = /\.(?:jpe?g|png|gif|webp|avif)$/i;
// WordPress writes resized copies as name-1024x576.jpg, big uploads as name-scaled.jpg, edited ones as
// name-e1571234567890.jpg; retina copies end in @2x.
const SIZE_SUFFIX = /(?:-\d{2,5}x\d{2,5}|-scaled|-e\d{10,13}|@[1-4]x)(?=\.[a-z0-9]{3,4}$)/i;
// Query parameters that only resize, crop or re-encode (imgix, Cloudinary fetch, WordPress Photon,
// Akamai, Fastly, Sanity...): dropped when the path alone does not name a file.
const RESIZE_PARAMS = new Set([
  'w',
  'h',
  'width',
  'height',
  'resize',
  'fit',
  'crop',
  'quality',
  'q',
  'auto',
  'format',
  'fm',
  'dpr',
  'ssl',
  'strip',
  'zoom',
  'size',
  'imwidth',
  'impolicy',
  'ixlib',
  'ixid',
  'cs',
  'rect',
  'itok',
  'v',
]);

/**
 * host + path (+ the query parameters that select a picture) of an image URL, or null when it is not an
 * http(s) URL. A path ending in an image file names the picture: its whole query is dropped.
 */
export function imageKey(url: string | null | undefined, base: string): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  let path = u.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep it encoded */
  }
  path = path.replace(SIZE_SUFFIX, '').replace(SIZE_SUFFIX, '');
  let query = '';
  if (!IMG_EXT.test(path)) {
    const kept = [...u.searchParams].filter(([k]) => !RESIZE_PARAMS.has(k.toLowerCase())).sort();
    if (kept.length) query = '?' + new URLSearchParams(kept).toString();
  }
  return u.hostname.toLowerCase().replace(/^www\./, '') + path + query;
}

/** The URLs of a srcset value (descriptors dropped). */
export function srcsetUrls(srcset: string | null): string[] {
  if (!srcset) return [];
  return srcset
    .split(/,\s+|,(?=\s*(?:https?:)?\/)/)
    .map((part) => part.trim().split(/\s+/)[0])
    .filter(Boolean);
}

/** Largest width a srcset declares ("640w"), or 0. */
export function srcsetMaxWidth(srcset: string | null): number {
  let max = 0;
  for (const m of (srcset ?? '').matchAll(/\s(\d{2,5})w(?:\s*,|\s*$)/g)) max = Math.max(max, Number(m[1]));
  return max;
}
