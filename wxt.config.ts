import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { safeDomLibs } from './scripts/safe-dom-libs';

// `--mode e2e` builds the same extension plus host access to the loopback fixture server (Playwright
// cannot click the toolbar button, so activeTab is never granted in tests) and e2e-only test hooks
// (import.meta.env.MODE === 'e2e', e.g. the background's gistTest.saveFromShortcut).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The sources zip AMO asks for (npm run zip:firefox): everything the build reads, plus README and the
  // scripts that generated the committed data (e.g. the word table); not the tests and their fixtures,
  // which the build never reads. WXT already leaves out node_modules, .output and git-ignored files.
  zip: { excludeSources: ['tests/**', 'vitest*.config.ts'] },
  // GIST_SOURCEMAPS=hidden (scripts/lint-firefox.mjs): .map files next to the bundles, the bundles
  // themselves unchanged, so a linter warning can be traced to the package it comes from.
  // safeDomLibs: the bundled libraries without their innerHTML assignments (scripts/safe-dom-libs.ts).
  vite: () => ({
    plugins: [safeDomLibs(), preact()],
    ...(process.env.GIST_SOURCEMAPS === 'hidden' ? { build: { sourcemap: 'hidden' as const } } : {}),
  }),
  manifest: ({ browser, mode, manifestVersion }) => ({
    name: 'Gist — read it later, offline',
    short_name: 'Gist',
    description:
      'Spots articles, shows reading time and topics, saves them with images in your browser, and reads them offline. No account, no server.',
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'unlimitedStorage',
      // Resumes the import fetch queue after the service worker was stopped (every 30 s while it runs).
      'alarms',
      ...(browser === 'chrome' ? ['offscreen'] : []),
    ],
    // Image downloads from any site, asked for on the first Save (MV2 has no optional_host_permissions).
    ...(manifestVersion === 2
      ? { optional_permissions: ['http://*/*', 'https://*/*'] }
      : { optional_host_permissions: ['http://*/*', 'https://*/*'] }),
    host_permissions: mode === 'e2e' ? ['http://127.0.0.1/*'] : [],
    // The extraction the detect content script imports on article pages (entrypoints/reading-counts.ts),
    // so the badge counts what the popup will show without host access; reachable only through a
    // per-session URL (use_dynamic_url), so pages cannot probe for it to fingerprint the extension.
    // Firefox builds carry it in the detect script instead (entrypoints/detect.content/popup-counts.ts).
    ...(browser !== 'firefox'
      ? {
          web_accessible_resources: [{ resources: ['reading-counts.js'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }],
        }
      : {}),
    action: { default_title: 'Gist' },
    commands: {
      'save-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the current page to Gist',
      },
    },
    content_security_policy: {
      extension_pages:
        "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'gist-reader@gist.local',
              // 140 (the oldest ESR still supported) is the first to read data_collection_permissions,
              // which AMO requires of new add-ons; Firefox for Android reads it from 142.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
