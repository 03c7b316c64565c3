// @vitest-environment node
// The Netscape bookmarks HTML export re-imports with titles, tags, dates, read state and favorite.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { exportNetscapeHtml } from '../../lib/export/netscape-html';
import { parseImport } from '../../lib/import/parse-import';
import { bytesOf, db, seededLibraryEachTest } from '../helpers/export-library';

seededLibraryEachTest();
describe('Netscape bookmark export', () => {
  it('re-imports with titles, tags, dates, unread/archived and favorite', async () => {
    const html = new TextDecoder().decode(await bytesOf(await exportNetscapeHtml(db)));
    expect(html).toMatch(/^<!DOCTYPE NETSCAPE-Bookmark-file-1>/);
    expect(html).toContain('Alpha: &quot;quoted&quot; &lt;title&gt;');
    const r = await parseImport('bookmarks.html', new TextEncoder().encode(html));
    expect(r.format).toBe('netscape-bookmarks');
    expect(r.errors).toEqual([]);
    expect(
      r.items.map((i) => ({
        url: i.url,
        title: i.title,
        tags: i.tags,
        status: i.status,
        favorite: i.favorite,
        savedAt: i.savedAt,
        excerpt: i.excerpt,
      })),
    ).toEqual([
      // Commas separate tags in this format: "peanut, butter" comes back as two tags.
      {
        url: 'https://example.com/a?utm_source=x',
        title: 'Alpha: "quoted" <title>',
        tags: ['science', 'peanut', 'butter'],
        status: 'archived',
        favorite: true,
        savedAt: new Date(1_600_000_000_000).toISOString(),
        excerpt: 'An excerpt, with & ampersand',
      },
      {
        url: 'https://example.org/b',
        title: 'Beta',
        tags: [],
        status: 'unread',
        favorite: false,
        savedAt: new Date(1_600_000_000_000).toISOString(),
        excerpt: undefined,
      },
    ]);
  });
});
