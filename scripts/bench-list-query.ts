// List filter/sort and facets over N synthetic records, the way the library page runs them after each
// re-read of the table (lib/db/live-articles.ts hands over new record objects every time):
// `npx tsx scripts/bench-list-query.ts [--articles 50000] [--runs 3]`.
// Prints the first run (cold caches), then re-reads of unchanged records, then a re-read with 1 % edited.
import type { ArticleRecord } from '../lib/db/schema';
import { listArticles, viewCounts, type ListOptions } from '../lib/search/list-query';
import { FacetCounter } from '../lib/search/facet-counts';
import { parseQuery } from '../lib/search/query';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('articles', 50_000);
const RUNS = arg('runs', 3);

const WORDS = 'alpha beta gamma delta épée Straße naïve café river mountain policy market science 東京 Zürich review'.split(' ');
const SITES = ['Le Monde', 'The Guardian', null, 'Ars Technica', null, 'Süddeutsche Zeitung', 'NHK'];
function record(i: number): ArticleRecord {
  const w = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length];
  return {
    id: i + 1,
    url: `https://www.site${i % 3000}.example/${w(1)}/${i}`,
    originalUrl: `https://www.site${i % 3000}.example/${w(1)}/${i}?utm=x`,
    title: `${w(0)} ${w(1)} ${w(2)} ${w(3)} number ${i}`,
    byline: null,
    siteName: SITES[i % SITES.length],
    lang: 'en',
    publishedTime: null,
    excerpt: `${w(4)} ${w(5)}`,
    savedAt: 1_700_000_000_000 + i * 1000,
    updatedAt: 1_700_000_000_000 + i * 1000,
    status: i % 4 ? 'unread' : 'archived',
    favorite: i % 10 ? 0 : 1,
    tags: i % 5 ? [`tag${i % 700}`, `topic${i % 37}`] : [],
    tagCandidates: [],
    tagsEdited: false,
    wordCount: 200 + (i % 5000),
    cjkChars: 0,
    imageCount: i % 3,
    readingMinutes: 1 + (i % 40),
    progress: (i % 9) / 10,
    contentState: i % 6 ? 'full' : 'pending',
  };
}

const opts: ListOptions = { view: 'all', sort: 'newest', wpm: 238, query: parseQuery('') };
const time = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const counter = new FacetCounter();
const step = (list: ArticleRecord[]) => ({
  list: time(() => listArticles(list, opts, null)),
  shortest: time(() => listArticles(list, { ...opts, sort: 'shortest' }, null)),
  facets: time(() => {
    counter.update(list);
    viewCounts(list);
  }),
});
const fmt = (label: string, s: ReturnType<typeof step>) =>
  `${label}: list ${s.list.toFixed(0)} ms, sort shortest ${s.shortest.toFixed(0)} ms, facets+counts ${s.facets.toFixed(0)} ms`;

let list = Array.from({ length: N }, (_, i) => record(i)).reverse();
console.log(fmt('cold', step(list)));
const reread: ReturnType<typeof step>[] = [];
for (let r = 0; r < RUNS; r++) {
  // A re-read: the same rows as new objects, as IndexedDB's structured clone gives them.
  list = structuredClone(list);
  reread.push(step(list));
  console.log(fmt(`re-read ${r + 1}`, reread[r]));
}
list = structuredClone(list);
for (let i = 0; i < list.length; i += 100) list[i] = { ...list[i], title: `${list[i].title} edited`, tags: [...list[i].tags, 'edited'] };
console.log(fmt('re-read, 1 % edited', step(list)));
const med = (k: keyof ReturnType<typeof step>) => reread.map((s) => s[k]).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
console.log(
  `articles=${N} reread_list_ms=${med('list').toFixed(0)} reread_shortest_ms=${med('shortest').toFixed(0)} reread_facets_ms=${med('facets').toFixed(0)}`,
);
