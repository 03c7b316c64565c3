// CPU time of the Chromium renderer processes this Node process started (Linux /proc only): what a cold
// injection costs in CPU, whatever else the machine runs. Wall-clock timings of the same work move with
// the load (a run at load 30 on 2 cores gave gist/readability cold ratios from 1.2 to 2.4); the CPU a
// renderer spent does not, or much less (caches and frequency still move with it).
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: string): string | null {
  try {
    // Field 4 of /proc/PID/stat, after the ")" that closes the command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
  } catch {
    return null;
  }
}

function descendsFromUs(pid: string): boolean {
  const self = String(process.pid);
  let p: string | null = pid;
  for (let depth = 0; depth < 6 && p && p !== '1' && p !== '0'; depth++) {
    p = parentOf(p);
    if (p === self) return true;
  }
  return false;
}

/** CPU ms spent so far by every thread of each of our renderers, by pid; null where /proc is not there. */
export function rendererCpuMs(): Map<string, number> | null {
  let procs: string[];
  try {
    procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const out = new Map<string, number>();
  for (const pid of procs) {
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmd.includes('--type=renderer') || !descendsFromUs(pid)) continue;
    let ns = 0;
    try {
      // schedstat: nanoseconds on a CPU, per thread (the main thread and V8's compile and GC helpers).
      for (const tid of readdirSync(`/proc/${pid}/task`))
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      continue; // the process ended meanwhile
    }
    out.set(pid, ns / 1e6);
  }
  return out;
}

/**
 * The CPU ms the busiest renderer spent between two readings: the page's own, not a closed tab's
 * renderer winding down nor the spare one Chromium keeps ready for the next tab.
 */
export function busiestDelta(before: Map<string, number>, after: Map<string, number>): number {
  let max = 0;
  for (const [pid, ms] of after) {
    const was = before.get(pid);
    if (was !== undefined) max = Math.max(max, ms - was);
  }
  return max;
}
