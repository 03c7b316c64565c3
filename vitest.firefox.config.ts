import { defineConfig } from 'vitest/config';

// Firefox E2E: real headless Firefox ESR (puppeteer-core over WebDriver BiDi) with the built MV2 add-on
// (.output/firefox-mv2-e2e; GIST_FIREFOX_MV=3 for the MV3 build, npm run test:firefox:mv3); one file at a
// time, they share the CPU.
export default defineConfig({
  test: {
    include: ['tests/e2e/firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
