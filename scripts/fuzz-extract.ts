// Fuzzes the extraction CLI (npm run extract) with mutated corpus pages: truncation, byte flips, tag
// soup, deep nesting, huge attributes, and mixes of them. A crash is a file that got no JSON line, or
// a CLI process that died or hung; a line with an "error" field is a handled failure and is fine.
// usage: npm run --silent fuzz:extract -- [--count N] [--batch N] [--seed N] [--jobs N] [--keep DIR]
//   FUZZ_COUNT / FUZZ_BATCH / FUZZ_SEED / FUZZ_JOBS env vars give the defaults (1000 / 40 / 1 / cores, max 4).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { SHARED as SHARED_ROOT } from './lib/corpora';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SHARED = join(SHARED_ROOT, 'corpora');
const SOURCES = [join(SHARED, 'zyte-article-extraction/html'), join(SHARED, 'article-detection/pages')];

export interface FuzzOptions {
  count: number;
  batch: number;
  seed: number;
  jobs?: number;
  keep?: string;
  log?: (s: string) => void;
}
export interface FuzzReport {
  pages: number;
  lines: number;
  errorLines: number;
  crashes: number;
  timeouts: number;
  processes: number;
  seconds: number;
  byMutation: Record<string, number>;
  crashed: { file: string; mutation: string; why: string }[];
}

/** Small deterministic PRNG (mulberry32): the same seed gives the same pages. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}
type Rng = ReturnType<typeof rng>;

const SOUP = [
  '<div>',
  '</div>',
  '<p>',
  '</p>',
  '<table>',
  '<td>',
  '</tr>',
  '<li>',
  '<ul>',
  '</span>',
  '<a href="',
  '"',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<script>',
  '</script>',
  '<style>',
  '<svg><foreignObject>',
  '</svg>',
  '<math><mi>',
  '<template>',
  '<frameset>',
  '<noscript>',
  '<textarea>',
  '<title>',
  '<img src=x onerror=alert(1)>',
  '<iframe srcdoc="<b>">',
  '<select><option>',
  '<plaintext>',
  '<xmp>',
  '&#0;',
  '&amp',
  '\u0000',
  '<body onload=x>',
  '<html>',
  '<head>',
  '<base href="javascript:">',
];

const MUTATIONS: Record<string, (b: Buffer, r: Rng) => Buffer> = {
  truncate: (b, r) => b.subarray(0, r.int(b.length + 1)),
  'byte-flips': (b, r) => {
    const out = Buffer.from(b);
    const n = 1 + r.int(Math.max(1, Math.floor(out.length / 200)));
    for (let i = 0; i < n; i++) out[r.int(out.length)] ^= 1 << r.int(8);
    return out;
  },
  'tag-soup': (b, r) => {
    const s = b.toString('latin1');
    const parts: string[] = [];
    let last = 0;
    const cuts = Array.from({ length: 5 + r.int(60) }, () => r.int(s.length + 1)).sort((x, y) => x - y);
    for (const c of cuts) {
      parts.push(s.slice(last, c), Array.from({ length: 1 + r.int(5) }, () => r.pick(SOUP)).join(''));
      last = c;
    }
    parts.push(s.slice(last));
    return Buffer.from(parts.join(''), 'latin1');
  },
  'deep-nesting': (b, r) => {
    // Hundreds deep: tag soup nests like this. The 10,000-deep case is its own test
    // (tests/unit/fuzz-hostile-pages.test.ts): under jsdom, Readability takes minutes on it.
    const depth = 50 + r.int(400);
    const tag = r.pick(['div', 'span', 'b', 'blockquote', 'table', 'ul', 'font', 'a']);
    const at = r.int(b.length + 1);
    const open = `<${tag}>`.repeat(depth);
    const close = r.next() < 0.5 ? `</${tag}>`.repeat(depth) : '';
    return Buffer.concat([b.subarray(0, at), Buffer.from(`${open}deep text${close}`), b.subarray(at)]);
  },
  'huge-attribute': (b, r) => {
    const s = b.toString('latin1');
    const tags = [...s.matchAll(/<(?:p|div|img|a|article|body|span|h1|meta)\b/gi)];
    const at = tags.length ? tags[r.int(tags.length)].index! + tags[r.int(tags.length)][0].length : 0;
    const size = 100_000 + r.int(5_000_000);
    const name = r.pick(['class', 'style', 'title', 'data-x', 'src', 'href', 'alt', 'srcset']);
    const value = r
      .pick(['a', ' ', '"', '&amp;', 'x,'])
      .repeat(Math.ceil(size / 5))
      .slice(0, size);
    return Buffer.concat([Buffer.from(s.slice(0, at), 'latin1'), Buffer.from(` ${name}="${value}" `), Buffer.from(s.slice(at), 'latin1')]);
  },
};
const NAMES = Object.keys(MUTATIONS);

function sourcePages(): string[] {
  const files = SOURCES.filter(existsSync).flatMap((d) =>
    readdirSync(d)
      .filter((f) => /\.html(\.gz)?$/.test(f))
      .sort()
      .map((f) => join(d, f)),
  );
  if (!files.length) throw new Error(`no corpus pages under ${SOURCES.join(' or ')} (the shared corpora live at ../shared)`);
  return files;
}

function load(file: string): Buffer {
  const raw = readFileSync(file);
  return file.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/** Writes `count` mutated pages into `dir`; returns file → mutation name. */
export function generate(dir: string, count: number, seed: number): Map<string, string> {
  const r = rng(seed);
  const sources = sourcePages();
  const made = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const src = sources[(i * 7919 + seed) % sources.length];
    let bytes = load(src);
    // Mostly one mutation, sometimes two stacked.
    const chain = [r.pick(NAMES), ...(r.next() < 0.25 ? [r.pick(NAMES)] : [])];
    for (const m of chain) bytes = MUTATIONS[m](bytes, r);
    const file = join(
      dir,
      `${String(i).padStart(4, '0')}-${chain.join('+')}-${basename(src)
        .replace(/\.html(\.gz)?$/, '')
        .slice(0, 12)}.html`,
    );
    writeFileSync(file, bytes);
    made.set(file, chain.join('+'));
  }
  return made;
}

interface RunResult {
  lines: Map<string, Record<string, unknown>>;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stderr: string;
}

/** One CLI process over many files (the CLI prints one JSON line per file). */
export function runCli(files: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((done) => {
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const child = spawn(tsx, [join(ROOT, 'scripts/extract.ts'), ...files], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 20_000) err += d.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = new Map<string, Record<string, unknown>>();
      for (const line of out.split('\n')) {
        if (!line.trim()) continue;
        try {
          const o = JSON.parse(line) as Record<string, unknown>;
          // A single file gives the bare record (no "file" field).
          const f = typeof o.file === 'string' ? o.file : files.length === 1 ? files[0] : undefined;
          if (f) lines.set(f, o);
        } catch {
          /* a torn line from a killed process: that file counts as missing */
        }
      }
      done({ lines, code, signal, timedOut, stderr: err });
    });
  });
}

export function defaultJobs(): number {
  return Math.min(4, Math.max(1, availableParallelism()));
}

/** Per-file budget for the hang guard (generous: this is not a performance target). */
const PER_FILE_MS = 30_000;

export async function fuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const log = opts.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'gist-fuzz-'));
  const t0 = Date.now();
  const report: FuzzReport = {
    pages: 0,
    lines: 0,
    errorLines: 0,
    crashes: 0,
    timeouts: 0,
    processes: 0,
    seconds: 0,
    byMutation: {},
    crashed: [],
  };
  try {
    const made = generate(dir, opts.count, opts.seed);
    report.pages = made.size;
    for (const m of made.values()) report.byMutation[m] = (report.byMutation[m] ?? 0) + 1;
    const files = [...made.keys()];
    const tally = (file: string, line: Record<string, unknown> | undefined, why: string) => {
      if (line) {
        report.lines++;
        if (typeof line.error === 'string') report.errorLines++;
        return;
      }
      report.crashes++;
      if (why === 'timeout') report.timeouts++;
      report.crashed.push({ file, mutation: made.get(file)!, why });
      if (opts.keep) {
        mkdirSync(opts.keep, { recursive: true });
        copyFileSync(file, join(opts.keep, basename(file)));
      }
    };
    const batches: string[][] = [];
    for (let i = 0; i < files.length; i += opts.batch) batches.push(files.slice(i, i + opts.batch));
    let done = 0;
    const runBatch = async (batch: string[]) => {
      const r = await runCli(batch, 60_000 + PER_FILE_MS * batch.length);
      report.processes++;
      const died = r.timedOut || r.signal !== null || (r.code !== 0 && r.code !== 1);
      const missing = batch.filter((f) => !r.lines.has(f));
      for (const f of batch) if (r.lines.has(f)) tally(f, r.lines.get(f), '');
      if (missing.length) {
        // The process died part-way: run each file it never answered for alone, to name the culprit
        // and give the rest their turn.
        for (const f of missing) {
          const one = await runCli([f], 60_000 + PER_FILE_MS);
          report.processes++;
          const why = one.timedOut
            ? 'timeout'
            : one.signal
              ? `killed by ${one.signal}`
              : `exit ${one.code}: ${one.stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`;
          tally(f, one.lines.get(f), why);
        }
      } else if (died) {
        // Every file answered but the process still ended badly: count it against the batch's last file.
        report.crashes++;
        report.crashed.push({
          file: batch.at(-1)!,
          mutation: 'batch',
          why: r.timedOut ? 'timeout after all lines' : `exit ${r.code} ${r.signal ?? ''}`,
        });
      }
      done += batch.length;
      log(`fuzz-extract: ${done}/${files.length} pages, ${report.crashes} crashes, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    };
    // A few CLI processes side by side (one per spare core).
    const queue = [...batches];
    const worker = async () => {
      for (let b = queue.shift(); b; b = queue.shift()) await runBatch(b);
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.jobs ?? defaultJobs()) }, worker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    report.seconds = (Date.now() - t0) / 1000;
  }
  return report;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : process.env[`FUZZ_${name.toUpperCase()}`];
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}

async function main() {
  const keepAt = process.argv.indexOf('--keep');
  const opts: FuzzOptions = {
    count: arg('count', 1000),
    batch: arg('batch', 40),
    seed: arg('seed', 1),
    jobs: arg('jobs', defaultJobs()),
    keep: keepAt >= 0 ? process.argv[keepAt + 1] : undefined,
    log: (s) => process.stderr.write(`${s}\n`),
  };
  const r = await fuzz(opts);
  console.log(JSON.stringify(r.byMutation));
  for (const c of r.crashed) console.log(`CRASH ${c.mutation} ${c.file}: ${c.why}`);
  console.log(
    `fuzz-extract: ${r.pages} mutated pages (seed ${opts.seed}), ${r.lines} JSON lines (${r.errorLines} with an error field), ` +
      `${r.crashes} crashes (${r.timeouts} timeouts), ${r.processes} CLI processes (${opts.jobs} at a time), ${r.seconds.toFixed(1)} s (${(r.pages / r.seconds).toFixed(1)} pages/s)`,
  );
  process.exitCode = r.crashes ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 2;
  });
}
