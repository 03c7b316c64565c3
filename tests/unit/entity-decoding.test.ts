// @vitest-environment node
// HTML entities left in text after the HTML parser (feeds, double-escaped <meta>, JSON-LD strings):
// named, decimal and hex references decode; malformed ones stay as written. In the tab (and jsdom) the
// page's own parser decodes them as an attribute value; without a DOM, the `entities` package does.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { readMetadata } from '../../lib/extract/metadata';
import { attributeDecoder } from '../../lib/page-meta/decode';
import { filterPublisherTags, rawPublisherTags } from '../../lib/tags/publisher-tags';
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

describe('publisher tags read in the tab', () => {
  it("are decoded by the document's parser as attribute values, twice escaped too", () => {
    // The DOM value of content is "Caf&eacute; Culture, Barnes &notable Books, Q&amp A, Bones&#039 Star, ...".
    const content =
      'Caf&amp;eacute; Culture, Barnes &amp;notable Books, Q&amp;amp A, Bones&amp;#039 Star, Caf&amp;#xE9; Society, Bad &amp;#xZZ Ref';
    const doc = new JSDOM(`<!doctype html><html><head><meta name="news_keywords" content="${content}"></head><body></body></html>`).window
      .document;
    expect(rawPublisherTags(doc)).toEqual([
      'Café Culture',
      'Barnes &notable Books',
      'Q& A',
      "Bones' Star",
      'Café Society',
      'Bad &#xZZ Ref',
    ]);
  });

  it('the DOM decoder keeps a quote, markup and a lone "&" as text', () => {
    const decode = attributeDecoder(new JSDOM('').window.document);
    expect(decode('Say "hi" &amp; <b onclick="x()">bye</b> & AT&T')).toBe('Say "hi" & <b onclick="x()">bye</b> & AT&T');
    expect(decode('&notable &not; &not')).toBe('&notable ¬ ¬'); // as in an attribute, not as in text ("¬able")
  });

  it('makes no document for a string with no reference start (a parse costs ~1 ms cold), and gives what the parser gives', () => {
    const win = new JSDOM('').window;
    let parses = 0;
    const Real = win.DOMParser;
    const counting = class extends Real {
      override parseFromString(s: string, type: DOMParserSupportedType) {
        parses++;
        return super.parseFromString(s, type);
      }
    };
    Object.defineProperty(win, 'DOMParser', { value: counting });
    const decode = attributeDecoder(win.document);
    // "&" + space, digit, punctuation or the end: never a reference.
    for (const s of ['Tom & Jerry', 'R&1 & 2&', 'Q & A? 3&4 +&-', 'a &; b &. c &']) expect(decode(s)).toBe(s);
    expect(parses).toBe(0);
    // A reference start, or a CR the parser turns into LF: parsed, as before.
    expect(decode('AT&T &amp;')).toBe('AT&T &');
    expect(decode('Tom & Jerry\r\nagain')).toBe('Tom & Jerry\nagain');
    expect(parses).toBe(2);
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
    const html =
      '<meta name="description" content="It&amp;amp;#39;s caf&amp;eacute; &amp;#x263A; &amp;#9733; AT&amp;T &amp;bogus; &amp;#xZZ; &amp;#;">';
    const doc = new JSDOM(`<!doctype html><html><head>${html}</head><body></body></html>`).window.document;
    expect(readMetadata(doc).excerpt).toBe("It's café ☺ ★ AT&T &bogus; &#xZZ; &#;");
  });

  it('decodes as an attribute value: "&notable" stays, "&amp " is forgiven its missing ";"', () => {
    const html = '<meta name="description" content="Barnes &amp;notable Books: Q&amp;amp A">';
    const doc = new JSDOM(`<!doctype html><html><head>${html}</head><body></body></html>`).window.document;
    expect(readMetadata(doc).excerpt).toBe('Barnes &notable Books: Q& A');
  });
});
