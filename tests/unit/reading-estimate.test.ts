// @vitest-environment happy-dom
// Detection's reading-time estimate counts what the extraction will keep, so the badge shows the number
// the popup then shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectArticle } from '../../lib/detect/index';
import { estimateReading } from '../../lib/detect/reading-estimate';
import { extractArticle } from '../../lib/extract/index';
import { countText, readingMinutes } from '../../lib/reading-time/index';

const para = (n: number) => `<p>${'Bees on the roof of the old depot work quietly through the long summer days. '.repeat(n)}</p>`;

describe('estimateReading', () => {
  it('counts headings, lists and quotes around the paragraphs, not captions, navigation or asides', () => {
    const d = document.implementation.createHTMLDocument('t');
    d.body.innerHTML = `<nav><ul>${'<li>Home page link text here</li>'.repeat(30)}</ul></nav>
      <main><div class="story"><h2>How it started</h2>${para(10)}<ul><li>first item of the list words</li><li><p>${'para in item '.repeat(5)}</p></li></ul>
      <blockquote>quoted words from the keeper</blockquote><figure><img src="a.jpg" width="600"><figcaption>caption words never counted here</figcaption></figure>
      ${para(10)}<img src="icon.png" width="16"><aside><p>${'related story teaser words '.repeat(8)}</p></aside></div></main>`;
    const e = estimateReading(d);
    const want = countText(
      [
        'How it started',
        'Bees on the roof of the old depot work quietly through the long summer days. '.repeat(20),
        'first item of the list words',
        'para in item '.repeat(5),
        'quoted words from the keeper',
      ].join(' '),
    ).words;
    expect(e).toEqual({ words: want, cjkChars: 0, images: 1 });
  });

  it("gives the badge the popup's minutes on the fixture article", () => {
    const html = readFileSync(join(import.meta.dirname, '../fixtures/pages/article.html'), 'utf8');
    const d = new DOMParser().parseFromString(html, 'text/html');
    const det = detectArticle(d);
    const a = extractArticle(d, { url: 'http://127.0.0.1/article.html', window: window as unknown as Window })!;
    const ex = countText(a.text);
    expect(det.isArticle).toBe(true);
    expect(readingMinutes({ words: det.wordCount, cjkChars: det.cjkChars, images: det.images ?? 0 })).toBe(
      readingMinutes({ ...ex, images: a.images.length }),
    );
    expect(Math.abs(det.wordCount - ex.words) / ex.words).toBeLessThan(0.05);
    expect(det.images).toBe(a.images.length);
  });
});
