// The content script's detection in idle slices (lib/detect/slices.ts): the verdict in the first,
// nothing counted before the next idle period, the popup's counts preferred for an article, and the
// same result as the one-call detectArticle.
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { detectArticle } from '../../lib/detect/index';
import * as estimate from '../../lib/detect/reading-estimate';
import { detectInSlices, type DetectSlice } from '../../lib/detect/slices';

const prose = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1}: the council met on Tuesday and agreed, after a long debate about costs and timing, to rebuild the bridge.</p>`,
  ).join('');
const doc = (html: string, url: string) => new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;
const article = () =>
  doc(
    `<html><head><meta property="og:type" content="article"></head><body><article><h1>Bridge</h1><div>${prose(10)}</div><h2>Costs</h2><ul><li>One long item of the list, counted by the estimate as the extraction would.</li></ul></article></body></html>`,
    'https://news.example.com/2024/05/01/council-agrees-to-rebuild-the-bridge',
  );
const listing = () =>
  doc(
    `<html><body>${Array.from({ length: 12 }, (_, i) => `<div><h2><a href="/s${i}">Story ${i}</a></h2><p>A teaser for story ${i} in a few words.</p></div>`).join('')}</body></html>`,
    'https://news.example.com/',
  );

/** An idle() the test releases by hand, to see what ran before it. */
function manualIdle() {
  const waits: (() => void)[] = [];
  return { idle: () => new Promise<void>((r) => waits.push(r)), release: () => waits.shift()?.(), pending: () => waits.length };
}

describe('detectInSlices', () => {
  it('decides in the first slice and counts only after the next idle period', async () => {
    const spy = vi.spyOn(estimate, 'estimateReading');
    const m = manualIdle();
    const slices: DetectSlice[] = [];
    const run = detectInSlices(article(), { idle: m.idle, onSlice: (s) => slices.push(s) });
    expect(slices).toEqual(['decide']);
    expect(spy).not.toHaveBeenCalled();
    await Promise.resolve();
    m.release();
    expect((await run)?.isArticle).toBe(true);
    expect(slices).toEqual(['decide', 'count']);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('gives what detectArticle gives on an article (the score without the head it did not need)', async () => {
    for (const make of [article]) {
      const d = await detectInSlices(make(), { idle: async () => {} });
      const { counted, score: _score, ...rest } = d!;
      const { score: _full, ...want } = detectArticle(make());
      expect(counted).toBe(false);
      expect(rest).toEqual(want);
    }
    expect(detectArticle(article()).isArticle).toBe(true);
    expect(detectArticle(listing()).isArticle).toBe(false);
  });

  it('reports a non-article at once, uncounted: no idle wait, no count slice (the badge shows no time for it)', async () => {
    const m = manualIdle();
    const slices: DetectSlice[] = [];
    const run = detectInSlices(listing(), { idle: m.idle, onSlice: (s) => slices.push(s) });
    const d = await Promise.race([run, new Promise((r) => setTimeout(() => r('waiting for an idle period'), 50))]);
    expect(m.pending()).toBe(0);
    expect(slices).toEqual(['decide']);
    expect(d).toMatchObject({ isArticle: false, wordCount: 0, cjkChars: 0, images: 0, counted: false });
  });

  it("reports an article's counts from the popup's extraction when it has some, without the estimate", async () => {
    const spy = vi.spyOn(estimate, 'estimateReading');
    const d = await detectInSlices(article(), { idle: async () => {}, counts: async () => ({ words: 777, cjkChars: 3, images: 2 }) });
    expect(d).toMatchObject({ isArticle: true, wordCount: 777, cjkChars: 3, images: 2, counted: true });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('falls back to the estimate when the extraction finds nothing or fails, and asks nothing of it on a non-article', async () => {
    const own = detectArticle(article());
    for (const counts of [async () => null, () => Promise.reject(new Error('no module'))]) {
      const d = await detectInSlices(article(), { idle: async () => {}, counts });
      expect(d).toMatchObject({ wordCount: own.wordCount, counted: false });
    }
    const counts = vi.fn(async () => ({ words: 1 }));
    await detectInSlices(listing(), { idle: async () => {}, counts });
    expect(counts).not.toHaveBeenCalled();
  });

  it('drops the rest once the page navigated', async () => {
    let alive = true;
    const counts = vi.fn(async () => ({ words: 1 }));
    const run = detectInSlices(article(), { idle: async () => void (alive = false), alive: () => alive, counts });
    expect(await run).toBeNull();
    expect(counts).not.toHaveBeenCalled();
  });
});
