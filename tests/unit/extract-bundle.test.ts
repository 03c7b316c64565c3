// The tab's extraction script carries only what extraction runs (issue #15: every kilobyte injected is
// compiled on every page). Bundles lib/extract/core as the script does and checks what went in.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function bundled(entry: string) {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: out.outputFiles[0].text, output: Object.values(out.metafile.outputs)[0] };
}

async function bundledInputs(): Promise<string[]> {
  const { output } = await bundled('lib/extract/core.ts');
  return Object.entries(output.inputs)
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([k]) => k);
}

describe('extraction script bundle', () => {
  it('has the Readability class and not isProbablyReaderable', async () => {
    const inputs = await bundledInputs();
    expect(inputs).toContain('node_modules/@mozilla/readability/Readability.js');
    expect(inputs).not.toContain('node_modules/@mozilla/readability/Readability-readerable.js');
  });

  // The tab decodes entities with the page's own parser (lib/page-meta/decode.ts): the entities package,
  // which the extension's tag filtering uses, only cost it its decoder and the enum set-up that decoder
  // runs at load (lib/tags/raw-publisher-tags.ts is the part of the publisher tags the tab reads).
  it('carries no entities package', async () => {
    const inputs = await bundledInputs();
    expect(inputs).toContain('lib/tags/raw-publisher-tags.ts');
    expect(inputs.filter((k) => k.includes('node_modules/entities/'))).toEqual([]);
  });

  // A regexp literal is parsed (its syntax checked) when the script is compiled, even inside a function
  // never called, and a Unicode property escape makes that parse cost ~0.1-0.2 ms each on every
  // injection. Written as a string for new RegExp on first use, it costs only where it is used. (A
  // string's backslash is escaped in the bundle: "\\p{", so the literal form is "\p{" after no backslash.)
  it('writes no Unicode property escape as a regexp literal (the tab script, lib/save/extract-page)', async () => {
    const { code } = await bundled('lib/save/extract-page.ts');
    const literals = code.match(/(?<!\\)\\p\{[^}]*\}/g) ?? [];
    expect(literals).toEqual([]);
    expect(code).toMatch(/\\\\p\{Lu\}/); // the patterns are still there, as strings
  });
});
