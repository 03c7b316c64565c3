// Two more steps of the loop, written once for every browser (see driver.ts): importing a Pocket export
// in the library, and a hostile article saved from a page and read in the library without running.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { expect } from 'vitest';
import { auditArticleDom } from '../../../lib/sanitize/dom-audit';
import { ROOT, type FixtureServer } from '../harness';
import type { BrowserDriver } from './driver';
import { openPopup } from './core-loop';

const T = (id: string) => `[data-testid=${id}]`;

function pocketHtml(unread: { url: string; title: string; tags?: string }[], archived: { url: string; title: string }[]): string {
  const li = (l: { url: string; title: string; tags?: string }, i: number) =>
    `<li><a href="${l.url}" time_added="${1_700_000_000 + i}" tags="${l.tags ?? ''}">${l.title}</a></li>`;
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Pocket Export</title></head><body>\n<h1>Unread</h1>\n<ul>\n${unread.map(li).join('\n')}\n</ul>\n<h1>Read Archive</h1>\n<ul>\n${archived.map(li).join('\n')}\n</ul>\n</body></html>\n`;
}

/** A Pocket export picked in the library: links kept (not yet fetched), a javascript: row failed with its reason. */
export async function importPocketExport(d: BrowserDriver, server: FixtureServer, tmpDir: string): Promise<void> {
  const file = join(tmpDir, 'ril_export.html');
  writeFileSync(
    file,
    pocketHtml(
      [
        { url: server.url('tidal-mills.html'), title: 'Tidal mills of the estuary', tags: 'coast,history' },
        { url: server.url('logbooks.html'), title: 'Lighthouse logbooks' },
        { url: 'javascript:alert(1)', title: 'Evil' },
      ],
      [{ url: server.url('salt-marsh.html'), title: 'Salt marsh' }],
    ),
  );
  const lib = await d.openExtensionPage('library.html');
  await expect.poll(() => lib.count(T('list-area')), { timeout: 20_000 }).toBe(1);
  await lib.click(T('import-export'));
  await lib.uploadFile(T('import-file'), file);
  await expect.poll(() => lib.count(T('import-result')), { timeout: 30_000 }).toBe(1);
  const counts = await lib.eval<Record<string, string>>(`({ ...document.querySelector('[data-testid=import-result]').dataset })`);
  expect(Number(counts.imported)).toBe(3);
  expect(Number(counts.failed) + Number(counts.problem)).toBeGreaterThanOrEqual(1);
  expect(await lib.text(T('import-report-rows'))).toMatch(/javascript/);
  await lib.click(T('import-export-close'));
  // The unread links are listed (the archived one lives in its own view).
  await expect
    .poll(async () => (await lib.texts(T('article-row'))).join('\n'), { timeout: 10_000 })
    .toContain('Tidal mills of the estuary');
  const rows = (await lib.texts(T('article-row'))).join('\n');
  expect(rows).toContain('Lighthouse logbooks');
  expect(rows).not.toContain('Evil');
  await lib.close();
}

const VECTORS = join(ROOT, '../shared/corpora/xss-vectors/vectors.jsonl');
/** Classic payloads, always tested; a sample of the shared corpus joins them when it is present. */
const CLASSIC = [
  '<img src=x onerror="alert(1)">',
  '<svg><script>alert(2)</script></svg>',
  '<a href="javascript:alert(3)">link</a>',
  '<iframe src="javascript:alert(4)"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(5)>',
  '<form action="javascript:alert(6)"><button>go</button></form>',
  '<details open ontoggle="alert(7)">d</details>',
  '<object data="javascript:alert(8)"></object>',
  '<a href="  java&#9;script:alert(9)">tab</a>',
  '<noscript><p title="</noscript><img src=x onerror=alert(10)>">',
];

/**
 * The payloads in page order: those that swallow the rest of the page as text (unclosed <style>,
 * <textarea>, <!--…) would hide every later payload from the parser, so only the first of them is kept,
 * last (tests/e2e/xss.test.ts runs them all, in batches).
 */
function hostilePayloads(): string[] {
  const sample = existsSync(VECTORS)
    ? readFileSync(VECTORS, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { payload: string }).payload)
        .filter((_, i) => i % 50 === 0)
    : [];
  const { window } = new JSDOM('<!doctype html><body></body>');
  const swallows = (p: string) => {
    const box = window.document.createElement('div');
    box.innerHTML = `${p}<b id="gist-probe"></b>`;
    return !box.querySelector('#gist-probe');
  };
  const all = [...CLASSIC, ...sample];
  const swallowers = all.filter(swallows);
  window.close();
  return [...all.filter((p) => !swallowers.includes(p)), ...swallowers.slice(0, 1)];
}

/**
 * A page full of payloads is saved through the popup and opened in the library: no dialog or stubbed
 * sink is called, the reader DOM passes the structural audit, and the library stays where it was.
 */
export async function xssSampleRendersInert(d: BrowserDriver): Promise<void> {
  const payloads = hostilePayloads();
  const prose =
    'The council met on Tuesday to discuss the new tram line, the library hours and the state of the harbour wall, which has needed repair since the winter storms.';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile sample</title></head><body><article><h1>Hostile sample</h1>
<p>${prose} marker-start.</p>${payloads.map((p, k) => `<div><p>${prose} [[m-${k}]]</p>${p}</div>`).join('\n')}<p>${prose} marker-end.</p></article></body></html>`;
  // The page itself runs nothing (sandbox CSP): we test the extension, not the page.
  const server: Server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/hostile.html') {
      res.statusCode = 204;
      res.end();
      return;
    }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', "sandbox allow-same-origin; script-src 'none'; object-src 'none'; frame-src 'none'");
    res.end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hostile.html`;
    const { tabId, page } = await d.openTab(url);
    const popup = await openPopup(d, tabId);
    await expect.poll(() => popup.text(T('title')), { timeout: 30_000 }).toBe('Hostile sample');
    await popup.click(T('save'));
    await expect.poll(() => popup.visible(T('saved')), { timeout: 30_000 }).toBe(true);
    await popup.close();
    await page.close();

    const lib = await d.openExtensionPage('library.html');
    await expect.poll(async () => (await lib.texts(T('article-row'))).join('\n'), { timeout: 20_000 }).toContain('Hostile sample');
    // Every sink a payload could reach is counted from here on; so is every CSP violation in the live page.
    await lib.eval(`(() => {
      window.__gist = { exec: [], violations: [], href: location.href };
      for (const f of ['alert', 'confirm', 'prompt', 'print']) window[f] = (...a) => { window.__gist.exec.push(f + '(' + a.join(',') + ')'); };
      document.addEventListener('securitypolicyviolation', (e) => { if (e.target !== document) window.__gist.violations.push(e.violatedDirective + ' ' + e.blockedURI); }, true);
    })()`);
    // Mark the sample's row so a real pointer click can target it by selector.
    await lib.eval<boolean>(
      `(() => { const r = [...document.querySelectorAll('[data-testid=article-row]')].find((r) => r.textContent.includes('Hostile sample')); r.setAttribute('data-e2e-target', ''); return true; })()`,
    );
    await lib.click('[data-e2e-target] .row-main');
    // The article really rendered: most payloads reached the reader (Readability drops some blocks around
    // forms, frames and hidden content; 122 of 164 did in Firefox 153).
    const reached = () =>
      lib.eval<number>(`(document.querySelector('[data-testid=reader-body]')?.textContent.match(/\\[\\[m-\\d+\\]\\]/g) || []).length`);
    await expect.poll(reached, { timeout: 15_000 }).toBeGreaterThanOrEqual(Math.floor(payloads.length * 0.6));
    console.log(`xss sample (${d.name}): ${await reached()} of ${payloads.length} payload paragraphs in the reader`);
    await new Promise((r) => setTimeout(r, 1000)); // time for any handler or load to fire
    const state = await lib.eval<{ exec: string[]; violations: string[]; audit: string[]; sameHref: boolean }>(`({
      exec: window.__gist.exec, violations: window.__gist.violations,
      audit: (${auditArticleDom.toString()})(document.querySelector('[data-testid=reader-body]')),
      sameHref: location.href.split('#')[0] === window.__gist.href.split('#')[0],
    })`);
    expect(state).toEqual({ exec: [], violations: [], audit: [], sameHref: true });
    await lib.close();
  } finally {
    await new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    });
  }
}
