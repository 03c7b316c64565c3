// The tab's extraction script carries only what extraction runs (issue #15: every kilobyte injected is
// compiled on every page). Bundles lib/extract/core as the script does and checks what went in.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function bundledInputs(): Promise<string[]> {
  const out = await build({
    entryPoints: ['lib/extract/core.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(out.metafile.outputs)[0];
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
});
