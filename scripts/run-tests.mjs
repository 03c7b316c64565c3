#!/usr/bin/env node
// `npm test`: typecheck, lint (ESLint, Prettier), unit tests (Vitest), build the e2e extension (and check its bundle sizes), E2E tests in headless Chromium,
// web-ext lint of the Firefox add-on, E2E tests in headless Firefox when it is installed.
// Runs every stage even when one fails, then prints one plain summary line for CI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'gist-test-'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (label, cmd, args) => {
  console.log(`\n== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
};
const vitest = (label, extra) => {
  const file = join(out, `${label}.json`);
  const ok = run(label, npx, ['vitest', 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    counts.passed = j.numPassedTests ?? 0;
    counts.failed = (j.numFailedTests ?? 0) + (j.numFailedTestSuites && !j.numFailedTests ? j.numFailedTestSuites : 0);
    counts.skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  } else if (!ok) counts.failed = 1;
  return { ok, counts };
};

const stages = [];
stages.push({ name: 'typecheck', ok: run('typecheck', npx, ['tsc', '--noEmit']) });
stages.push({ name: 'eslint', ok: run('eslint', npx, ['eslint', '.']) });
stages.push({ name: 'prettier', ok: run('prettier', npx, ['prettier', '--check', '--log-level', 'warn', '.']) });
const unit = vitest('unit', []);
stages.push({ name: 'unit', ...unit });
const built = run('build e2e extension', npx, ['wxt', 'build', '--mode', 'e2e']);
stages.push({ name: 'build', ok: built });
// Budgets for what loads on every page visit; the sizes are repeated in the summary.
const sizes = built ? spawnSync(process.execPath, ['scripts/bundle-sizes.mjs', '.output/chrome-mv3-e2e'], { encoding: 'utf8' }) : null;
if (sizes) stages.push({ name: 'sizes', ok: sizes.status === 0 });
const e2e = built ? vitest('e2e', ['--config', 'vitest.e2e.config.ts']) : { ok: false, counts: { passed: 0, failed: 1, skipped: 0 } };
stages.push({ name: 'e2e', ...e2e });

// Firefox: AMO's linter on the production add-on (always), and the E2E tests (tests/e2e/firefox) in
// real Firefox when it is installed (/usr/bin/firefox-esr or FIREFOX_PATH), else reported as skipped.
stages.push({ name: 'lint-ff', ok: run('firefox lint', process.execPath, ['scripts/lint-firefox.mjs']) });
const firefox = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr'].find((p) => p && existsSync(p));
if (!firefox) {
  console.log('\n== firefox e2e: skipped (no /usr/bin/firefox-esr; install firefox-esr or set FIREFOX_PATH)');
  stages.push({ name: 'firefox', ok: true, skipped: true, counts: { passed: 0, failed: 0, skipped: 1 } });
} else if (run('build firefox e2e add-on', npx, ['wxt', 'build', '-b', 'firefox', '--mode', 'e2e'])) {
  stages.push({ name: 'firefox', ...vitest('firefox', ['--config', 'vitest.firefox.config.ts']) });
} else stages.push({ name: 'firefox', ok: false, counts: { passed: 0, failed: 1, skipped: 0 } });

const total = { passed: 0, failed: 0, skipped: 0 };
for (const s of stages) {
  if (s.counts) for (const k of Object.keys(total)) total[k] += s.counts[k];
  else if (!s.ok) total.failed += 1; // a failed typecheck or build counts as one failure
}
console.log('\n== summary');
if (sizes) process.stdout.write(`${sizes.stdout}${sizes.stderr}`);
for (const s of stages)
  console.log(
    `${s.name.padEnd(10)} ${s.skipped ? 'skipped' : s.ok ? 'ok' : 'FAILED'}${s.counts ? ` (${s.counts.passed} passed, ${s.counts.failed} failed, ${s.counts.skipped} skipped)` : ''}`,
  );
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(stages.every((s) => s.ok) ? 0 : 1);
