// npm run bench:export [-- --articles 50000] [--formats json,zip] [--no-old]
// Peak memory of the library exports on the realistic generated library (scripts/lib/library-generator:
// unique texts, ~30 % of articles with 1–3 real PNGs of 20–200 KB) held in fake-indexeddb under Node.
// Each format runs twice: the streaming path (toBlob: output sealed into Blob parts every ~4 MB) and
// the old one (every chunk kept on the heap, then one Blob), the same chunk generators under both.
//
// Memory: "heap" is V8's heapUsed, the JS heap (strings, objects). ArrayBuffers are printed apart: Node
// keeps a Blob's bytes in ArrayBuffer backing stores, so they count the output Blob itself (in Chromium
// those bytes go to the browser process, off the page's heap) plus the image bytes read. The live peak
// is taken after a full GC about 100 times during each export (what the export retains: the figure in
// the last line); heapUsed sampled every 5 ms also counts garbage not yet collected and is printed
// beside it. Blob bytes live in native memory (in Chromium, the browser process), which rss shows. The library itself sits in the heap too (fake-indexeddb keeps
// it in memory; the pool's image Blobs are shared between articles), so the figure that matters is the
// growth over the library's own size: "held twice" means growth ≈ the library.
// Last lines: `articles=<n> export_s=<s> peak_heap_mb=<n> output_mb=<n>` per format (streaming path).
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { loadavg } from 'node:os';
import { openDb, type ArticleRecord, type GistDB, type ImageRecord } from '../lib/db/schema';
import { gistJsonChunks } from '../lib/export/gist-json';
import { markdownZipChunks } from '../lib/export/markdown-zip';
import { toBlob } from '../lib/export/iterate';
import { measureStorage } from '../lib/storage/usage';
import { generateLibrary } from './lib/library-generator';
import { imagePool } from './lib/image-pool';
import { loadBenchSources, missingCorpora } from './lib/bench-corpus';
import { bulkPutBodies } from '../lib/db/contents';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(arg('articles') ?? 50_000);
const FORMATS = (arg('formats') ?? 'json,zip').split(',');
const OLD = !args.includes('--no-old');
if (!Number.isInteger(N) || N < 1) throw new Error(`--articles must be a positive whole number (got ${arg('articles')})`);
for (const f of FORMATS) if (f !== 'json' && f !== 'zip') throw new Error(`--formats takes json and/or zip (got ${f})`);

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
const heapNow = () => {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, native: m.arrayBuffers, rss: m.rss };
};

async function seed(): Promise<GistDB> {
  const t0 = Date.now();
  const library = generateLibrary(loadBenchSources(), { n: N, poolSize: 96 });
  const pool = imagePool(96).map((p) => new Blob([p.bytes as BlobPart], { type: p.type }));
  const db = openDb('bench-export', { indexedDB: new IDBFactory(), IDBKeyRange });
  for (let i = 0; i < library.length; i += 1000) {
    const page = library.slice(i, i + 1000);
    await db.transaction('rw', [db.articles, db.contents, db.texts, db.images], async () => {
      const ids = (await db.articles.bulkAdd(page.map((a) => a.record) as ArticleRecord[], { allKeys: true })) as number[];
      await bulkPutBodies(
        db,
        page.map((a, k) => ({ articleId: ids[k], html: a.html, text: a.text })),
      );
      await db.images.bulkAdd(
        page.flatMap((a, k) => a.images.map((im) => ({ articleId: ids[k], src: im.src, blob: pool[im.pooled] }) as ImageRecord)),
      );
    });
    library.fill(undefined as never, i, i + 1000);
  }
  console.log(`seeded ${N} articles in fake-indexeddb in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return db;
}

interface Result {
  format: string;
  path: 'streaming' | 'old';
  seconds: number;
  peakHeapMb: number;
  growthMb: number;
  /** Peak of the heap after a full GC, taken ~100 times during the export: what the export retains. */
  peakLiveMb: number;
  liveGrowthMb: number;
  peakRssMb: number;
  /** ArrayBuffers: image bytes read, and (in Node) the Blob parts' bytes. */
  peakNativeMb: number;
  outputMb: number;
}

/** The old toBlob: every chunk kept, then one Blob. */
async function collectAll(chunks: AsyncIterable<string | Uint8Array>, type: string): Promise<Blob> {
  const parts: BlobPart[] = [];
  for await (const c of chunks) parts.push(c as BlobPart);
  return new Blob(parts, { type });
}

async function run(db: GistDB, format: string, path: Result['path']): Promise<Result> {
  gc?.();
  gc?.();
  const base = heapNow();
  let peak = base;
  const sample = () => {
    const m = heapNow();
    peak = { heap: Math.max(peak.heap, m.heap), native: Math.max(peak.native, m.native), rss: Math.max(peak.rss, m.rss) };
  };
  const timer = setInterval(sample, 5);
  let last = -1;
  let live = base.heap;
  let nextLive = 0;
  const onProgress = (done: number, total: number) => {
    sample();
    if (gc && done >= nextLive) {
      gc();
      live = Math.max(live, heapNow().heap);
      nextLive = done + Math.max(100, Math.ceil(total / 100));
    }
    if (done < last) throw new Error(`progress went back: ${done} after ${last}`);
    last = done;
    if (done === total || done % 10_000 === 0)
      process.stdout.write(`\r  ${format} ${path}: ${done.toLocaleString()} of ${total.toLocaleString()}   `);
  };
  const t0 = performance.now();
  const chunks = format === 'json' ? gistJsonChunks(db, { onProgress }) : markdownZipChunks(db, { onProgress });
  const type = format === 'json' ? 'application/x-ndjson' : 'application/zip';
  const blob = path === 'streaming' ? await toBlob(chunks, type) : await collectAll(chunks, type);
  const seconds = (performance.now() - t0) / 1000;
  sample();
  clearInterval(timer);
  gc?.();
  live = Math.max(live, heapNow().heap);
  process.stdout.write('\n');
  const outputMb = blob.size / MB;
  return {
    format,
    path,
    seconds,
    peakHeapMb: peak.heap / MB,
    growthMb: (peak.heap - base.heap) / MB,
    peakLiveMb: live / MB,
    liveGrowthMb: (live - base.heap) / MB,
    peakRssMb: peak.rss / MB,
    peakNativeMb: peak.native / MB,
    outputMb,
  };
}

async function main() {
  const missing = missingCorpora();
  if (missing.length) {
    console.error(`The shared corpora are missing (${missing.join(', ')}): this benchmark needs ../shared next to the repo.`);
    process.exit(2);
  }
  if (!gc) console.warn('run with --expose-gc (npm run bench:export does) for a clean baseline before each export');
  const db = await seed();
  const parts = await measureStorage(db);
  gc?.();
  const libMb = (parts.text + parts.metadata) / MB;
  const imgMb = parts.images / MB;
  const base = heapNow();
  console.log(
    `library: ${N} articles, text ${(parts.text / MB).toFixed(0)} MB + metadata ${(parts.metadata / MB).toFixed(0)} MB on the heap, ${parts.imageCount} images of ${imgMb.toFixed(0)} MB (96 pooled Blobs, shared); heap after seeding ${(base.heap / MB).toFixed(0)} MB, rss ${(base.rss / MB).toFixed(0)} MB`,
  );
  const results: Result[] = [];
  for (const format of FORMATS)
    for (const path of OLD ? (['streaming', 'old'] as const) : (['streaming'] as const)) {
      const r = await run(db, format, path);
      results.push(r);
      console.log(
        `  ${format} ${path}: ${r.seconds.toFixed(1)} s, output ${r.outputMb.toFixed(0)} MB; live heap peak ${r.peakLiveMb.toFixed(0)} MB (+${r.liveGrowthMb.toFixed(0)} MB over the idle library = ${(r.liveGrowthMb / libMb).toFixed(2)}× the library's text+metadata); heapUsed peak with garbage ${r.peakHeapMb.toFixed(0)} MB (+${r.growthMb.toFixed(0)} MB); ArrayBuffers peak ${r.peakNativeMb.toFixed(0)} MB; peak rss ${r.peakRssMb.toFixed(0)} MB`,
      );
    }
  for (const format of FORMATS) {
    const s = results.find((r) => r.format === format && r.path === 'streaming')!;
    const o = results.find((r) => r.format === format && r.path === 'old');
    if (o)
      console.log(
        `${format}: live heap growth old / streaming = ${(o.liveGrowthMb / Math.max(1, s.liveGrowthMb)).toFixed(1)}× (${o.liveGrowthMb.toFixed(0)} vs ${s.liveGrowthMb.toFixed(0)} MB); with garbage ${(o.growthMb / Math.max(1, s.growthMb)).toFixed(1)}×`,
      );
  }
  console.log(`machine: load average ${loadavg()[0].toFixed(1)} at the end (timings stretch with load)`);
  for (const format of FORMATS) {
    const s = results.find((r) => r.format === format && r.path === 'streaming')!;
    console.log(
      `format=${format} articles=${N} export_s=${s.seconds.toFixed(1)} peak_heap_mb=${Math.round(s.peakLiveMb)} output_mb=${Math.round(s.outputMb)}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
