// Bylines and body leads on page kinds that went wrong on corpus pages (issue #15), written afresh in
// markup and languages the rules were not tuned on (tests/fixtures/extract/unseen): a role or a
// surname in its own element glued to the name, dates and reading times in the byline line, a
// customer's name in a shop's reviews, a hover card inside a sentence, and Readability's raw result
// (the last resort) starting with a headline its own check cannot match in Japanese.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../lib/extract/index';
import { cleanByline } from '../../lib/extract/byline-clean';

function extract(name: string) {
  const html = readFileSync(new URL(`../fixtures/extract/unseen/${name}`, import.meta.url), 'utf8');
  const d = new JSDOM(html, { url: 'https://www.example.com/2024/05/01/some-article', virtualConsole: new VirtualConsole() });
  const a = extractArticle(d.window.document, { window: d.window as unknown as Window });
  expect(a).not.toBeNull();
  return a!;
}

describe('bylines on unseen page kinds', () => {
  it('a role in its own element right after the name is no part of it, glued or not ("Ana MoralesStaff Writer")', () => {
    expect(extract('byline-glued-en.html').byline).toBe('Ana Morales');
    expect(cleanByline('By Howard BlumeStaff Writer')).toBe('Howard Blume');
    // A capital inside a name is not a role.
    expect(cleanByline('Mary McDonald')).toBe('Mary McDonald');
  });

  it('names in separate elements with no space between them read as separate words', () => {
    expect(extract('byline-hcard-es.html').byline).toBe('Lucía Herrera');
  });

  it('a date the markup declares (<time>) is no part of the byline', () => {
    expect(extract('byline-time-de.html').byline).toBe('Lena Fischer');
  });

  it('a date set off by a separator goes, in any language; one after a plain space stays as Readability keeps it', () => {
    expect(extract('byline-date-fr.html').byline).toBe('Marie Dupont');
    expect(cleanByline('Jane Doe | March 3, 2024')).toBe('Jane Doe');
    expect(cleanByline('Ewa Nowak · 3 maja 2024')).toBe('Ewa Nowak');
    expect(cleanByline('山田太郎 | 2024年5月2日')).toBe('山田太郎');
    expect(cleanByline('Jeff FoustMonday, November 18, 2019')).toBe('Jeff Foust');
    expect(cleanByline('By Nathan Willis March 25, 2015')).toBe('Nathan Willis March 25, 2015');
  });

  it('a reading time goes in any common language, and with it the date of that meta line (Ghost)', () => {
    expect(extract('byline-ghost-nl.html').byline).toBe('Jan Jansen');
    expect(cleanByline('Jan Jansen 2 mei 2024 4 min leestijd')).toBe('Jan Jansen');
    expect(cleanByline('Anna Rossi · 3 minuti di lettura')).toBe('Anna Rossi');
    expect(cleanByline('Marie Dupont | 5 min de lecture')).toBe('Marie Dupont');
  });

  it("a shop's customer reviews name their writers, not the page's author (ours and Readability's search)", () => {
    const a = extract('product-shopify-reviews-en.html');
    expect(a.byline).toBeNull();
    expect(a.text).toContain('stonewashed European linen');
  });
});

describe('body text on unseen page kinds', () => {
  it('a hover card after a name link in a sentence stays out of the sentence', () => {
    const t = extract('hover-card-en.html').text;
    expect(t).toContain('written by Sen. Maria Lopez (D-Ohio), sending it');
    expect(t).not.toContain('Freight executives grilled');
  });

  it('a tooltip (role=tooltip) stays out of the sentence it explains', () => {
    const t = extract('hover-card-en.html').text;
    expect(t).toContain('The bill, which the FRA would enforce, would require');
    expect(t).not.toContain('writes and enforces');
  });

  it("Readability's raw result, taken for a short Japanese links post, does not start with the headline", () => {
    const t = extract('links-post-ja.html').text;
    expect(t.startsWith('台風シーズンを前に')).toBe(true);
    expect(t).not.toContain('今週読んでおきたい');
  });
});
