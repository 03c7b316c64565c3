// Fuzzes the extraction CLI (npm run extract) with mutated corpus pages: truncation, byte flips, tag
// soup, deep nesting, huge attributes, and mixes of them. A crash is a file that got no JSON line, or
// a CLI process that died or hung; a line with an "error" field is a handled failure and is fine.
// usage: npm run --silent fuzz:extract -- [--count N] [--batch N] [--seed N] [--jobs N] [--keep DIR]
//   FUZZ_COUNT / FUZZ_BATCH / FUZZ_SEED / FUZZ_JOBS env vars give the defaults (1000 / 40 / 1 / cores, max 4).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './lib/fuzz-pages';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

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
