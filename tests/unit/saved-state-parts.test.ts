// @vitest-environment happy-dom
// The small parts behind the toolbar's saved state: the canonical the detector reports (the same one the
// extraction uses for the key), the per-URL reading-time memo, and the in-page toast.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { declaredCanonical } from '../../lib/page-meta/canonical';
import { createCountsMemo, MAX_PAGES } from '../../lib/save/counts-memo';
import { memoryArea } from '../../lib/save/preview-cache';
import { showPageToast, TOAST_MS, TOAST_TAG } from '../../lib/save/page-toast';
import { extractArticle } from '../../lib/extract/index';

const docOf = (head: string, url = 'https://news.example.com/2024/bees?utm_source=x') => {
  const d = document.implementation.createHTMLDocument('t');
  d.head.innerHTML = head;
  d.body.innerHTML = `<article><h1>Bees</h1>${'<p>Bees live on roofs in the city, and their keepers say the honey tastes of lime trees and clover. </p>'.repeat(12)}</article>`;
  return { d, url };
};

describe('declaredCanonical', () => {
  it('reads what the extraction reads: rel=canonical first, else og:url, resolved against the page', () => {
    const cases: [string, string | null][] = [
      [
        '<link rel="canonical" href="/2024/bees"><meta property="og:url" content="https://other.example.com/x">',
        'https://news.example.com/2024/bees',
      ],
      ['<link rel="CANONICAL" href="https://www.example.com/bees">', 'https://www.example.com/bees'],
      [
        '<meta property="og:url" content=" https://news.example.com/og "><meta property="og:url" content="https://news.example.com/second">',
        'https://news.example.com/og',
      ],
      ['<meta property="og:url" content=""><meta name="og:url" content="/named">', 'https://news.example.com/named'],
      ['<link rel="alternate" href="/amp">', null],
      ['', null],
    ];
    for (const [head, want] of cases) {
      const { d, url } = docOf(head);
      expect(declaredCanonical(d, url), head).toBe(want);
      expect(extractArticle(d, { url, window: window as unknown as Window })?.canonicalUrl ?? null, `extraction: ${head}`).toBe(want);
    }
  });
});

describe('counts memo', () => {
  it('keeps the popup counts per normalised page URL, newest pages only', async () => {
    const memo = createCountsMemo(memoryArea());
    await memo.put('https://example.com/a?utm_source=x#top', { words: 900, cjkChars: 3, images: 2 });
    expect(await memo.get('https://example.com/a')).toEqual({ words: 900, cjkChars: 3, images: 2 });
    expect(await memo.get('https://example.com/b')).toBeNull();
    for (let i = 0; i < MAX_PAGES; i++) await memo.put(`https://example.com/p${i}`, { words: i });
    expect(await memo.get('https://example.com/a')).toBeNull(); // the oldest went
    expect(await memo.get(`https://example.com/p${MAX_PAGES - 1}`)).toEqual({ words: MAX_PAGES - 1, cjkChars: 0, images: 0 });
  });

  it('ignores what it did not write', async () => {
    const area = memoryArea();
    await area.set({ 'gist:counts': { 'https://example.com/a': ['x', 1, 2] } });
    expect(await createCountsMemo(area).get('https://example.com/a')).toBeNull();
  });
});

describe('page toast', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.querySelectorAll(TOAST_TAG).forEach((e) => e.remove());
  });

  it('shows one message in a closed shadow root and removes it after 2 s', () => {
    vi.useFakeTimers();
    expect(TOAST_MS).toBe(2000);
    const attach = vi.spyOn(HTMLElement.prototype, 'attachShadow');
    showPageToast('Saved to Gist', true, TOAST_MS);
    showPageToast('Saved to Gist', true, TOAST_MS); // a second save replaces the first note
    const hosts = document.querySelectorAll(TOAST_TAG);
    expect(hosts.length).toBe(1);
    expect(attach).toHaveBeenCalledWith({ mode: 'closed' });
    expect((hosts[0] as HTMLElement).shadowRoot).toBeNull(); // the page cannot reach in
    const root = attach.mock.results[1].value as ShadowRoot;
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Saved to Gist');
    expect((hosts[0] as HTMLElement).style.getPropertyPriority('display')).toBe('important');
    vi.advanceTimersByTime(TOAST_MS - 1);
    expect(document.querySelector(TOAST_TAG)).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(document.querySelector(TOAST_TAG)).toBeNull();
    attach.mockRestore();
  });
});
