// @vitest-environment node
// Mutated corpus pages through the extraction CLI: zero crashes (a crash = no JSON line for a file, or
// a CLI process that died or hung). FUZZ_COUNT (default 1000), FUZZ_BATCH, FUZZ_SEED tune it; the
// script prints its counts and time (npm run --silent fuzz:extract for the same run outside Vitest).
import { expect, it } from 'vitest';
import { fuzz } from '../../scripts/fuzz-extract';
import { describeCorpus, sharedPath } from './corpus';

const COUNT = Number(process.env.FUZZ_COUNT ?? 1000);

describeCorpus(
  'fuzzing the extraction CLI',
  [sharedPath('corpora/zyte-article-extraction/html'), sharedPath('corpora/article-detection/pages')],
  () => {
    it(
      `${COUNT} mutated pages, zero crashes`,
      async () => {
        const r = await fuzz({
          count: COUNT,
          batch: Number(process.env.FUZZ_BATCH ?? 40),
          seed: Number(process.env.FUZZ_SEED ?? 1),
          ...(process.env.FUZZ_JOBS ? { jobs: Number(process.env.FUZZ_JOBS) } : {}),
        });
        console.log(
          `fuzz-extract: ${r.pages} pages, ${r.lines} JSON lines (${r.errorLines} error lines), ${r.crashes} crashes (${r.timeouts} timeouts), ` +
            `${r.processes} processes, ${r.seconds.toFixed(0)} s; by mutation ${JSON.stringify(r.byMutation)}`,
        );
        for (const c of r.crashed) console.log(`CRASH ${c.mutation} ${c.file}: ${c.why}`);
        expect(r.pages).toBe(COUNT);
        expect(r.crashed).toEqual([]);
        expect(r.lines).toBe(COUNT);
      },
      6 * 60 * 60 * 1000,
    );
  },
);
