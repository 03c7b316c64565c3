// @vitest-environment node
// lib/ is one concern per folder, layered: no folder may import (even types) from a folder that imports it
// back, directly or through others. Builds the folder graph from the relative imports of every lib/ file.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = resolve(__dirname, '../../lib');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

// import/export ... from '...', import '...', import('...'): the specifiers, comments stripped first.
const SPECIFIER = /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${},\s]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function relativeImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
  return [...code.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2]).filter((s) => s.startsWith('.'));
}

/** First folder under lib/ ("lib/extract/metadata.ts" -> "extract"); files directly in lib/ are ".". */
function folderOf(file: string): string | null {
  const rel = relative(LIB, file);
  if (rel.startsWith('..')) return null; // outside lib/
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : '.';
}

/** Folder -> folder -> the file imports behind that edge ("extract/index.ts -> tags/publisher-tags"). */
function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(LIB)) {
    const from = folderOf(file)!;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
      const to = folderOf(resolve(dirname(file), spec));
      if (to === null || to === from) continue;
      const edges = graph.get(from)!;
      if (!edges.has(to)) edges.set(to, []);
      edges.get(to)!.push(`${relative(LIB, file)} -> ${spec}`);
    }
  }
  return graph;
}

/** Every folder cycle, each reported once from its smallest folder name, with the imports behind it. */
function cycles(graph: Map<string, Map<string, string[]>>): string[] {
  const found: string[] = [];
  const walk = (start: string, path: string[]) => {
    for (const next of graph.get(path[path.length - 1])?.keys() ?? []) {
      if (next === start) {
        const loop = [...path, start];
        found.push(loop.map((f, i) => (i ? ` -[${graph.get(loop[i - 1])!.get(f)![0]}]-> ${f}` : f)).join(''));
      } else if (next > start && !path.includes(next)) walk(start, [...path, next]);
    }
  };
  for (const start of [...graph.keys()].sort()) walk(start, [start]);
  return found;
}

describe('lib/ import graph', () => {
  it('reads every kind of relative import and ignores packages and comments', () => {
    const src = `import { a } from './a';\nimport type { B } from "../b/b";\nexport { c } from './c';\nexport * from './d';
      import './side-effect';\nconst e = await import('./e');\nimport x, { y } from 'entities';\n// import { z } from './commented';\n/* import w from './w'; */
      import {\n  f,\n  g,\n} from './f';`;
    expect(relativeImports(src).sort()).toEqual(['../b/b', './a', './c', './d', './e', './f', './side-effect']);
  });

  it('finds the folders and the imports between them', () => {
    const graph = folderGraph();
    expect([...graph.keys()]).toEqual(expect.arrayContaining(['extract', 'tags', 'db', 'import', 'search']));
    expect(graph.get('import')?.get('db')?.length).toBeGreaterThan(0);
  });

  it('has no cycle between lib/ folders', () => {
    expect(cycles(folderGraph())).toEqual([]);
  });
});
