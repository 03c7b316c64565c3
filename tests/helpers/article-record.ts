// A stored article record for component and list tests: article `id` of one site, unread, a 10-minute
// read saved a second after article id - 1; `over` changes any field.
import type { ArticleRecord } from '../../lib/db/schema';

export function articleRecord(id: number, over: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id,
    url: `https://news.example/${id}`,
    originalUrl: `https://news.example/${id}?utm_source=x`,
    title: `Article ${id}`,
    byline: null,
    siteName: 'News Example',
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    savedAt: 1_700_000_000_000 + id * 1000,
    updatedAt: 0,
    status: 'unread',
    favorite: 0,
    tags: [],
    tagCandidates: [],
    tagsEdited: false,
    wordCount: 2380,
    cjkChars: 0,
    imageCount: 0,
    readingMinutes: 10,
    progress: 0,
    contentState: 'full',
    ...over,
  };
}

/** A record to add to a test database (no id yet): a link saved from `url`, unread, not downloaded; `over` changes any field. */
export function storedLink(url: string, over: Partial<ArticleRecord> = {}): Omit<ArticleRecord, 'id'> {
  return {
    url,
    originalUrl: url,
    title: url,
    byline: null,
    siteName: null,
    lang: null,
    publishedTime: null,
    excerpt: null,
    savedAt: 1,
    updatedAt: 1,
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
    ...over,
  };
}
