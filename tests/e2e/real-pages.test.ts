// Real pages from the shared corpora in Chromium: the badge (detection in the page) agrees with the
// CLI (the same lib/ code under Node + jsdom), the badge's reading time is the one the popup then shows,
// and the popup shows tags. Skips when ../shared is absent on a developer machine; fails under CI.
// REAL_PAGES_LIMIT=N runs the first N pages of the sample only (the full sample takes a long time).
// By default the extension acts as the usual install, without host access to the site (the badge is the
// page's own count); REAL_PAGES_HOST_ACCESS=1 lets the background extract ahead of the popup instead.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleRecord } from '../../scripts/lib/article-record';
import { formatBadge, readingMinutes, type TextCounts } from '../../lib/reading-time/index';
import { E2E_NO_HOST_ACCESS } from '../../lib/save/early-preview';
import { DETECT_DIR, ZYTE_DIR, detectPages, haveDetect, haveZyte, zytePages } from '../../scripts/lib/corpora';
import { describeCorpus } from '../unit/corpus';
import { parsePage, readPageFile } from '../../scripts/lib/load-page';
import { launchWithExtension, openPopupFor, serveGeneratedPages, waitFor, type ExtensionSession, type FixtureServer } from './harness';

const HAVE = haveZyte() && haveDetect();

// A fixed sample: every 20th Zyte article, and every 12th page of the detection corpus (both labels).
const LIMIT = Number(process.env.REAL_PAGES_LIMIT) || Infinity;
const HOST_ACCESS = process.env.REAL_PAGES_HOST_ACCESS === '1';
const SAMPLE = HAVE
  ? [
      ...zytePages()
        .filter((_, i) => i % 20 === 0)
        .map((p) => ({ id: `z-${p.id}`, file: p.file, article: true })),
      ...detectPages()
        .filter((_, i) => i % 12 === 5)
        .map((p) => ({ id: `d-${p.id}`, file: p.file, article: p.article })),
    ].slice(0, LIMIT)
  : [];
/** Minutes a badge shows ("4m", "2h"); null for no badge. */
const badgeMinutes = (b: string): number | null =>
  /^\d+m$/.test(b) ? Number(b.slice(0, -1)) : /^\d+h$/.test(b) ? Number(b.slice(0, -1)) * 60 : null;
const STOPWORDS = new Set([
  'the',
  'and',
  'of',
  'to',
  'in',
  'a',
  'is',
  'that',
  'for',
  'it',
  'on',
  'with',
  'as',
  'was',
  'he',
  'she',
  'they',
  'this',
]);

describeCorpus('real pages in Chromium', [join(ZYTE_DIR, 'ground-truth.json'), join(DETECT_DIR, 'labels.json')], () => {
  let s: ExtensionSession;
  let server: FixtureServer & { dir: string };

  beforeAll(async () => {
    server = await serveGeneratedPages(Object.fromEntries(SAMPLE.map((p) => [`${p.id}.html`, readPageFile(p.file)])));
    s = await launchWithExtension();
    if (!HOST_ACCESS) await (await s.sw()).evaluate((k) => chrome.storage.local.set({ [k]: true }), E2E_NO_HOST_ACCESS);
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  it(
    `badge and popup on ${SAMPLE.length} real pages agree with the CLI (${HOST_ACCESS ? 'with' : 'without'} host access)`,
    async () => {
      const rows: {
        id: string;
        cli: boolean;
        badge: string;
        badgeAfter: string;
        label: boolean;
        cliMin: number;
        message: string | null;
        popupMin: number | null;
        tags: string[];
      }[] = [];
      for (const p of SAMPLE) {
        const url = server.url(`${p.id}.html`);
        // The CLI's view of the same bytes at the same URL (URL features are off for 127.0.0.1 on both sides).
        const dom = parsePage(readPageFile(join(server.dir, `${p.id}.html`)), url);
        const cli = articleRecord(dom.window.document, dom.window as unknown as Window, url);
        dom.window.close();

        const page = await s.context.newPage();
        await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => {
          /* blocked subresources may stall 'load' */
        });
        const tabId = await s.tabIdOf(url);
        const badge = await waitFor(() => s.badgeText(tabId), 'badge', cli.isArticle ? 8000 : 2500).catch(() => '');
        const popup = await openPopupFor(s, tabId);
        // A page with nothing readable answers with a message (role=alert) instead of a preview.
        const alert = popup.getByRole('alert');
        // A page the popup calls not an article shows no reading time (nor tags): its notice instead.
        const notArticle = popup.getByTestId('not-article');
        await expect
          .poll(
            async () =>
              (await popup.getByTestId('reading-time').isVisible()) || (await alert.isVisible()) || (await notArticle.isVisible()),
            { timeout: 60_000 },
          )
          .toBe(true);
        const message = (await alert.isVisible()) ? ((await alert.textContent())?.trim() ?? '') : null;
        const rt =
          message === null && (await popup.getByTestId('reading-time').isVisible())
            ? ((await popup.getByTestId('reading-time').textContent()) ?? '')
            : '';
        const tags = message === null ? await popup.locator('.tag').allTextContents() : [];
        // Once the popup has extracted an article, the badge shows the popup's reading time.
        const badgeAfter =
          rt && badge
            ? await waitFor(
                async () => {
                  const b = await s.badgeText(tabId);
                  return b === formatBadge(Number(/^(\d+) min read$/.exec(rt)?.[1])) ? b : '';
                },
                'badge = popup time',
                5000,
              ).catch(() => s.badgeText(tabId))
            : badge;
        rows.push({
          id: p.id,
          cli: cli.isArticle,
          badge,
          badgeAfter,
          label: p.article,
          cliMin: cli.readingMinutes,
          message,
          popupMin: rt ? Number(/^(\d+) min read$/.exec(rt)?.[1] ?? NaN) : null,
          tags: tags.map((t) => t.replace(/×$/, '').trim()),
        });
        await popup.close();
        await page.close();
      }
      const agree = rows.filter((r) => r.cli === (r.badge !== '')).length;
      const correct = rows.filter((r) => r.label === (r.badge !== '')).length;
      const articles = rows.filter((r) => r.cli && r.cliMin > 0 && r.popupMin !== null);
      // The badge (detection's estimate, before the popup) against the popup's time on the same page.
      const timed = rows.filter((r) => r.message === null && r.popupMin !== null && badgeMinutes(r.badge) !== null);
      const timeEqual = timed.filter((r) => badgeMinutes(r.badge) === r.popupMin).length;
      const apart = timed.map((r) => Math.abs(badgeMinutes(r.badge)! - r.popupMin!));
      const withTags = articles.filter((r) => r.tags.length >= 3).length;
      console.log(
        `real pages e2e: ${rows.length} pages; badge agrees with the CLI on ${agree}, with the label on ${correct}; ` +
          `badge time = popup time on ${timeEqual}/${timed.length} articles (${timed.length ? Math.round((100 * timeEqual) / timed.length) : 0} %), at most ${Math.max(0, ...apart)} min apart; 3+ tags shown on ${withTags}/${articles.length}`,
      );
      for (const r of rows)
        console.log(
          `  ${r.id.slice(0, 30).padEnd(30)} label ${r.label ? 'A' : '-'} cli ${r.cli ? 'A' : '-'} badge ${r.badge || '-'}→${r.badgeAfter || '-'}  popup ${r.message ?? `${r.popupMin} min`} (cli ${r.cliMin})  tags ${r.tags.slice(0, 6).join(' | ')}`,
        );
      // Chromium runs the pages' own scripts and jsdom does not, so the DOMs can differ a little.
      expect(agree).toBeGreaterThanOrEqual(Math.floor(rows.length * 0.95));
      for (const r of rows)
        if (r.badge && r.popupMin !== null) expect(r.badgeAfter, `${r.id}: badge after the popup`).toBe(formatBadge(r.popupMin));
      // A message only where the CLI found nothing readable either; otherwise a reading time of 1+ min.
      for (const r of rows) {
        if (r.message !== null) {
          expect(r.cliMin, `${r.id}: ${r.message}`).toBe(0);
          expect(r.message.length).toBeGreaterThan(10);
        } else if (r.popupMin !== null) expect(r.popupMin, r.id).toBeGreaterThanOrEqual(1);
      }
      const within = timed.filter((r) => Math.abs(badgeMinutes(r.badge)! - r.popupMin!) <= 1).length;
      console.log(
        `real pages (${HOST_ACCESS ? 'with' : 'without'} host access): badge = popup on ${timeEqual}/${timed.length}, within a minute on ${within}/${timed.length}, ` +
          `changed once the popup opened on ${timed.filter((r) => r.badgeAfter !== r.badge).length}`,
      );
      // What each page reported: the popup's extraction's counts (counted), else detection's estimate.
      const reported = await (
        await s.sw()
      ).evaluate(
        () => (globalThis as unknown as { gistTest: { detected: Record<string, TextCounts & { counted: boolean }> } }).gistTest.detected,
      );
      const reports = timed.map((r) => ({ r, rep: reported[server.url(`${r.id}.html`)] }));
      for (const { r, rep } of reports)
        if (rep && readingMinutes(rep) !== r.popupMin)
          console.log(`  report ${r.id}: ${rep.counted ? 'counted' : 'estimated'} ${readingMinutes(rep)} min, popup ${r.popupMin} min`);
      const counted = reports.filter(({ rep }) => rep?.counted).length;
      console.log(`real pages: the page counted itself with the popup's extraction on ${counted}/${timed.length} articles`);
      if (HOST_ACCESS) {
        // What the badge's extraction (run in the tab once detection says "article") costs per page.
        const earlyMs = await (
          await s.sw()
        ).evaluate(() => (globalThis as unknown as { gistTest: { earlyMs: number[] } }).gistTest.earlyMs);
        const sortedMs = [...earlyMs].sort((a, b) => a - b);
        console.log(
          `real pages: extraction ahead of the popup on ${earlyMs.length} pages: median ${Math.round(sortedMs[sortedMs.length >> 1] ?? 0)} ms, ` +
            `p90 ${Math.round(sortedMs[Math.floor(sortedMs.length * 0.9)] ?? 0)} ms, max ${Math.round(sortedMs.at(-1) ?? 0)} ms`,
        );
      } else {
        // The usual install: no extraction from the background, the badge is the page's own report,
        // every article counted by the popup's extraction.
        const earlyRuns = await (
          await s.sw()
        ).evaluate(() => (globalThis as unknown as { gistTest: { earlyMs: number[] } }).gistTest.earlyMs.length);
        expect(earlyRuns).toBe(0);
        expect(counted).toBe(timed.length);
      }
      // Issue #16: the badge equals the popup on ≥ 90 % of the articles and is never more than a minute
      // apart, with host access (the background's extraction) and without (the page's own).
      expect(timeEqual).toBeGreaterThanOrEqual(Math.ceil(timed.length * 0.9));
      expect(within).toBe(timed.length);
      expect(withTags).toBeGreaterThanOrEqual(Math.ceil(articles.length * 0.7));
      for (const r of rows) for (const t of r.tags) expect(STOPWORDS.has(t.toLowerCase()), `${r.id}: stopword tag "${t}"`).toBe(false);
    },
    20 * 60_000,
  );
});
