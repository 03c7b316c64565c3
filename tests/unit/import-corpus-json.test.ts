// Every real JSON export sample in ../shared/corpora/import-samples (Omnivore, wallabag, Linkwarden,
// Pinboard, GoodLinks, Chrome and Firefox bookmarks), with counts and fields checked against the
// files themselves (see PROVENANCE.md there). HTML and CSV exports: import-corpus-html-csv.test.ts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnknownFormatError } from '../../lib/import/parse-import';
import { describeCorpus } from './corpus';
import { byUrl, load, SAMPLES } from './import-corpus-samples';

describeCorpus('import: real samples, JSON exports', SAMPLES, () => {
  it('Omnivore metadata JSON: 20 items, labels, state, author, ISO dates', async () => {
    const r = await load('omnivore/wallabag/omnivore.json');
    const raw = JSON.parse(readFileSync(resolve(SAMPLES, 'omnivore/wallabag/omnivore.json'), 'utf8')) as { state: string }[];
    expect(r.format).toBe('omnivore');
    expect(r.errors).toEqual([]);
    expect(r.items).toHaveLength(20);
    expect(r.items.filter((i) => i.status === 'archived')).toHaveLength(raw.filter((o) => o.state === 'Archived').length);
    const a = r.items[0];
    expect(a).toMatchObject({
      tags: ['RSS'],
      status: 'archived',
      savedAt: '2024-10-29T16:30:11.000Z',
      author: 'Juliette Garnier',
      progress: 0,
    });
    expect(a.excerpt).toMatch(/^La marque suisse/);
  });

  describe('wallabag JSON', () => {
    it('v2: starred, tags, +0200 offsets without a colon, full content', async () => {
      const r = await load('wallabag/wallabag/wallabag-v2.json');
      expect(r.format).toBe('wallabag-json');
      expect(r.items).toHaveLength(6);
      expect(byUrl(r, 'https://www.mediapart.fr/')).toMatchObject({
        favorite: true,
        tags: ['mediapart', 'blog'],
        savedAt: '2016-09-08T09:55:58.000Z',
        lang: 'fr',
      });
      expect(r.items.every((i) => typeof i.content === 'string' && i.content.length > 0)).toBe(true);
      expect(byUrl(r, 'https://fr.wikipedia.org/wiki/Échecs').content!.length).toBeGreaterThan(600_000);
      expect(r.items.find((i) => i.title === 'No title found')!.url).toMatch(/&sf20739758=1$/);
    });

    it('v2-read: archived flag; v1 PHP dumps: string booleans and comma tags', async () => {
      const r = await load('wallabag/wallabag/wallabag-v2-read.json');
      expect(r.items.map((i) => i.status)).toEqual(['archived', 'unread']);
      const v1 = await load('wallabag/wallabag/wallabag-v1.json');
      expect(v1.items.map((i) => [i.status, i.tags])).toEqual([
        ['unread', ['Framabag']],
        ['archived', []],
      ]);
      const v1r = await load('wallabag/wallabag/wallabag-v1-read.json');
      expect(v1r.items).toHaveLength(3);
      expect(v1r.items[0].favorite).toBe(true);
      expect(byUrl(v1r, 'http://framablog.org/2015/02/14/jaime-le-logiciel-libre/').tags).toEqual(['framasoft', 'tag']);
      expect(v1r.items.every((i) => i.savedAt === null && !!i.content)).toBe(true);
    });

    it('annotations become highlights with notes and dates', async () => {
      const r = await load('wallabag/wallabag-pr8928/wallabag-v2-annotations.json');
      expect(r.items).toHaveLength(1);
      expect(r.items[0].content).toBe('<p>Some content to annotate</p>');
      expect(r.items[0].highlights).toEqual([
        { text: 'some quoted text', note: 'my imported annotation', createdAt: '2024-01-02T09:00:00.000Z' },
        { text: 'a highlight without a note', note: null, createdAt: null },
        { text: 'no text at all', note: null, createdAt: null },
      ]);
    });

    it('the 0-byte file is refused with a clear message', async () => {
      await expect(load('wallabag/wallabag/wallabag-v2-empty.json')).rejects.toThrow(UnknownFormatError);
      await expect(load('wallabag/wallabag/wallabag-v2-empty.json')).rejects.toThrow(/empty/);
    });
  });

  describe('Linkwarden JSON', () => {
    it('readeck backup: pinned link is favorite, entity in a title decoded, collection tags', async () => {
      const r = await load('linkwarden/readeck/linkwarden.json');
      expect(r.format).toBe('linkwarden-json');
      expect(r.items).toHaveLength(3);
      expect(r.items[0]).toMatchObject({
        url: 'https://www.the-reframe.com/the-neighborhood/',
        favorite: true,
        tags: ['label b'],
        savedAt: '2025-06-24T05:24:31.751Z',
      });
      expect(r.items[1].title).toBe("You're Living On An Ant Planet - YouTube");
    });

    it('karakeep fixture: nested collections, the same URL in two collections merged', async () => {
      const r = await load('linkwarden/karakeep/linkwarden-export.json');
      expect(r.items).toHaveLength(5);
      expect(byUrl(r, 'https://example.com')).toMatchObject({ tags: ['work', 'personal'], savedAt: '2025-01-01T00:00:00.000Z' });
      expect(byUrl(r, 'https://react.dev').tags).toEqual(['js', 'ui', 'Frontend']);
    });
  });

  it('Pinboard JSON: toread yes/no, space-separated tags, escaped slashes', async () => {
    const a = await load('pinboard/archivebox/pinboard_export.json');
    expect(a.format).toBe('pinboard-json');
    expect(a.items).toHaveLength(8);
    expect(a.items.filter((i) => i.status === 'unread').map((i) => i.url)).toEqual([
      'https://en.wikipedia.org/wiki/International_Typographic_Style',
      'https://news.ycombinator.com/item?id=11686984',
    ]);
    expect(byUrl(a, 'https://github.com/google/styleguide').tags).toEqual(['code.style.guide', 'programming', 'reference', 'web.dev']);
    const b = await load('pinboard/wallabag/pinboard_export');
    expect(b.items).toHaveLength(3);
    expect(b.items[0]).toMatchObject({
      title: 'Complexities of an Infinite Scroller',
      savedAt: '2016-10-31T15:57:56.000Z',
      tags: ['infinite', 'dom', 'performance', 'scroll'],
    });
    expect(b.items[0].excerpt).toMatch(/^TL;DR/);
    const c = await load('pinboard/readeck/pinboard.json');
    expect(c.items.map((i) => i.status)).toEqual(['unread', 'archived']);
    expect((await load('pinboard/archivebox/pinboard_export_2.json')).items).toHaveLength(2);
  });

  it('GoodLinks JSON: Unix seconds, tags in any key order, summary as excerpt', async () => {
    const r = await load('goodlinks/readeck/goodlinks.json');
    expect(r.format).toBe('goodlinks-json');
    expect(r.items.map((i) => [i.url, i.tags, i.savedAt])).toEqual([
      ['https://www.startpage.com/', ['search'], new Date(1588601562000).toISOString()],
      ['https://www.linuxserver.io/', ['linux', 'docker'], new Date(1589621418000).toISOString()],
    ]);
    expect(r.items[0].excerpt).toBe('Search engine of the Internet.');
  });

  it('Chrome and Firefox JSON bookmarks: their own epochs', async () => {
    const c = await load('browser-bookmarks-json/wallabag/chrome-bookmarks');
    expect(c.format).toBe('chrome-bookmarks-json');
    // 13118850929335823 µs after 1601-01-01.
    expect(c.items).toEqual([
      expect.objectContaining({
        savedAt: '2016-09-20T13:15:29.336Z',
        url: 'https://www.20minutes.fr/sport/3256363-20220321-tournoi-vi-nations-trophee-gagne-xv-france-fini-fond-seine',
      }),
    ]);
    const f = await load('browser-bookmarks-json/wallabag/firefox-bookmarks.json');
    expect(f.format).toBe('firefox-bookmarks-json');
    expect(f.items.map((i) => [i.tags, i.savedAt])).toEqual([
      [['test', 'tag'], '2013-12-27T17:41:31.644Z'],
      [[], '2013-12-27T17:41:31.544Z'],
    ]);
  });
});
