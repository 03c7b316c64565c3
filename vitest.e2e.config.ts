import { defineConfig } from 'vitest/config';

// E2E: real headless Chromium with the built extension; one file at a time, they share the CPU.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
