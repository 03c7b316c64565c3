// Netscape bookmark HTML, the format every browser and read-later service imports. Tags go in TAGS
// (comma-separated, so a tag containing a comma splits), unread/archived in TOREAD, favorites in a
// FAVORITE attribute only Gist reads back; the excerpt becomes the <DD> description.
import type { GistDB } from '../db/schema';
import { iterateLibrary, toBlob, type IterateOptions } from './iterate';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const secs = (ms: number) => String(Math.floor(ms / 1000));

export async function* netscapeChunks(db: GistDB, opts: Pick<IterateOptions, 'batchSize' | 'onProgress'> = {}): AsyncGenerator<string> {
  yield '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<!-- This is an automatically generated file. -->\n<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n<TITLE>Bookmarks</TITLE>\n<H1>Gist</H1>\n<DL><p>\n';
  for await (const { article: a } of iterateLibrary(db, opts)) {
    const attrs = [
      `HREF="${esc(a.originalUrl || a.url)}"`,
      `ADD_DATE="${secs(a.savedAt)}"`,
      `LAST_MODIFIED="${secs(a.updatedAt)}"`,
      `TAGS="${esc(a.tags.join(','))}"`,
      `TOREAD="${a.status === 'unread' ? 1 : 0}"`,
      ...(a.favorite ? ['FAVORITE="1"'] : []),
    ];
    let line = `    <DT><A ${attrs.join(' ')}>${esc(a.title)}</A>\n`;
    if (a.excerpt) line += `    <DD>${esc(a.excerpt.replace(/\s+/g, ' ').trim())}\n`;
    yield line;
  }
  yield '</DL><p>\n';
}

export function exportNetscapeHtml(db: GistDB, opts: Pick<IterateOptions, 'batchSize' | 'onProgress'> = {}): Promise<Blob> {
  return toBlob(netscapeChunks(db, opts), 'text/html');
}
