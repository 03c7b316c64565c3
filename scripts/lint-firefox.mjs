#!/usr/bin/env node
// `npm run lint:firefox`: builds the Firefox add-on and runs AMO's linter on it
// (`web-ext lint --warnings-as-errors`). Every message in Gist's own code fails. Libraries are bundled
// into our files (Firefox MV2's background page and content scripts are single files), so AMO's
// known-library check, which matches whole files, cannot see them: a warning that the build's source
// maps place inside one of the packages listed below, with the code listed for it, is printed as
// "third-party" and accepted. Anything else, in any file, fails. `--no-build` lints the existing build,
// `--mv3` the MV3 build.
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

/** Warnings accepted in unmodified third-party code, and why each is harmless here. */
const THIRD_PARTY = {
  preact: { codes: ['UNSAFE_VAR_ASSIGNMENT'], why: 'support for dangerouslySetInnerHTML, which Gist never uses' },
  dompurify: { codes: ['UNSAFE_VAR_ASSIGNMENT'], why: "the sanitizer's fallback parse into an inert document" },
  '@mozilla/readability': {
    codes: ['UNSAFE_VAR_ASSIGNMENT'],
    why: "restores its copy of the page's own HTML / unwraps <noscript>, in the detached clone it parses",
  },
};

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
const packageOf = (source) => source?.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? null;

let failures = 0;
let accepted = 0;
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const m of report[kind] ?? []) {
    const where = m.file ? `${m.file}${m.line ? `:${m.line}:${m.column ?? ''}` : ''}` : '';
    const src = origin(m.file, m.line, m.column);
    const pkg = packageOf(src);
    const ok = kind !== 'errors' && pkg && THIRD_PARTY[pkg]?.codes.includes(m.code);
    if (ok) accepted++;
    else if (kind !== 'notices') failures++;
    const from = src ? ` (from ${src.replace(/^.*node_modules\//, 'node_modules/').replace(/^(\.\.\/)+/, '')})` : '';
    console.log(
      `${ok ? 'third-party' : kind.slice(0, -1)} ${m.code} ${where}${from}: ${m.message}${ok ? ` — accepted: ${THIRD_PARTY[pkg].why}` : ''}`,
    );
    if (!ok && m.description) console.log(`    ${String(m.description).replace(/\s+/g, ' ').slice(0, 300)}`);
  }
}
rmSync(maps, { recursive: true, force: true });
console.log(
  `lint:firefox: ${failures} problem(s) in Gist's code or manifest, ${accepted} accepted in unmodified third-party code (web-ext exit ${lint.status})`,
);
process.exit(failures ? 1 : 0);
