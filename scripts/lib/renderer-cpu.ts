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

/** Per renderer: CPU ms of all its threads, and of its main thread alone (where the extraction runs). */
export interface RendererCpu {
  all: number;
  main: number;
}

/** CPU ms spent so far by each of our renderers, by pid; null where /proc is not there. */
export function rendererCpuMs(): Map<string, RendererCpu> | null {
  let procs: string[];
  try {
    procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const out = new Map<string, RendererCpu>();
  for (const pid of procs) {
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmd.includes('--type=renderer') || !descendsFromUs(pid)) continue;
    let ns = 0,
      main = 0;
    try {
      // schedstat: nanoseconds on a CPU, per thread (the main thread and V8's compile and GC helpers).
      // The main thread's id is the process id.
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const t = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        ns += t;
        if (tid === pid) main = t;
      }
    } catch {
      continue; // the process ended meanwhile
    }
    out.set(pid, { all: ns / 1e6, main: main / 1e6 });
  }
  return out;
}

/**
 * The CPU ms the busiest renderer spent between two readings: the page's own, not a closed tab's
 * renderer winding down nor the spare one Chromium keeps ready for the next tab. `main`: its main
 * thread's alone, which leaves out the page load's leftovers on other threads (raster, network,
 * compositor), the part that still moved with the load: the same bundle against itself (near-empty
 * article, 30 loads each, load 21 on 2 cores) read total 0.61 / median 1.61 in all-thread CPU, 0.98 /
 * 0.97 in main-thread CPU, 0.86 / 0.91 in wall time.
 */
export function busiestDelta(before: Map<string, RendererCpu>, after: Map<string, RendererCpu>): RendererCpu {
  let best: RendererCpu = { all: 0, main: 0 };
  for (const [pid, ms] of after) {
    const was = before.get(pid);
    if (was !== undefined && ms.all - was.all > best.all) best = { all: ms.all - was.all, main: ms.main - was.main };
  }
  return best;
}
