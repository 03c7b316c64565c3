// The one image downloader: the popup's Save and the import fetch queue both store images with it.
// Runs in an extension context (host permission decides which origins it may read).
const MAX_BYTES = 15 * 1024 * 1024;
const TIMEOUT_MS = 20_000;
/** Images kept per article; the rest stay online-only and count as failed. */
export const MAX_IMAGES = 60;
const PARALLEL = 4;

export type FetchImage = (url: string) => Promise<Blob | null>;

/** Downloads one image without cookies or referrer; null when it cannot (or should not: SVG, huge, not an image). */
export async function fetchImage(url: string): Promise<Blob | null> {
  if (url.startsWith('data:')) return null; // already inline in the HTML
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(url, { credentials: 'omit', signal: ctrl.signal, referrerPolicy: 'no-referrer' });
    if (!res.ok) return null;
    const type = res.headers.get('content-type') ?? '';
    if (!type.startsWith('image/') || type.includes('svg')) return null; // SVG can carry script
    const blob = await res.blob();
    return blob.size > 0 && blob.size <= MAX_BYTES ? blob : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Downloads the http(s) images among `urls`, four at a time; `failed` counts misses and those over the limit. */
export async function downloadImages(
  urls: string[],
  fetchOne: FetchImage = fetchImage,
): Promise<{ images: { src: string; blob: Blob }[]; failed: number }> {
  const out: { src: string; blob: Blob }[] = [];
  let failed = 0;
  const web = urls.filter((u) => /^https?:/i.test(u));
  const queue = web.slice(0, MAX_IMAGES);
  const worker = async () => {
    for (let src = queue.shift(); src !== undefined; src = queue.shift()) {
      const blob = await fetchOne(src).catch(() => null);
      if (blob) out.push({ src, blob });
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return { images: out, failed: failed + Math.max(0, web.length - MAX_IMAGES) };
}
