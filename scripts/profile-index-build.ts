// Where a fresh search-index build spends its time, in Node over the benchmark's generated library
// (scripts/lib/library-generator.ts): tokenizing, TextIndex.add (postings + phrase pairs) and the final
// rebase. No IndexedDB: the browser's body reads come on top (scripts/bench-library.ts measures those).
//   node --expose-gc --import tsx scripts/profile-index-build.ts [--articles 5000] [--step tokenize|pairs|build|old]
import { loadBenchSources } from './lib/bench-corpus';
import { generateLibrary } from './lib/library-generator';
import { tokenize } from '../lib/search/tokenize';
import { pairHashes } from '../lib/search/pair-hash';
import { TextIndex } from '../lib/search/text-index';
import { IndexBuilder } from '../lib/search/index-build';

const args = process.argv.slice(2);
const n = Number(args[args.indexOf('--articles') + 1] || 5000) || 5000;
const lib = generateLibrary(loadBenchSources(), { n, poolSize: 96 });
const docs = lib.map((a, i) => ({
  id: i + 1,
  title: a.record.title,
  text: a.text,
  site: `${a.record.siteName ?? ''} ${new URL(a.record.url).hostname}`,
  tags: a.record.tags,
}));
const time = (label: string, f: () => unknown) => {
  // CPU time, not wall time: the machine is shared, and wall time stretches with its load.
  (globalThis as { gc?: () => void }).gc?.(); // the corpus generation's garbage is not this step's
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const cpu = process.cpuUsage(c);
  const ms = (cpu.user + cpu.system) / 1000;
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms CPU (${(performance.now() - t).toFixed(0)} wall)`);
  return ms;
};
// Each step alone (--step tokenize|pairs|build|old): garbage one step leaves behind is not collected on
// the next one's clock.
const step = args[args.indexOf('--step') + 1] ?? 'build';
let words = 0;
if (step === 'tokenize')
  time('tokenize bodies', () => {
    for (const d of docs) words += tokenize(d.text).length;
  });
if (step === 'pairs')
  time('tokenize + pair hashes', () => {
    for (const d of docs) pairHashes(tokenize(d.text), new Set());
  });
if (step === 'build') {
  const b = new IndexBuilder();
  time('IndexBuilder.add (all)', () => {
    for (const d of docs) b.add(d);
  });
  let built: TextIndex | null = null;
  time('IndexBuilder.finish', () => (built = b.finish()));
  const sers = built!.serialize();
  console.log(`${n} articles; word part ${(sers.words.base.packed.byteLength / 1e6).toFixed(1)} MB packed postings`);
}
if (step === 'old') {
  const ix = new TextIndex();
  time('TextIndex.add (all), the old path', () => {
    for (const d of docs) ix.add(d);
  });
  time('rebase', () => ix.rebase());
}
if (words) console.log(`${n} articles, ${words} words`);
