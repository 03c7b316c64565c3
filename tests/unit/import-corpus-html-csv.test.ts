// Every real HTML and CSV export sample in ../shared/corpora/import-samples (Pocket, Instapaper,
// Readwise Reader, Matter, Netscape bookmarks), with counts and fields checked against the files
// themselves (see PROVENANCE.md there). JSON exports: import-corpus-json.test.ts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../lib/import/parse-import';
import { canonicalUrl } from '../../lib/url/canonical-url';
import { describeCorpus } from './corpus';
import { byUrl, bytes, load, SAMPLES } from './import-corpus-samples';

describeCorpus('import: real samples, HTML and CSV exports', SAMPLES, () => {
  describe('Pocket HTML', () => {
    it('wallabag ril_export.html: 2 unread items with comma tags', async () => {
      const r = await load('pocket/wallabag/ril_export.html');
      expect(r.format).toBe('pocket-html');
      expect(r.errors).toEqual([]);
      expect(r.items).toHaveLength(2);
      const a = r.items[0];
      expect(a.url).toBe('https://www.20minutes.fr/sport/4002755-20220928-tarn-lapins-ravagent-terrain-match-rugby-doit-etre-annule');
      expect(a.title).toBe('Tarn : Des lapins ravagent le terrain, le match de rugby doit être annulé');
      expect(a.tags).toEqual(['ifttt', 'new_entry_simple']);
      expect(a.savedAt).toBe(new Date(1688628695 * 1000).toISOString());
      expect(r.items.every((i) => i.status === 'unread' && !i.favorite)).toBe(true);
    });

    it('archivebox pocket_export.html: both sections, a no-break space kept in a title', async () => {
      const r = await load('pocket/archivebox/pocket_export.html');
      const raw = readFileSync(resolve(SAMPLES, 'pocket/archivebox/pocket_export.html'), 'utf8');
      const [unreadPart, archivePart] = raw.split(/<h1>Read Archive<\/h1>/);
      const count = (s: string) => (s.match(/<a href=/g) ?? []).length;
      expect(r.items).toHaveLength(count(raw));
      expect(r.items.filter((i) => i.status === 'unread')).toHaveLength(count(unreadPart));
      expect(r.items.filter((i) => i.status === 'archived')).toHaveLength(count(archivePart));
      expect(count(archivePart)).toBeGreaterThan(0);
      expect(r.items.some((i) => i.title.includes('computer\u00a0science'))).toBe(true);
      expect(byUrl(r, 'https://issuu.com/crowdcraft/docs/shanghai-talk-july-2012').tags).toEqual(['make512']);
    });

    it('hammer-mt: the real 7478-link export, deduplicated by canonical URL, entities decoded', async () => {
      const rel = 'pocket/hammer-mt/ril_export.html';
      const raw = readFileSync(resolve(SAMPLES, rel), 'utf8');
      const r = await load(rel);
      expect(r.format).toBe('pocket-html');
      expect(r.errors).toEqual([]);
      // Independent count: every href, &amp; undone, keyed like the library keys articles.
      const hrefs = [...raw.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
      expect(hrefs).toHaveLength(7478);
      // A link listed in both sections is archived (archived beats unread when repeats merge).
      const sectionOf = new Map<string, 'unread' | 'archived'>();
      const archiveAt = raw.indexOf('<h1>Read Archive</h1>');
      for (const m of raw.matchAll(/<a href="([^"]*)"/g)) {
        const key = canonicalUrl(m[1].replace(/&amp;/g, '&'));
        if (sectionOf.get(key) !== 'archived') sectionOf.set(key, m.index! > archiveAt ? 'archived' : 'unread');
      }
      expect(r.items).toHaveLength(sectionOf.size);
      expect(r.items.length + r.duplicates.length).toBe(7478);
      expect(r.items.filter((i) => i.status === 'archived')).toHaveLength([...sectionOf.values()].filter((s) => s === 'archived').length);
      const tw = byUrl(r, 'https://twitter.com/nikitabier/status/1481118406749220868?t=g1zs9zOdYtrbp-1VhRhDeA&s=03');
      expect(tw.savedAt).toBe(new Date(1674472949 * 1000).toISOString());
      const cp = byUrl(r, 'https://lspace.swyx.io/p/what-building-copilot-for-x-really?utm_source=substack&utm_medium=email');
      expect(cp.title).toBe('What Building "Copilot for X" Really Takes');
      expect(r.items.filter((i) => i.tags.length).length).toBeGreaterThan(500);
      // Entities are decoded once: "&#039;" and "&quot;" never survive (a few titles are double-escaped
      // at the source, "&amp;amp;", and rightly keep one "&amp;").
      expect(r.items.some((i) => i.title.includes('&#039;') || i.title.includes('&quot;'))).toBe(false);
      expect(r.items.find((i) => i.url.includes('peteromallet'))!.title).toMatch(/^Peter O'Malley on Twitter: "If "grief is the price/);
    });
  });

  describe('Pocket CSV', () => {
    it('wallabag pocket.csv: quoted newlines, archive status, a #utm fragment kept in the URL', async () => {
      const r = await load('pocket/wallabag/pocket.csv');
      expect(r.format).toBe('pocket-csv');
      expect(r.errors).toEqual([]);
      expect(r.items).toHaveLength(7);
      expect(r.items.filter((i) => i.status === 'archived').map((i) => i.url)).toEqual([
        'https://www.reddit.com/r/DataHoarder/comments/ioupbk/archivebox_question_how_do_i_import_links_from_a/',
        'https://www.nouvelobs.com/rue89/20200911.OBS33165/comment-konbini-s-est-fait-pieger-par-un-pere-masculiniste.html',
      ]);
      const bees = byUrl(r, 'https://reporterre.net/Des-abeilles-pour-resoudre-les-conflits-entre-les-humains-et-les-elephants');
      expect(bees.title).toBe('Des abeilles pour résoudre les « conflits » entre les humains\n\net les élépha');
      expect(bees.savedAt).toBe(new Date(1599890673 * 1000).toISOString());
      expect(r.items.some((i) => i.url.includes('#utm_medium=distibuted'))).toBe(true);
    });

    it('shiori: both header variants (with and without cursor) map by name', async () => {
      for (const f of ['pocket/shiori/pocket-new.csv', 'pocket/shiori/pocket-old.csv']) {
        const r = await load(f);
        expect(r.format).toBe('pocket-csv');
        expect(r.items).toEqual([
          expect.objectContaining({
            url: 'https://github.com/go-shiori/shiori',
            title: 'Shiori',
            tags: ['shiori'],
            status: 'unread',
            savedAt: '2018-11-04T15:05:37.000Z',
          }),
        ]);
      }
    });

    it('readeck pocket_part.csv and pocket.zip: pipe tags, ftp refused, #fragment duplicate merged', async () => {
      for (const f of ['pocket/readeck/pocket_part.csv', 'pocket/readeck/pocket.zip']) {
        const r = await load(f);
        expect(r.format).toBe('pocket-csv');
        expect(r.items.map((i) => i.url)).toEqual(['https://example.net/', 'https://example.org/#test', 'https://example.org/read']);
        expect(byUrl(r, 'https://example.org/#test').tags).toEqual(['tag1', 'tag2']);
        expect(byUrl(r, 'https://example.org/read').status).toBe('archived');
        expect(r.errors).toHaveLength(1);
        expect(r.errors[0].where).toMatch(/part(_000000)?\.csv:4$/);
        expect(r.errors[0].reason).toMatch(/ftp:/);
        expect(r.duplicates).toEqual([expect.objectContaining({ url: 'https://example.net/#foo' })]);
        expect(r.duplicates[0].where).toMatch(/:5$/);
      }
    });
  });

  describe('Instapaper CSV', () => {
    it('4-column export: folders map to archived / favorite / a tag; no dates', async () => {
      const r = await load('instapaper/wallabag/instapaper-export.csv');
      expect(r.format).toBe('instapaper-csv');
      expect(r.items).toHaveLength(4);
      expect(byUrl(r, 'https://redditblog.com/2016/09/20/amp-and-reactredux/').status).toBe('archived');
      const starred = byUrl(r, 'https://medium.com/@the_minh/why-foursquare-swarm-is-still-my-favourite-social-network-e38228493e6c');
      expect(starred.favorite).toBe(true);
      const folder = byUrl(
        r,
        'https://www.20minutes.fr/high-tech/2077615-20170531-quoi-exactement-tweet-covfefe-donald-trump-persiste-signe',
      );
      expect(folder.tags).toEqual(['test_tag']);
      expect(folder.title).toBe("Dis donc Donald Trump, c'est quoi exactement «covfefe»?");
      expect(r.items.every((i) => i.savedAt === null)).toBe(true);
    });

    it('6-column export: JSON tags inside a CSV cell, Unix timestamps', async () => {
      const r = await load('instapaper/wallabag-pr8558/instapaper-export-new.csv');
      expect(r.items).toHaveLength(4);
      expect(byUrl(r, 'https://redditblog.com/2016/09/20/amp-and-reactredux/')).toMatchObject({
        tags: ['react', 'javascript'],
        status: 'archived',
        savedAt: new Date(1700000001000).toISOString(),
      });
      expect(
        byUrl(r, 'https://www.20minutes.fr/high-tech/2077615-20170531-quoi-exactement-tweet-covfefe-donald-trump-persiste-signe').tags,
      ).toEqual(['politics', 'twitter', 'news']);
      const r2 = await load('instapaper/readeck/csv-instapaper.csv');
      expect(r2.items.map((i) => i.savedAt)).toEqual([new Date(1640080879000).toISOString(), new Date(1687302510000).toISOString()]);
      expect(r2.items.every((i) => i.tags.length === 0 && i.status === 'unread')).toBe(true);
    });
  });

  it('Readwise Reader CSV: Python-list tags, microsecond dates, mailto refused with its line', async () => {
    const r = await load('readwise-reader/readeck/readwise.csv');
    expect(r.format).toBe('readwise-csv');
    expect(r.items).toHaveLength(2);
    expect(byUrl(r, 'https://www.startpage.com/')).toMatchObject({ status: 'archived', savedAt: '2025-01-20T22:13:02.447Z', title: '' });
    expect(byUrl(r, 'https://www.linuxserver.io/')).toMatchObject({
      tags: ["don't", 'favorite', 'peanut, butter'],
      savedAt: '2022-12-05T12:42:10.000Z',
      status: 'unread',
    });
    expect(r.errors).toEqual([{ where: 'readwise.csv:3', reason: expect.stringMatching(/mailto:/) }]);
  });

  describe('Matter', () => {
    it('_matter_history.csv alone: CRLF, TRUE/FALSE, zone-less date', async () => {
      const r = await load('matter/omnivore/_matter_history.csv');
      expect(r.format).toBe('matter');
      expect(r.items).toEqual([
        expect.objectContaining({
          url: 'https://www.bloomberg.com/features/2022-the-crypto-story/',
          title: 'The Only Crypto Story You Need, by Matt Levine',
          status: 'archived',
          savedAt: '2022-12-18T14:49:11.000Z',
          author: 'Matt Levine',
          siteName: 'Bloomberg',
        }),
      ]);
    });

    it('the highlights file alone is explained, and a Matter zip joins highlights and content', async () => {
      const hl = await load('matter/omnivore/_matter_highlights.csv');
      expect(hl.items).toEqual([]);
      expect(hl.errors[0].reason).toMatch(/no URLs/);
      // The real export zip, rebuilt in memory from the two sample files (+ a stand-in article body).
      const zip = zipSync({
        'Archive/_matter_history.csv': bytes('matter/omnivore/_matter_history.csv'),
        'Archive/_matter_highlights.csv': bytes('matter/omnivore/_matter_highlights.csv'),
        'Archive/content_15530945.html': new TextEncoder().encode('<p>body</p>'),
        '__MACOSX/Archive/._content_15530945.html': new Uint8Array([0, 5, 22, 7]),
      });
      const r = await parseImport('Archive.zip', zip);
      expect(r.format).toBe('matter');
      expect(r.errors).toEqual([]);
      expect(r.items).toHaveLength(1);
      expect(r.items[0].content).toBe('<p>body</p>');
      expect(r.items[0].highlights).toEqual([
        { text: 'But crypto has dug itself into finance, into technology, and into our heads.', createdAt: '2022-12-18T14:49:00.000Z' },
        {
          text: 'Saying that modern life is lived in databases means, most of all, that modern life involves a lot of trust.',
          createdAt: '2022-12-18T14:45:52.000Z',
        },
      ]);
    });
  });

  describe('Netscape bookmarks', () => {
    it('Firefox: place: smart bookmarks refused with their line, folders walked, big icons ignored', async () => {
      const r = await load('netscape-bookmarks/archivebox/firefox_export.html');
      expect(r.format).toBe('netscape-bookmarks');
      expect(r.items).toHaveLength(11);
      expect(r.errors.map((e) => e.where)).toEqual([10, 11, 31].map((l) => `firefox_export.html:${l}`));
      expect(r.errors.every((e) => /place:/.test(e.reason))).toBe(true);
      expect(byUrl(r, 'https://github.com/nodiscc')).toMatchObject({
        title: 'nodiscc (nodiscc) · GitHub',
        savedAt: new Date(1497562974000).toISOString(),
        status: 'unread',
      });
      // The <DD> under the "Bookmarks Toolbar" folder describes the folder, not the bookmark before it.
      expect(r.items.filter((i) => i.excerpt)).toEqual([]);
    });

    it('Pinboard: TOREAD="1" is unread, tags kept as written', async () => {
      const r = await load('netscape-bookmarks/archivebox/pinboard_export.html');
      expect(r.items.map((i) => [i.url, i.status, i.tags])).toEqual([
        ['https://github.com/trailofbits/algo', 'unread', ['vpn', 'scripts', 'toread']],
        ['http://www.ulisp.com/', 'unread', ['arduino', 'avr', 'embedded', 'lisp', 'toread']],
      ]);
    });

    it('Shaarli: <DD> descriptions kept, the trailing <script> never read', async () => {
      const r = await load('netscape-bookmarks/wallabag/shaarli-bookmarks.html');
      expect(r.items).toHaveLength(2);
      expect(r.items[0].excerpt).toMatch(/^In the two years or so since Mozilla announced/);
      expect(r.items[1].excerpt).toBeUndefined();
      expect(JSON.stringify(r)).not.toMatch(/cloudflare|cfasync/);
      expect(r.items[0].tags).toEqual(['firefoxos']);
    });

    it('linkding: ADD_DATE in seconds, milliseconds and microseconds all read the same', async () => {
      const r = await load('netscape-bookmarks/linkding/simple_valid_import_file.html');
      expect(r.errors).toEqual([]);
      expect(r.items.map((i) => i.savedAt)).toEqual(Array(3).fill(new Date(1616337559000).toISOString()));
      expect(r.items.map((i) => i.excerpt)).toEqual(['test description 1', 'test description 2', 'test description 3']);
    });

    it('linkding: an invalid ADD_DATE is reported with its line and the bookmark kept', async () => {
      const r = await load('netscape-bookmarks/linkding/simple_valid_import_file_with_one_invalid_bookmark.html');
      expect(r.items).toHaveLength(3);
      expect(byUrl(r, 'https://example.com/1').savedAt).toBeNull();
      expect(r.errors).toEqual([
        { where: 'simple_valid_import_file_with_one_invalid_bookmark.html:11', reason: expect.stringMatching(/invaliddate/) },
      ]);
    });

    it('readeck browser.html: spaced tags trimmed, ftp refused, duplicate merged', async () => {
      const r = await load('netscape-bookmarks/readeck/browser.html');
      expect(byUrl(r, 'http://blog.mozilla.com/').tags).toEqual(['mozilla', 'blog', 'test']);
      expect(r.items).toHaveLength(4);
      expect(r.errors).toHaveLength(1);
      expect(r.duplicates).toHaveLength(1);
    });
  });

  it('importing the same file twice gives the same items', async () => {
    const a = await load('pocket/wallabag/pocket.csv');
    const b = await load('pocket/wallabag/pocket.csv');
    expect(b).toEqual(a);
  });
});
