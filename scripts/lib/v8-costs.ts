// Reading V8's own accounts of a script's cost, for scripts/profile-injection.ts: the compile trace events
// of the thread that ran a probe, and precise coverage turned into the characters V8 compiled.

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
}

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; lineNumber: number; url: string };
    children?: number[];
    positionTicks?: { line: number; ticks: number }[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ScriptCoverage {
  url: string;
  functions: { functionName: string; ranges: { startOffset: number; endOffset: number; count: number }[] }[];
}

/** Trace categories with V8's parse and compile events (and execution and GC around them). */
export const TRACE_CATEGORIES = ['v8', 'v8.execute', 'disabled-by-default-v8.compile', 'disabled-by-default-v8.gc'];

/**
 * Self ms per event name on the thread that ran the probe (the one that parsed the longest script: the
 * bundle's eval), a parent's time less its children's.
 */
export function exclusiveMs(events: TraceEvent[]): Map<string, number> {
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const parses = complete.filter((e) => e.name === 'V8.ParseProgram');
  const out = new Map<string, number>();
  if (!parses.length) return out;
  const longest = parses.reduce((a, e) => (a.dur! >= e.dur! ? a : e));
  const mine = complete.filter((e) => e.pid === longest.pid && e.tid === longest.tid).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const stack: TraceEvent[] = [];
  const add = (e: TraceEvent, us: number) => out.set(e.name, (out.get(e.name) ?? 0) + us / 1000);
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur! <= e.ts) stack.pop();
    if (stack.length) add(stack[stack.length - 1], -e.dur!);
    add(e, e.dur!);
    stack.push(e);
  }
  return out;
}

/**
 * From precise coverage (callCount) of the script whose source is `code`: its functions, those that ran,
 * and the characters compiled for them. V8 compiles a function on its first call, its own text only (the
 * functions inside it are skipped, compiled when they run), after pre-parsing the whole script at load.
 */
export function compiledChars(
  result: ScriptCoverage[],
  code: string,
): { functions: number; ran: number; compiled: number; topLevel: number; largest: { name: string; start: number; own: number }[] } {
  const script = result.find((s) => s.functions.some((f) => f.ranges[0].startOffset === 0 && f.ranges[0].endOffset >= code.length - 2));
  if (!script) return { functions: 0, ran: 0, compiled: 0, topLevel: 0, largest: [] };
  const fns = script.functions
    .map((f) => ({ name: f.functionName, a: f.ranges[0].startOffset, b: f.ranges[0].endOffset, n: f.ranges[0].count }))
    .sort((x, y) => x.a - y.a || y.b - x.b);
  const own = fns.map((f) => {
    // Less its direct children: the outermost functions nested in it.
    let inner = 0;
    let end = f.a;
    for (const g of fns)
      if (g !== f && g.a >= end && g.b <= f.b) {
        inner += g.b - g.a;
        end = g.b;
      }
    return { name: f.name || '(anonymous)', start: f.a, own: f.b - f.a - inner, ran: f.n > 0 };
  });
  const ran = own.filter((f) => f.ran);
  // The script itself (offset 0) and the bundle's wrapper around the modules: code that runs at load.
  const topLevel = own.filter((f) => f.ran && f.start <= 20).reduce((t, f) => t + f.own, 0);
  return {
    functions: own.length,
    ran: ran.length,
    compiled: ran.reduce((t, f) => t + f.own, 0),
    topLevel,
    largest: ran.sort((x, y) => y.own - x.own),
  };
}
