// BENCH_PROFILE=1 for bench-import-page's CSV part: a V8 CPU profile of the library page (CDP Profiler
// domain) while it imports, and for each long task the functions it spent its time in — where a
// 10 s task comes from, not just that it happened. The bundle is minified: each function is named by
// its minified name, its place in the bundle and the code there (enough to find it in the source; with
// GIST_SOURCEMAPS=hidden at build time, the .map files next to the bundles give the source lines).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Starts sampling the page's main thread; the returned function stops and gives the profile and its start in page time. */
export async function startProfile(page: Page): Promise<() => Promise<{ profile: Profile; pageStart: number }>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  // Profile times are microseconds on another clock: this pins its start to performance.now().
  const pageStart = (await page.evaluate('performance.now()')) as number;
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    await cdp.detach();
    return { profile, pageStart };
  };
}

/** `name @file:line:col «code there»` for a frame of the built extension in `dir`. */
function label(f: CallFrame, dir: string, files: Map<string, string[]>): string {
  if (!f.url) return f.functionName || '(anonymous)';
  const path = f.url.replace(/^chrome-extension:\/\/[^/]+\//, '');
  let code = '';
  try {
    if (!files.has(path)) files.set(path, readFileSync(join(dir, path), 'utf8').split('\n'));
    code = files.get(path)![f.lineNumber]?.slice(f.columnNumber, f.columnNumber + 70) ?? '';
  } catch {
    /* not a file of the build (e.g. a page script): no code to show */
  }
  return `${f.functionName || '(anonymous)'} @${path}:${f.lineNumber + 1}:${f.columnNumber + 1}${code ? ` «${code.replace(/\s+/g, ' ')}»` : ''}`;
}

/**
 * For each task of `tasks` ([start, duration] in page ms) at least `minMs` long: its top functions by
 * self time and by total time (a function counted once per sample however deep it recurses).
 */
export function explainTasks(run: { profile: Profile; pageStart: number }, tasks: [number, number][], dir: string, minMs = 200): string[] {
  const { profile, pageStart } = run;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
  // Sample times in page ms.
  const times: number[] = [];
  let t = 0;
  for (const d of profile.timeDeltas) times.push(pageStart + (t += d) / 1000);
  const files = new Map<string, string[]>();
  const out: string[] = [];
  for (const [start, dur] of tasks
    .filter(([, d]) => d >= minMs)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)) {
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    let n = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      if (times[i] < start || times[i] > start + dur) continue;
      const ms = (profile.timeDeltas[i + 1] ?? 1000) / 1000;
      n += ms;
      let node = byId.get(profile.samples[i]);
      const key = node ? label(node.callFrame, dir, files) : '?';
      self.set(key, (self.get(key) ?? 0) + ms);
      const seen = new Set<string>();
      for (; node; node = node.parent === undefined ? undefined : byId.get(node.parent)) {
        const k = label(node.callFrame, dir, files);
        if (seen.has(k) || k === '(root)') continue;
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + ms);
      }
    }
    const top = (m: Map<string, number>) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, v]) => `      ${Math.round(v)} ms  ${k}`);
    out.push(`    task of ${Math.round(dur)} ms at page time ${Math.round(start)} (${Math.round(n)} ms sampled); self:`, ...top(self));
    out.push('     total:', ...top(total));
  }
  return out;
}
