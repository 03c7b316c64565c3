// Search keystrokes over a generated library (scripts/lib/library-generator.ts, as bench-library seeds)
// in Node: each prefix of the library benchmark's queries through listArticles with a built index,
// timed in CPU ms (the machine is shared), split into the index's ranking and the rest.
//   node --expose-gc --import tsx scripts/bench-search.ts [--articles 50000]
import type { ArticleRecord } from '../lib/db/schema';
import { loadBenchSources } from './lib/bench-corpus';
import { generateLibrary } from './lib/library-generator';
import { IndexBuilder } from '../lib/search/index-build';
import { indexDoc } from '../lib/search/index-doc';
import { listArticles, newestFirst, termQueries } from '../lib/search/list-query';
import { parseQuery, hasText } from '../lib/search/query';
import { QUERIES } from './lib/bench-queries';

const args = process.argv.slice(2);
const N = Number(args.includes('--articles') ? args[args.indexOf('--articles') + 1] : 50000);
const lib = generateLibrary(loadBenchSources(), { n: N, poolSize: 96 });
// Newest saved first, as the page's list comes from the database (lib/db/live-articles.ts).
const all: ArticleRecord[] = newestFirst(lib.map((a, i) => ({ ...a.record, id: i + 1 }) as ArticleRecord));
const b = new IndexBuilder();
let c0 = process.cpuUsage();
lib.forEach((a, i) => b.add(indexDoc({ ...a.record, id: i + 1 } as ArticleRecord, a.text)));
const ix = b.finish();
const cpuMs = (c: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
};
console.log(`${N} articles indexed in ${cpuMs(c0).toFixed(0)} ms CPU`);
const rows: { q: string; total: number; rank: number; hits: number }[] = [];
for (let round = 0; round < 2; round++) {
  rows.length = 0;
  for (const full of QUERIES)
    for (let k = 1; k <= full.length; k++) {
      const q = full.slice(0, k);
      const parsed = parseQuery(q);
      c0 = process.cpuUsage();
      if (hasText(parsed)) ix.search(termQueries(parsed));
      const rank = cpuMs(c0);
      c0 = process.cpuUsage();
      const r = listArticles(all, { view: 'unread', sort: hasText(parsed) ? 'relevance' : 'newest', wpm: 238, query: parsed }, ix);
      rows.push({ q, total: cpuMs(c0), rank, hits: r.items.length });
    }
}
const q = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const tot = rows.map((r) => r.total);
const rk = rows.map((r) => r.rank);
console.log(
  `listArticles per keystroke: p50 ${q(tot, 0.5).toFixed(1)} p95 ${q(tot, 0.95).toFixed(1)} max ${Math.max(...tot).toFixed(1)} ms CPU; of which index.search p50 ${q(rk, 0.5).toFixed(1)} p95 ${q(rk, 0.95).toFixed(1)}`,
);
for (const r of [...rows].sort((x, y) => y.total - x.total).slice(0, 12))
  console.log(`  ${JSON.stringify(r.q).padEnd(22)} ${r.total.toFixed(1).padStart(6)} ms (rank ${r.rank.toFixed(1)}) hits ${r.hits}`);
