// "Save as link": a page that is not an article is stored as its address and title only, the way
// imports store link-only items (lib/import/apply-import.ts): contentState 'pending', no counts, so the
// library shows no reading time and the fetch queue (lib/fetch-queue) can download it later.
import type { ArticleRecord, GistDB } from '../db/schema';
import type { SaveResult } from '../messaging/protocol';
import { displayHost } from '../url/host';
import type { TabExtraction } from './tab-extraction';

export interface LinkInput {
  /** The store's key for the page (analyzeFor's key: the same-site canonical rule needs the PSL). */
  url: string;
  originalUrl: string;
  title: string;
  siteName: string | null;
  excerpt: string | null;
}

/** What to store for the tab's page: its key, address, and the best title known (article, tab, URL). */
export function linkInput(ex: TabExtraction, tabTitle: string | undefined, key: string): LinkInput {
  const a = ex.article;
  return {
    url: key,
    originalUrl: ex.url,
    title: a?.title?.trim() || tabTitle?.trim() || ex.url,
    siteName: a?.siteName ?? displayHost(ex.url),
    excerpt: a?.excerpt ?? null,
  };
}

/** Adds the link-only article; a page already in the library is left as it is (created: false). */
export async function saveLink(db: GistDB, input: LinkInput, now = Date.now()): Promise<SaveResult> {
  return db.transaction('rw', db.articles, async () => {
    const existing = await db.articles.where('url').equals(input.url).first();
    if (existing) return { id: existing.id, created: false, images: 0, imagesFailed: 0 };
    const record: Omit<ArticleRecord, 'id'> = {
      url: input.url,
      originalUrl: input.originalUrl,
      title: input.title,
      byline: null,
      siteName: input.siteName,
      lang: null,
      publishedTime: null,
      excerpt: input.excerpt,
      savedAt: now,
      updatedAt: now,
      status: 'unread',
      favorite: 0,
      tags: [],
      tagCandidates: [],
      tagsEdited: false,
      wordCount: 0,
      cjkChars: 0,
      imageCount: 0,
      readingMinutes: 0,
      progress: 0,
      contentState: 'pending',
      source: 'link',
    };
    const id = (await db.articles.add(record as ArticleRecord)) as number;
    return { id, created: true, images: 0, imagesFailed: 0 };
  });
}
