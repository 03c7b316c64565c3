// Small command-line helpers shared by the benchmarks.

/** `--name N` or `--name=N` as a positive whole number, `def` when absent; a clear error otherwise. */
export function positiveIntArg(name: string, def: number): number {
  const i = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return def;
  const raw = process.argv[i].includes('=') ? process.argv[i].split('=')[1] : process.argv[i + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive whole number, got ${raw}`);
  return n;
}

/** Milliseconds as seconds with one decimal. */
export const secs = (ms: number) => (ms / 1000).toFixed(1);
