// Our export as JSON Lines, written article by article (see gist-format.ts for the shape). Images are
// embedded as base64 by default so the file restores the library offline; `includeImages: false` makes
// a small file whose images are downloaded again when the articles are opened.
import type { GistDB } from '../db/schema';
import { bytesToBase64, GIST_FORMAT, GIST_VERSION, type GistExportArticle, type GistExportEnd, type GistExportHeader } from './gist-format';
import { iterateLibrary, toBlob, type IterateOptions } from './iterate';

export interface GistJsonOptions extends Pick<IterateOptions, 'batchSize' | 'onProgress'> {
  includeImages?: boolean;
  now?: () => number;
}

export const GIST_MIME = 'application/x-ndjson';

/** One chunk per line: the header, each article, the end line. */
export async function* gistJsonChunks(db: GistDB, opts: GistJsonOptions = {}): AsyncGenerator<string> {
  const includeImages = opts.includeImages ?? true;
  const header: GistExportHeader = {
    format: GIST_FORMAT,
    version: GIST_VERSION,
    exportedAt: new Date((opts.now ?? Date.now)()).toISOString(),
  };
  yield `${JSON.stringify(header)}\n`;
  let count = 0;
  for await (const { article, content, images, highlights } of iterateLibrary(db, {
    ...opts,
    content: true,
    images: includeImages,
    highlights: true,
  })) {
    // `highlights` on the article is the pre-schema-3 list, moved to the table by the upgrade.
    const { id: _id, highlights: _legacy, ...rest } = article;
    const out: GistExportArticle = {
      ...rest,
      content: content ? { html: content.html, text: content.text } : null,
      highlights: highlights.map(({ articleId: _a, ...h }) => h),
    };
    if (includeImages && images.length) {
      out.images = [];
      for (const im of images)
        out.images.push({ src: im.src, type: im.blob.type, data: bytesToBase64(new Uint8Array(await im.blob.arrayBuffer())) });
    }
    // JSON.stringify escapes every newline inside strings, so an article is exactly one line.
    yield `${JSON.stringify(out)}\n`;
    count++;
  }
  const end: GistExportEnd = { end: true, articles: count };
  yield `${JSON.stringify(end)}\n`;
}

export function exportGistJson(db: GistDB, opts: GistJsonOptions = {}): Promise<Blob> {
  return toBlob(gistJsonChunks(db, opts), GIST_MIME);
}
