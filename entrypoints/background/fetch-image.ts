const MAX_BYTES = 15 * 1024 * 1024;
const TIMEOUT_MS = 20_000;

/** Downloads an image from the extension context so the article reads offline. */
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
