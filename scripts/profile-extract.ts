// CPU profile of our extraction in headless Chromium, cold (first call in a fresh isolated world, as the
// extraction script runs), on every other Zyte page: self time per function (unminified bundle), and the
// hottest lines of one function.
// usage: npm run profile:extract [-- FUNCTION_NAME]   (default: postprocess)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { bundle, CHROMIUM_ARGS, GIST_ENTRY } from './lib/browser-bench';
import { haveZyte, zytePages } from './lib/corpora';
import { readPageFile } from './lib/load-page';
const FOCUS = process.argv[2] ?? 'postprocess';
if (!haveZyte()) { console.error('profile:extract needs ../shared/corpora/zyte-article-extraction (not found)'); process.exit(1); }
const pages = zytePages().filter((_, i) => i % 2 === 0);
const code = (await bundle(GIST_ENTRY, false)).code;
const expr = `__gist.extractArticle(document, { url: location.href, window, sanitize: false }) ? 1 : 0`;
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; lineNumber: number }; positionTicks?: { line: number; ticks: number }[] }[];
  samples: number[];
  timeDeltas: number[];
}
const byName = new Map(pages.map((p) => [`/${p.id}.html`, p]));
const srv = createServer((req, res) => { const p = byName.get(req.url ?? ''); if (!p) { res.statusCode = 404; res.end(); return; } res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(readPageFile(p.file)); }).listen(0, '127.0.0.1');
await new Promise((r) => srv.once('listening', r));
const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const ctx = await browser.newContext({ javaScriptEnabled: false });
const self = new Map<string, number>(); const lines = new Map<number, number>();
for (const p of pages) {
  const page = await ctx.newPage();
  try {
    await page.goto(`${base}/${p.id}.html`, { waitUntil: 'domcontentloaded' });
    const cdp = await ctx.newCDPSession(page);
    const frameId = ((await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } }).frameTree.frame.id;
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId, worldName: 'profile' })) as { executionContextId: number };
    await cdp.send('Runtime.evaluate', { expression: code + ';0', contextId: executionContextId });
    await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 }); await cdp.send('Profiler.start');
    await cdp.send('Runtime.evaluate', { expression: expr, contextId: executionContextId, returnByValue: true });
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const dt = new Map<number, number>();
    for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + profile.timeDeltas[i] / 1000);
    for (const n of profile.nodes) {
      const t = dt.get(n.id) ?? 0; const key = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber + 1}`;
      if (t) self.set(key, (self.get(key) ?? 0) + t);
      if (n.callFrame.functionName === FOCUS) for (const pt of n.positionTicks ?? []) lines.set(pt.line, (lines.get(pt.line) ?? 0) + pt.ticks);
    }
  } catch (e) { console.error(p.id, (e as Error).message.split('\n')[0]); }
  await page.close();
}
await browser.close(); srv.close();
const src = code.split('\n');
for (const [l, t] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(String(t).padStart(6), l, src[l - 1]?.trim().slice(0, 140));
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(1).padStart(8), k);
