// Our JSON export, written article by article (see gist-format.ts for the shape). Images are embedded
// as base64 by default so the file restores the library offline; `includeImages: false` makes a small
// file whose images are downloaded again when the articles are opened.
import type { GistDB } from '../db/schema';
import { bytesToBase64, GIST_FORMAT, GIST_VERSION, type GistExportArticle } from './gist-format';
import { iterateLibrary, toBlob, type IterateOptions } from './iterate';

export interface GistJsonOptions extends Pick<IterateOptions, 'batchSize' | 'onProgress'> {
  includeImages?: boolean;
  now?: () => number;
}

export async function* gistJsonChunks(db: GistDB, opts: GistJsonOptions = {}): AsyncGenerator<string> {
  const includeImages = opts.includeImages ?? true;
  const exportedAt = new Date((opts.now ?? Date.now)()).toISOString();
  yield `{"format":${JSON.stringify(GIST_FORMAT)},"version":${GIST_VERSION},"exportedAt":${JSON.stringify(exportedAt)},"articles":[`;
  let first = true;
  for await (const { article, content, images } of iterateLibrary(db, { ...opts, content: true, images: includeImages })) {
    const { id: _id, ...rest } = article;
    const out: GistExportArticle = { ...rest, content: content ? { html: content.html, text: content.text } : null };
    if (includeImages && images.length) {
      out.images = [];
      for (const im of images) out.images.push({ src: im.src, type: im.blob.type, data: bytesToBase64(new Uint8Array(await im.blob.arrayBuffer())) });
    }
    yield `${first ? '' : ','}\n${JSON.stringify(out)}`;
    first = false;
  }
  yield '\n]}\n';
}

export function exportGistJson(db: GistDB, opts: GistJsonOptions = {}): Promise<Blob> {
  return toBlob(gistJsonChunks(db, opts), 'application/json');
}
