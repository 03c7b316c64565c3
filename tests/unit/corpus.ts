// Tests over the shared corpora (../shared, or GIST_SHARED). A developer machine without them skips
// those tests with a warning; under CI a missing corpus is a failing test naming the missing path,
// so a CI run can never pass by silently skipping its real-data checks.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { SHARED } from '../../scripts/lib/corpora';

export { SHARED };

/** A path inside the shared corpora folder. */
export const sharedPath = (rel: string): string => join(SHARED, rel);

const inCi = (): boolean => !!process.env.CI && !/^(0|false)$/i.test(process.env.CI);

function missingOf(paths: string | string[]): string[] {
  return [paths].flat().filter((p) => !existsSync(p));
}

function missingMessage(name: string, missing: string[]): string {
  return `${name}: corpus missing: ${missing.join(', ')} (CI must run the corpus tests: put the shared corpora at ${SHARED} or set GIST_SHARED)`;
}

/**
 * describe() whose tests need files from the shared corpora. Present: runs `fn`. Absent: under CI one
 * failing test says which path is missing; elsewhere the suite is reported skipped and `fn` never
 * runs (its body may read the corpus freely).
 */
export function describeCorpus(name: string, paths: string | string[], fn: () => void): void {
  const missing = missingOf(paths);
  if (!missing.length) {
    describe(name, fn);
  } else if (inCi()) {
    describe(name, () => {
      it('has its corpus', () => {
        throw new Error(missingMessage(name, missing));
      });
    });
  } else {
    console.warn(`skipped: ${missingMessage(name, missing)}`);
    describe(name, () => {
      it.skip(`needs ${missing.join(', ')}`, () => {});
    });
  }
}

/** it() for one test that needs files from the shared corpora; same rules as describeCorpus. */
export function itCorpus(name: string, paths: string | string[], fn: () => unknown, timeout?: number): void {
  const missing = missingOf(paths);
  if (!missing.length) it(name, fn, timeout);
  else if (inCi())
    it(name, () => {
      throw new Error(missingMessage(name, missing));
    });
  else {
    console.warn(`skipped: ${missingMessage(name, missing)}`);
    it.skip(name, () => {});
  }
}
