// Body extraction on synthetic pages of the kinds that failed on held-out pages (issue #15): recipes and
// how-tos, product pages, paywalled articles with author boxes and latest-news lists, product adverts,
// lead photos with captions, and an article that preprocessing loses but Readability alone finds.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../lib/extract/index';

function extract(name: string) {
  const html = readFileSync(new URL(`../fixtures/extract/body/${name}`, import.meta.url), 'utf8');
  const d = new JSDOM(html, { url: 'https://www.example.com/2024/05/01/some-article', virtualConsole: new VirtualConsole() });
  const a = extractArticle(d.window.document, { window: d.window as unknown as Window });
  expect(a).not.toBeNull();
  return a!;
}

describe('body extraction by page kind', () => {
  it('recipe: keeps the intro, the ingredient list and the numbered steps beside the post, not the comments', () => {
    const { text } = extract('recipe.html');
    expect(text).toContain('These lemon ricotta pancakes are the fluffiest');
    expect(text).toContain('Ingredients');
    expect(text).toContain('1 cup whole-milk ricotta cheese');
    expect(text).toContain('Instructions');
    expect(text).toContain('Beat the egg whites to soft peaks');
    expect(text.indexOf('If you like to plan ahead')).toBeLessThan(text.indexOf('1 1/2 cups all-purpose flour'));
    expect(text.indexOf('1 1/2 cups all-purpose flour')).toBeLessThan(text.indexOf('Whisk the flour'));
    expect(text).not.toContain('Made these twice this week');
    expect(text).not.toContain('Banana bread');
  });

  it('how-to: keeps the materials list and the step table with their headings', () => {
    const { text } = extract('howto-table.html');
    expect(text).toContain('Snake plants grow slowly');
    expect(text).toContain('What you need');
    expect(text).toContain('Cactus or succulent potting mix');
    expect(text).toContain('Step 3 Shake off the old soil');
    expect(text).toContain('Wait a week before watering');
  });

  it('product page: keeps the description and spec list, drops cart buttons, "added to cart" toasts and the cross-sell list', () => {
    const { text } = extract('product.html');
    expect(text).toContain('The Alder Field Backpack is a 22-litre daypack');
    expect(text).toContain('repaired for free for the first five years');
    expect(text).toContain('Capacity: 22 litres');
    expect(text).not.toMatch(/add(?:ed)? to (?:your )?cart/i);
    expect(text).not.toContain('View cart');
    expect(text).not.toContain('Quantity 1');
    expect(text).not.toContain('You may also like');
    expect(text).not.toContain('Canvas Roll Top');
  });

  it('paywalled article: the teaser paragraphs stay; the subscription prompt, author box and latest-articles list go', () => {
    const { text } = extract('paywall-de.html');
    expect(text.startsWith('Nach monatelanger Debatte')).toBe(true); // the lead photo's caption is not body text
    expect(text).toContain('mit den Händlern über Lieferzonen');
    for (const gone of [
      'Möchten Sie weiterlesen',
      'nur für Abonnenten',
      'Digital Basis',
      '14,99 €',
      'Jetzt abonnieren',
      'bereits Abonnent',
      'Über den Autor',
      'Jana Müller ist seit 2012',
      'Neueste Artikel',
      'Hafenfest',
    ])
      expect(text).not.toContain(gone);
  });

  it('news article: drops a product advert, the "About the author" box and a "Latest news" list inside the article column', () => {
    const { text } = extract('author-latest-en.html');
    expect(text).toContain('Night buses across the city ran late');
    expect(text).toContain('A spokesperson said new drivers would start in September');
    for (const gone of [
      'Quiet Commute Headphones',
      '$79.99',
      'Buy now',
      'About the author',
      'Sam Patel covers transport',
      'Latest news',
      'Stadium expansion delayed again',
    ])
      expect(text).not.toContain(gone);
  });

  it('a list of teasers after the body (each item a headline link, then its blurb) is not brought back as body', () => {
    const { text } = extract('teaser-list-after.html');
    expect(text).toContain('start with animals on the ground');
    expect(text).not.toContain('face scanning');
    expect(text).not.toContain('never got to eat');
  });

  it("a river of teaser cards (<article>: linked headline and blurb) after the body's <article>, and the newsletter prompt above it, go", () => {
    const { text } = extract('teaser-river.html');
    expect(text).toContain('The first snow of the season closed the mountain pass');
    expect(text).toContain('The pass reopened on Sunday afternoon');
    for (const gone of [
      'Want more stories like this',
      'Every day we send an email',
      'Why the lake froze',
      'Cold air from the north',
      'From the archive',
      'bread came by sledge',
    ])
      expect(text.toLowerCase()).not.toContain(gone.toLowerCase());
  });

  it("the site's copyright block under the article column goes", () => {
    const { text } = extract('teaser-river.html');
    expect(text).toContain('The pass reopened on Sunday afternoon');
    expect(text).not.toContain('12 Station Road');
    expect(text).not.toContain('The contents of this site are');
  });

  it('lead photo with an unmarked caption: the body text starts at the first paragraph, not at the caption', () => {
    const a = extract('lead-caption.html');
    expect(a.text.startsWith('Harbour seals have returned to the estuary')).toBe(true);
    expect(a.text).not.toContain('A group of harbour seals rests on a sandbank');
    expect(a.text).toContain('Biologists credit the return');
  });

  it("when our clean-up leaves almost nothing, Readability's own result is returned instead of an empty body", () => {
    // Each item of a links post is a paragraph that is one whole link: postprocess drops those as teasers.
    const { text } = extract('link-roundup.html');
    expect(text).toContain('Links I kept open all week');
    expect(text).toContain('How a small town brought its buried river back to the surface');
    expect(text).toContain('Urban beekeepers are running out of flowers');
  });

  it('falls back to Readability on the raw page when preprocessing removed a wrapper holding a <br>-separated article', () => {
    const { text } = extract('furniture-wrapper.html');
    expect(text).toContain('The snow came early this year.');
    expect(text).toContain('The children have learned to ski down to the school bus stop');
    expect(text).toContain('Next time I will write about the village meeting');
  });
});
