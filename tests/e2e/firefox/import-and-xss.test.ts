// Import of a Pocket export and a hostile article read in the library, in Firefox; the scenarios are
// shared (tests/e2e/shared/import-and-xss.ts) with Chromium: tests/e2e/import-and-xss.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { serveFixtures, type FixtureServer } from '../harness';
import { importPocketExport, xssSampleRendersInert } from '../shared/import-and-xss';
import type { BrowserDriver } from '../shared/driver';
import { launchFirefox } from './harness';

describe('import and hostile HTML in Firefox', () => {
  let d: BrowserDriver;
  let server: FixtureServer;
  let tmp = '';

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'gist-shared-e2e-'));
    server = await serveFixtures();
    d = await launchFirefox();
  });
  afterAll(async () => {
    await d?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('imports a Pocket export picked in the library', async () => {
    await importPocketExport(d, server, tmp);
  });
  it('a page of XSS payloads, saved and read, runs nothing', async () => {
    await xssSampleRendersInert(d);
  });
});
