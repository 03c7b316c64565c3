#!/usr/bin/env node
// `npm run lint:firefox`: builds the Firefox add-on and runs AMO's linter on it
// (`web-ext lint --warnings-as-errors`). Every error and warning fails, in any file: there is no list of
// accepted exceptions. Libraries are bundled into our files (the build rewrites their innerHTML
// assignments, scripts/safe-dom-libs.ts), so each message is traced through the build's source maps to
// the source it comes from. `--no-build` lints the existing build, `--mv3` the MV3 build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';

const ROOT = join(import.meta.dirname, '..');
// `--mv3` lints the MV3 build instead (the comparison behind shipping MV2; see README *Firefox*).
const MV3 = process.argv.includes('--mv3');
const DIR = join(ROOT, MV3 ? '.output/firefox-mv3' : '.output/firefox-mv2');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

if (!process.argv.includes('--no-build')) {
  const b = spawnSync(npx, ['wxt', 'build', '-b', 'firefox', ...(MV3 ? ['--mv3'] : [])], {
    stdio: 'inherit',
    cwd: ROOT,
    env: { ...process.env, GIST_SOURCEMAPS: 'hidden' },
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

// The maps go aside so the linter sees exactly the files that ship ('hidden' maps leave the bundles as they are).
const maps = mkdtempSync(join(tmpdir(), 'gist-maps-'));
const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
for (const f of walk(DIR).filter((f) => f.endsWith('.map'))) {
  const to = join(maps, relative(DIR, f).replaceAll('/', '__'));
  renameSync(f, to);
}

const lint = spawnSync(npx, ['web-ext', 'lint', '--source-dir', DIR, '--warnings-as-errors', '--output', 'json', '--no-config-discovery'], {
  cwd: ROOT,
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});
let report;
try {
  report = JSON.parse(lint.stdout);
} catch {
  process.stdout.write(lint.stdout);
  process.stderr.write(lint.stderr);
  console.error('lint:firefox: web-ext lint did not produce a JSON report');
  process.exit(1);
}

const consumers = new Map();
function origin(file, line, column) {
  if (!file || !line) return null;
  if (!consumers.has(file)) {
    let c = null;
    try {
      c = new SourceMapConsumer(JSON.parse(readFileSync(join(maps, `${file}.map`.replaceAll('/', '__')), 'utf8')));
    } catch {
      /* no map */
    }
    consumers.set(file, c);
  }
  const c = consumers.get(file);
  // addons-linter columns are 1-based, source-map-js's 0-based.
  return c?.originalPositionFor({ line, column: Math.max(0, (column ?? 1) - 1) }).source ?? null;
}

let failures = 0;
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const m of report[kind] ?? []) {
    const where = m.file ? `${m.file}${m.line ? `:${m.line}:${m.column ?? ''}` : ''}` : '';
    const src = origin(m.file, m.line, m.column);
    if (kind !== 'notices') failures++;
    const from = src ? ` (from ${src.replace(/^.*node_modules\//, 'node_modules/').replace(/^(\.\.\/)+/, '')})` : '';
    console.log(`${kind.slice(0, -1)} ${m.code} ${where}${from}: ${m.message}`);
    if (m.description) console.log(`    ${String(m.description).replace(/\s+/g, ' ').slice(0, 300)}`);
  }
}
rmSync(maps, { recursive: true, force: true });
const s = report.summary ?? {};
console.log(
  `lint:firefox: ${s.errors ?? 0} error(s), ${s.warnings ?? 0} warning(s), ${s.notices ?? 0} notice(s) (web-ext lint --warnings-as-errors exit ${lint.status})`,
);
process.exit(failures || lint.status !== 0 ? 1 : 0);
