// What the search index takes from an article: its IndexDoc, and the version of the metadata it was
// indexed from (lib/search/index-sync.ts skips log rows that leave it unchanged).
import type { ArticleRecord } from '../db/schema';
import type { IndexDoc } from './doc-terms';

export function indexDoc(a: ArticleRecord, text: string): IndexDoc {
  let host = '';
  try {
    host = new URL(a.url).hostname.replace(/^www\./, '');
  } catch {
    /* not a URL: site name only */
  }
  return { id: a.id, title: a.title, text, site: `${a.siteName ?? ''} ${host}`, tags: a.tags, ver: metaVersion(a) };
}

/**
 * A 52-bit hash (never 0) of the article fields the index reads besides the body (the change log's
 * INDEXED fields): equal for an indexed article means a metadata-only log row changes nothing.
 */
export function metaVersion(a: ArticleRecord): number {
  let h1 = 0x811c9dc5,
    h2 = 0x01000193;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    h1 = Math.imul(h1 ^ 0xffff, 0x01000193); // field separator
    h2 = Math.imul(h2 ^ 0xffff, 0x5bd1e995);
  };
  mix(a.title ?? '');
  mix(a.siteName ?? '\u0000');
  mix(a.url ?? '');
  mix(a.tags.join('\u0001'));
  mix(a.excerpt ?? '\u0000');
  mix(a.contentState ?? '');
  return (h1 >>> 0) * 0x100000 + (h2 & 0xfffff) || 1;
}
