// @vitest-environment node
// JSON-LD blocks as CMSs write them: CDATA markers around the JSON (one marker alone too) are not JSON.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { jsonLdObjects } from '../../lib/page-meta/index';

const json = JSON.stringify({ '@type': 'Article', headline: 'River rises' });
const objects = (block: string) =>
  jsonLdObjects(new JSDOM(`<!doctype html><head><script type="application/ld+json">${block}</script></head>`).window.document);

describe('jsonLdObjects', () => {
  it('strips CDATA markers, commented or not, also when only one of them is there', () => {
    const want = [{ '@type': 'Article', headline: 'River rises' }];
    expect(objects(`//<![CDATA[\n${json}\n//]]>`)).toEqual(want);
    expect(objects(`<![CDATA[${json}]]>`)).toEqual(want);
    expect(objects(`  <![CDATA[\n${json}`)).toEqual(want);
    expect(objects(`${json}\n// ]]>  `)).toEqual(want);
  });

  it('reads a block without markers as it is, and skips a broken one', () => {
    expect(objects(json)).toEqual([{ '@type': 'Article', headline: 'River rises' }]);
    expect(objects('{"@type": "Article", ')).toEqual([]);
  });
});
