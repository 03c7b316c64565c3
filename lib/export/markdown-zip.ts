// A ZIP of Markdown files, one per article, with YAML front matter (title, url, tags, dates, state)
// and the stored images under images/. HTML→Markdown is turndown: a maintained converter that takes
// the page's own DOMParser in the browser build (the library page has a DOM) and its bundled DOM
// under Node, so this file stays DOM-free. The library is read 100 articles at a time and fflate's
// streaming Zip compresses each file as it is added, so the source is never loaded whole; toBlob seals
// the zip's chunks into Blob parts every few MB, so the output does not pile up on the JS heap either.
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import TurndownService from 'turndown';
import type { ArticleRecord, GistDB, HighlightRecord, ImageRecord } from '../db/schema';
import { notesAndHighlights } from './highlights-markdown';
import { iterateLibrary, toBlob, type IterateOptions } from './iterate';
import { fileNameFor, yamlString } from './markdown-text';

export { fileNameFor };

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
};

function converter(): TurndownService & { images: Map<string, string> } {
  const t = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
  }) as TurndownService & { images: Map<string, string> };
  t.images = new Map();
  t.remove(['script', 'style', 'noscript', 'template']);
  // Stored images point at their original absolute URL; in the zip they live under images/.
  t.addRule('local-images', {
    filter: 'img',
    replacement(_content, node) {
      const el = node as unknown as { getAttribute(n: string): string | null };
      const src = el.getAttribute('src') ?? '';
      if (!src) return '';
      const alt = (el.getAttribute('alt') ?? '').replace(/[[\]\n]/g, ' ');
      const local = t.images.get(src);
      return `![${alt}](${local ? `images/${local}` : src.replace(/[()\s]/g, encodeURIComponent)})`;
    },
  });
  return t;
}

const yq = yamlString;
const iso = (ms: number) => new Date(ms).toISOString();

export function frontMatter(a: ArticleRecord): string {
  const lines = [
    '---',
    `title: ${yq(a.title)}`,
    `url: ${yq(a.originalUrl || a.url)}`,
    `tags: [${a.tags.map(yq).join(', ')}]`,
    `saved: ${iso(a.savedAt)}`,
    `updated: ${iso(a.updatedAt)}`,
    `status: ${a.status}`,
    `favorite: ${a.favorite ? 'true' : 'false'}`,
  ];
  if (a.byline) lines.push(`author: ${yq(a.byline)}`);
  if (a.siteName) lines.push(`site: ${yq(a.siteName)}`);
  if (a.publishedTime) lines.push(`published: ${yq(a.publishedTime)}`);
  if (a.lang) lines.push(`lang: ${yq(a.lang)}`);
  if (a.progress) lines.push(`progress: ${a.progress}`);
  lines.push('---', '');
  return lines.join('\n');
}

export function articleMarkdown(
  t: ReturnType<typeof converter>,
  a: ArticleRecord,
  html: string | undefined,
  highlights: readonly HighlightRecord[] = [],
): string {
  let md = `${frontMatter(a)}\n# ${a.title.replace(/\n/g, ' ')}\n\n`;
  if (html) md += `${t.turndown(html)}\n`;
  else md += `[${a.originalUrl || a.url}](${a.originalUrl || a.url})\n`;
  // The note and highlights after the text, highlights in reading order with links back to the page.
  const notes = notesAndHighlights(a, highlights);
  if (notes) md += `\n---\n\n${notes}`;
  return md;
}

export interface MarkdownZipOptions extends Pick<IterateOptions, 'batchSize' | 'onProgress'> {
  /** Include stored images (default true). */
  images?: boolean;
}

export async function* markdownZipChunks(db: GistDB, opts: MarkdownZipOptions = {}): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let failure: Error | null = null;
  let finished = false;
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err;
    else queue.push(chunk);
    if (final) finished = true;
  });
  const drain = function* () {
    if (failure) throw failure;
    while (queue.length) yield queue.shift()!;
  };
  const t = converter();
  const used = new Set<string>();
  const withImages = opts.images ?? true;
  for await (const { article, content, images, highlights } of iterateLibrary(db, {
    ...opts,
    content: true,
    images: withImages,
    highlights: true,
  })) {
    t.images.clear();
    images.forEach((im: ImageRecord, k) => {
      const ext = EXT[im.blob.type] ?? 'bin';
      t.images.set(im.src, `${article.id}-${k + 1}.${ext}`);
    });
    const md = new ZipDeflate(fileNameFor(article.title, used), { level: 6 });
    zip.add(md);
    md.push(strToU8(articleMarkdown(t, article, content?.html, highlights)), true);
    for (const im of images) {
      const f = new ZipPassThrough(`images/${t.images.get(im.src)}`);
      zip.add(f);
      f.push(new Uint8Array(await im.blob.arrayBuffer()), true);
    }
    yield* drain();
  }
  zip.end();
  yield* drain();
  if (!finished) throw new Error('zip did not finish');
}

export function exportMarkdownZip(db: GistDB, opts: MarkdownZipOptions = {}): Promise<Blob> {
  return toBlob(markdownZipChunks(db, opts), 'application/zip');
}
