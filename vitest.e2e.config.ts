import { defineConfig } from 'vitest/config';

// E2E: real headless Chromium with the built extension; one file at a time, they share the CPU.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    exclude: ['tests/e2e/firefox/**', '**/node_modules/**'], // Firefox has its own config: vitest.firefox.config.ts
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
