// Re-import of our own JSON export (lib/export/gist-json.ts): nothing is lost on the way back.
import type { Highlight } from '../db/schema';
import { base64ToBytes, GIST_VERSION, type GistExportArticle } from '../export/gist-format';
import { epochToIso } from './dates';
import { checkUrl } from './item';
import { cleanTags } from './text';
import type { ImportImage, ImportItem, ImportProblem } from './types';

type Obj = Record<string, unknown>;

export function parseGistJson(file: string, root: Obj, items: ImportItem[], errors: ImportProblem[]): void {
  if (typeof root.version === 'number' && root.version > GIST_VERSION) {
    errors.push({ where: file, reason: `written by a newer Gist (format version ${root.version}); fields this version does not know are ignored` });
  }
  const list = Array.isArray(root.articles) ? root.articles : [];
  if (!Array.isArray(root.articles)) errors.push({ where: file, reason: 'no "articles" list' });
  list.forEach((raw, i) => {
    const where = `${file}#${i}`;
    if (typeof raw !== 'object' || raw === null) { errors.push({ where, reason: 'not an object' }); return; }
    const a = raw as Partial<GistExportArticle>;
    const url = checkUrl(a.originalUrl || a.url, where, errors);
    if (!url) return;
    const images: ImportImage[] = [];
    for (const [k, im] of (a.images ?? []).entries()) {
      try {
        images.push({ src: im.src, type: im.type, data: base64ToBytes(im.data) });
      } catch {
        errors.push({ where: `${where}.images[${k}]`, reason: `image ${im?.src ?? ''} is not valid base64; left out` });
      }
    }
    const item: ImportItem = {
      url,
      title: typeof a.title === 'string' ? a.title : '',
      tags: cleanTags(Array.isArray(a.tags) ? a.tags : []),
      savedAt: typeof a.savedAt === 'number' ? epochToIso(a.savedAt) : null,
      status: a.status === 'archived' ? 'archived' : 'unread',
      favorite: !!a.favorite,
      where,
      gist: {
        canonicalUrl: a.url,
        updatedAt: a.updatedAt,
        tagCandidates: a.tagCandidates,
        tagsEdited: a.tagsEdited,
        wordCount: a.wordCount,
        cjkChars: a.cjkChars,
        imageCount: a.imageCount,
        readingMinutes: a.readingMinutes,
        contentState: a.contentState,
        source: a.source,
        // Why a link could not be fetched (fetch queue); the import keeps it with the failed article.
        ...(typeof a.fetchError === 'string' ? { fetchError: a.fetchError } : {}),
        ...(typeof a.fetchAttempts === 'number' ? { fetchAttempts: a.fetchAttempts } : {}),
        text: a.content?.text,
        images: images.length ? images : undefined,
      },
    };
    if (typeof a.progress === 'number') item.progress = a.progress;
    if (Array.isArray(a.highlights) && a.highlights.length) item.highlights = a.highlights as Highlight[];
    if (a.content?.html) item.content = a.content.html;
    if (a.excerpt) item.excerpt = a.excerpt;
    if (a.byline) item.author = a.byline;
    if (a.siteName) item.siteName = a.siteName;
    if (a.publishedTime) item.publishedAt = a.publishedTime;
    if (a.lang) item.lang = a.lang;
    items.push(item);
  });
}
