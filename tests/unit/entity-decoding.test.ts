// @vitest-environment node
// HTML entities left in text after the HTML parser (feeds, double-escaped <meta>, JSON-LD strings) are
// decoded by the `entities` package: named, decimal and hex references; malformed ones stay as written.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { readMetadata } from '../../lib/extract/metadata';
import { filterPublisherTags } from '../../lib/tags/publisher-tags';
import { extractTextTags } from '../../lib/tags/text-tags';

describe('publisher tags', () => {
  it('decode named, decimal and hex references, forgive a missing ";" and leave malformed ones', () => {
    expect(filterPublisherTags(['Caf&eacute; Culture'])).toEqual(['Café Culture']);
    expect(filterPublisherTags(['Rock &#38; Roll'])).toEqual(['Rock & Roll']);
    expect(filterPublisherTags(['Caf&#xE9; Society'])).toEqual(['Café Society']);
    expect(filterPublisherTags(['Q&amp A Sessions'])).toEqual(['Q& A Sessions']);
    expect(filterPublisherTags(['Bones&#039 Star'])).toEqual(["Bones' Star"]);
    // Not references: a bare "&", an unknown name, a legacy name glued to a word, a hex without digits (";" would split the list).
    expect(filterPublisherTags(['AT&T Mobile'])).toEqual(['AT&T Mobile']);
    expect(filterPublisherTags(['Ben &fakename Jerry'])).toEqual(['Ben &fakename Jerry']);
    expect(filterPublisherTags(['Barnes &notable Books'])).toEqual(['Barnes &notable Books']);
    expect(filterPublisherTags(['Bad &#xZZ Ref'])).toEqual(['Bad &#xZZ Ref']);
  });
});

describe('text tags', () => {
  it('decode named, decimal and hex references in feed text before tokenizing', () => {
    const text = 'The caf&eacute; opened. Every caf&#233; on the street and each caf&#xE9; nearby served crêpes. The caf&eacute; was full.';
    const tags = extractTextTags('Caf&eacute; owners', text).map((t) => t.tag.toLowerCase());
    expect(tags).toContain('café');
    expect(tags.some((t) => /eacute|#|&/.test(t))).toBe(false);
  });
});

describe('page metadata', () => {
  it('decodes what the parser left in <meta> content, twice escaped too, and keeps malformed references', () => {
    // The DOM value is the attribute after the parser: "It&amp;#39;s caf&eacute; &#x263A; &#9733; ..."
    const html = '<meta name="description" content="It&amp;amp;#39;s caf&amp;eacute; &amp;#x263A; &amp;#9733; AT&amp;T &amp;bogus; &amp;#xZZ; &amp;#;">';
    const doc = new JSDOM(`<!doctype html><html><head>${html}</head><body></body></html>`).window.document;
    expect(readMetadata(doc).excerpt).toBe("It's café ☺ ★ AT&T &bogus; &#xZZ; &#;");
  });
});
