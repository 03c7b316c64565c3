// Pure logic behind the library polish: exclusions in the search box, snippets, date labels, sizes,
// the view a query really shows, and the import report's order.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../lib/search/query';
import { effectiveView, listArticles } from '../../lib/search/list-query';
import { TextIndex } from '../../lib/search/text-index';
import { indexDoc } from '../../lib/search/index-doc';
import { snippet } from '../../lib/search/snippet';
import { dateLabel } from '../../lib/format/dates';
import { formatBytes } from '../../lib/format/bytes';
import { formatDuration } from '../../lib/format/duration';
import { countOf } from '../../lib/format/count';
import { buildReport, inFileOrder, reportCounts, summaryText, type ReportRow } from '../../components/library/import-report';
import type { ArticleRecord } from '../../lib/db/schema';
import type { ImportRun } from '../../components/library/library-connector';

function rec(id: number, title: string, tags: string[] = [], over: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id,
    url: `https://s${id}.example/a`,
    originalUrl: `https://s${id}.example/a`,
    title,
    byline: null,
    siteName: `Site ${id}`,
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    savedAt: 1_700_000_000_000 - id,
    updatedAt: 0,
    status: 'unread',
    favorite: 0,
    tags,
    tagCandidates: [],
    tagsEdited: false,
    wordCount: 300,
    cjkChars: 0,
    imageCount: 0,
    readingMinutes: 2,
    progress: 0,
    contentState: 'full',
    ...over,
  };
}

describe('search exclusions', () => {
  it('parses -word, -"phrase", -tag:, -site: and -is: into exclusions, not into the positive query', () => {
    const q = parseQuery('bees -honey -"white house" -tag:Politics -site:www.spam.example -is:archived tag:nature');
    expect(q.words).toEqual(['bees']);
    expect(q.tags).toEqual(['nature']);
    expect(q.not).toEqual({
      words: ['honey'],
      phrases: [['white', 'house']],
      tags: ['politics'],
      sites: ['spam.example'],
      is: ['archived'],
      has: [],
    });
  });
  it('keeps hyphens inside words and a lone minus as text', () => {
    const q = parseQuery('trump-putin - x');
    expect(q.words).toEqual(['trump', 'putin', 'x']);
    expect(q.not.words).toEqual([]);
  });

  const all = [
    rec(1, 'Bees and honey', ['nature']),
    rec(2, 'Bees in the city', ['nature', 'cities']),
    rec(3, 'Bees at the White House', ['politics']),
    rec(4, 'Archived bees', ['nature'], { status: 'archived' }),
  ];
  const index = new TextIndex();
  for (const a of all) index.add(indexDoc(a, a.id === 2 ? 'A trumpet played on the roof.' : ''));
  const titles = (q: string, ix: TextIndex | null = index) =>
    listArticles(all, { view: 'unread', sort: 'newest', wpm: 238, query: parseQuery(q) }, ix).items.map((a) => a.title);

  it('-word drops articles containing the word (whole words: -trump keeps "trumpet")', () => {
    expect(titles('bees -honey')).toEqual(['Bees in the city', 'Bees at the White House', 'Archived bees']);
    expect(titles('bees -trump')).toContain('Bees in the city');
    expect(titles('bees -trumpet')).not.toContain('Bees in the city');
    // Without the index (still building), titles, sites and tags are checked.
    expect(titles('bees -honey', null)).not.toContain('Bees and honey');
  });
  it('-tag:, -site:, -is: and -"phrase" exclude', () => {
    expect(titles('bees -tag:nature')).toEqual(['Bees at the White House']);
    expect(titles('-tag:nature')).toEqual(['Bees at the White House']);
    expect(titles('bees -is:archived -site:"site 2"')).toEqual(['Bees and honey', 'Bees at the White House']);
    expect(titles('bees -"white house"')).toEqual(['Bees and honey', 'Bees in the city', 'Archived bees']);
  });
  it('a query with tag: or is: (or only exclusions) shows All, so the tabs must not say Unread', () => {
    expect(effectiveView('unread', parseQuery('tag:nature'))).toBe('all');
    expect(effectiveView('unread', parseQuery('is:archived'))).toBe('all');
    expect(effectiveView('unread', parseQuery('-tag:nature'))).toBe('all');
    expect(effectiveView('favorite', parseQuery(''))).toBe('favorite');
  });
});

describe('snippet', () => {
  const text = `${'Filler words about nothing in particular. '.repeat(20)}The beekeepers of the old tram depot keep twelve hives on the roof, and the honey sells out every spring. ${'More filler text here. '.repeat(20)}`;
  const join = (parts: { text: string; hit: boolean }[] | null) => parts?.map((p) => (p.hit ? `[${p.text}]` : p.text)).join('') ?? null;
  it('shows the matching words in context, marked, with ellipses where the text was cut', () => {
    const s = join(snippet(text, parseQuery('honey tram'), 120));
    expect(s).toContain('[tram]');
    expect(s).toContain('[honey]');
    expect(s!.startsWith('…')).toBe(true);
    expect(s!.endsWith('…')).toBe(true);
    expect(s!.length).toBeLessThan(140);
  });
  it('matches typed words as prefixes, folds accents and case, and picks the window with the most words', () => {
    const t =
      'Café culture. Lots of unrelated prose about something else entirely goes here for a while. The CAFÉ owner said the bees liked the café garden.';
    const s = join(snippet(t, parseQuery('cafe bee'), 70));
    expect(s).toContain('[bees]');
    expect(s).toContain('[CAFÉ]');
  });
  it('matches phrase words exactly and returns null when nothing matches', () => {
    expect(join(snippet('the white house spoke', parseQuery('"white house"')))).toBe('the [white] [house] spoke');
    expect(snippet('nothing here', parseQuery('bees'))).toBeNull();
    expect(snippet('', parseQuery('bees'))).toBeNull();
  });
});

describe('date labels', () => {
  const now = new Date(2026, 11, 20);
  it('say what the date is, leaving out the year of a recent save', () => {
    expect(dateLabel('saved', new Date(2026, 11, 6).getTime(), now, 'en-US')).toBe('Saved Dec 6');
    expect(dateLabel('saved', new Date(2025, 11, 6).getTime(), now, 'en-US')).toBe('Saved Dec 6, 2025');
    expect(dateLabel('published', '2025-10-22T12:00:00Z', now, 'en-US')).toBe('Published Oct 22, 2025');
    expect(dateLabel('published', new Date(2026, 9, 22).toISOString(), now, 'en-US')).toBe('Published Oct 22, 2026');
  });
  it('follow the locale and give nothing for a missing or broken date', () => {
    expect(dateLabel('saved', new Date(2026, 11, 6).getTime(), now, 'de-DE')).toBe('Saved 6. Dez.');
    expect(dateLabel('published', null, now)).toBeNull();
    expect(dateLabel('published', 'not a date', now)).toBeNull();
  });
});

describe('formatBytes', () => {
  it('gives real sizes, not "0.0 MB"', () => {
    expect(formatBytes(12 * 1024 + 100)).toBe('12 KB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB');
    expect(formatBytes(1024 * 1024 - 10)).toBe('1.0 MB');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('countOf', () => {
  it('says "1 tag" and "3 tags", never "tag(s)"', () => {
    expect(countOf(1, 'tag')).toBe('1 tag');
    expect(countOf(3, 'highlight')).toBe('3 highlights');
    expect(countOf(0, 'article')).toBe('0 articles');
    expect(countOf(2, 'child', 'children')).toBe('2 children');
    expect(countOf(1234, 'article')).toBe(`${(1234).toLocaleString()} articles`);
  });
});

describe('formatDuration', () => {
  it('gives an import of a few links its milliseconds, not "0.0 s"; longer runs in seconds, then minutes', () => {
    expect(formatDuration(42.4)).toBe('42 ms');
    expect(formatDuration(0)).toBe('1 ms');
    expect(formatDuration(2500)).toBe('2.5 s');
    expect(formatDuration(59_960)).toBe('1 min');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
  it('is what the import summary says', () => {
    const run: ImportRun = {
      file: 'links.html',
      format: 'pocket-html',
      ms: 40,
      outcomes: [],
      strayHighlights: [],
      duplicates: [],
      errors: [],
    };
    expect(summaryText(run, reportCounts(run))).toBe(
      'links.html (pocket-html): 0 imported · 0 merged into existing articles · 0 duplicates · 0 failed in 40 ms',
    );
  });
});

describe('import report order', () => {
  it('lists problems, duplicates and failures in the order of the file, whole-file remarks first', () => {
    const run: ImportRun = {
      file: 'ril.csv',
      format: 'pocket-csv',
      ms: 1,
      outcomes: [
        { index: 0, where: 'ril.csv:2', url: 'https://a/', outcome: 'imported', reason: '' },
        { index: 1, where: 'ril.csv:9', url: 'https://b/', outcome: 'failed', reason: 'bad URL' },
        { index: 2, where: 'ril.csv:10', url: 'https://c/', outcome: 'imported', reason: '' },
      ],
      strayHighlights: [],
      duplicates: [{ where: 'ril.csv:4', url: 'https://a/', keptWhere: 'ril.csv:2' }],
      errors: [
        { where: 'ril.csv:3', reason: 'unreadable date' },
        { where: 'ril.csv', reason: 'no title column' },
        { where: 'ril.csv:11', reason: 'odd tag' },
      ],
    } as unknown as ImportRun;
    expect(buildReport(run).rows.map((r) => r.where)).toEqual([
      'ril.csv',
      'ril.csv:2',
      'ril.csv:3',
      'ril.csv:4',
      'ril.csv:9',
      'ril.csv:10',
      'ril.csv:11',
    ]);
  });

  it('merges the remarks after the ordered outcomes into place: same rows as a full stable sort, for several files and repeated lines', () => {
    const row = (where: string, reason: string): ReportRow => ({ where, url: '', outcome: 'problem', reason });
    // A ZIP: outcomes of two files in order (two rows for line 5), then remarks in no order.
    const head = [
      ...Array.from({ length: 40 }, (_, k) => row(`z/a.csv:${k + 2}`, `a${k}`)),
      row('z/a.csv:5', 'second row of line 5'),
      ...Array.from({ length: 30 }, (_, k) => row(`z/b.csv:${k + 2}`, `b${k}`)),
    ].sort((x, y) => Number(x.where.split(':')[1]) - Number(y.where.split(':')[1]) || 0);
    const ordered = [...head.filter((r) => r.where.startsWith('z/a')), ...head.filter((r) => r.where.startsWith('z/b'))];
    const tail = [
      row('z/b.csv:7', 'late b7'),
      row('z/a.csv', 'whole a'),
      row('z/a.csv:41', 'a41'),
      row('z/c.csv', 'c'),
      row('z/a.csv:5', 'third row of line 5'),
      row('z/b.csv:1', 'b1'),
    ];
    const rows = [...ordered, ...tail];
    const rank = (w: string) => ['z/a.csv', 'z/b.csv', 'z/c.csv'].indexOf(w.replace(/[:#]\d+$/, ''));
    const line = (w: string) => Number(/[:#](\d+)$/.exec(w)?.[1] ?? -1);
    const expected = rows
      .map((r, i) => ({ r, i }))
      .sort((x, y) => rank(x.r.where) - rank(y.r.where) || line(x.r.where) - line(y.r.where) || x.i - y.i)
      .map((x) => x.r.reason);
    const got = inFileOrder(rows).map((r) => r.reason);
    expect(got).toEqual(expected);
    expect(got.slice(0, 6)).toEqual(['whole a', 'a0', 'a1', 'a2', 'a3', 'second row of line 5']);
    expect(got.indexOf('third row of line 5')).toBe(got.indexOf('second row of line 5') + 1);
  });
});
