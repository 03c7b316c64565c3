// Small hand-written pages for the extraction unit tests: filler paragraphs, a jsdom at a news URL, the
// extraction run on it, JSON-LD blocks.
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../lib/extract/index';

/** `n` paragraphs of ordinary article text (enough for Readability to take the block). */
export const para = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1} tells how the river rose again this week, flooding low fields near the old mill, while farmers counted losses and officials promised help soon.</p>`,
  ).join('\n');

export function dom(html: string, url = 'https://news.example.com/2024/05/01/river') {
  return new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
}

export function extract(html: string, url?: string) {
  const d = dom(html, url);
  return extractArticle(d.window.document, { window: d.window as unknown as Window })!;
}

export const ld = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;
