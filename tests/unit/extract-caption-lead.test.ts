// A lead photo's caption is not the body's start (issue #15, body lead): the text starts at the
// article's first paragraph even when the caption is a <div> of inline content, which Readability
// rebuilds as a new <p> without the div's attributes.
import { describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../lib/extract/index';

const body = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i + 1}: the council voted on Tuesday to reopen the harbour ferry, which has been idle since the storm, and residents welcomed the decision with some relief.</p>`,
).join('\n');

function textOf(caption: string, figure?: string): string {
  const html = `<html><head><title>Harbour ferry to reopen</title></head><body><article>
    <h1>Harbour ferry to reopen</h1>
    <div class="entry">
      ${figure ?? `<div class="featured-image-wrapper"><div class="featured-image"><img src="/img/ferry.jpg" alt="The ferry"></div>${caption}</div>`}
      ${body}
    </div>
  </article></body></html>`;
  const d = new JSDOM(html, { url: 'https://news.example.com/2024/05/01/ferry', virtualConsole: new VirtualConsole() });
  const a = extractArticle(d.window.document, { window: d.window as unknown as Window });
  expect(a).not.toBeNull();
  return a!.text;
}

describe('lead photo caption', () => {
  it('a caption <div> of inline spans is not the start of the text', () => {
    const text = textOf(
      '<div class="wp-caption-text featured"><span>Mayor Ana Ruiz and harbour master Ben Okafor</span> <span>Jane Roe / Example Photos</span></div>',
    );
    expect(text.startsWith('Paragraph 1: the council voted')).toBe(true);
    expect(text).not.toContain('Mayor Ana Ruiz');
  });

  it('a caption <div> holding one <p> is not the start of the text', () => {
    const text = textOf('<div class="image-caption"><p>Mayor Ana Ruiz and harbour master Ben Okafor on the quay</p></div>');
    expect(text.startsWith('Paragraph 1: the council voted')).toBe(true);
  });

  it('a credit whose class is a camelCase word ending in Credit is not the start of the text', () => {
    // A lazy image not loaded yet: only its placeholder and the credit are in the page.
    const text = textOf(
      '',
      '<div class="InlineImage-wrapper"><div class="InlineImage-imagePlaceholder"><div class="lazyload-placeholder"></div></div><div><div class="InlineImage-imageEmbedCredit">Jane Roe | Example Photos</div></div></div>',
    );
    expect(text.startsWith('Paragraph 1: the council voted')).toBe(true);
  });

  it('a photo credit leading the first paragraph marks the credit, not the paragraph, as a caption', () => {
    const text = textOf(
      '',
      '<p><span class="story-image"><img src="/img/ferry.jpg" alt="The ferry"><span>© Provided by Example Photos</span> <span>Jane Roe</span></span> The harbour ferry will run again from June, the council decided on Tuesday after a long debate.</p>',
    );
    expect(text.startsWith('The harbour ferry will run again from June')).toBe(true);
    expect(text).not.toContain('Provided by');
  });
});
