// The background's gate: every message is parsed against the typed protocol and checked against who
// sent it before anything touches the database or the badge.
import { describe, expect, it } from 'vitest';
import { classifySender, isAllowed, parseRequest, type Request, type SenderInfo } from '../../lib/messaging/protocol';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const kindOf = (s: SenderInfo) => classifySender(s, ID, ORIGIN);

const popup: SenderInfo = { id: ID, url: `${ORIGIN}popup.html?tabId=3` };
const libraryTab: SenderInfo = { id: ID, url: `${ORIGIN}library.html#article/4`, tab: { id: 9 }, frameId: 0 };
const contentScript: SenderInfo = { id: ID, url: 'https://news.example/story', tab: { id: 5 }, frameId: 0 };

const valid: Request[] = [
  { type: 'detect:report', url: 'https://news.example/story', isArticle: true, wordCount: 1200 },
  { type: 'detect:report', url: 'https://news.example/story', isArticle: true, wordCount: 10, cjkChars: 2400 },
  { type: 'detect:report', url: 'https://news.example/story', isArticle: true, wordCount: 900, cjkChars: 0, images: 2, counted: true },
  { type: 'popup:preview', tabId: 5 },
  { type: 'article:save', tabId: 5 },
  { type: 'article:save', tabId: 5, tags: ['bees', 'cities'] },
  { type: 'detect:report', url: 'https://news.example/story?x=1', isArticle: false, wordCount: 0, canonical: 'https://news.example/story' },
  { type: 'article:save-link', tabId: 5 },
  { type: 'article:remove', id: 12 },
  { type: 'article:remove', id: 12, tabId: 5 },
  { type: 'article:set-tags', id: 12, tags: ['x'] },
];

describe('parseRequest', () => {
  it('accepts each well-formed request and returns exactly its fields', () => {
    for (const r of valid) expect(parseRequest(r)).toEqual(r);
  });

  it('drops unknown extra fields instead of passing them on', () => {
    const parsed = parseRequest({ type: 'article:remove', id: 3, sql: 'DROP', __proto__: { admin: true } });
    expect(parsed).toEqual({ type: 'article:remove', id: 3 });
    expect(Object.keys(parsed!)).toEqual(['type', 'id']);
  });

  it('trims user tags', () => {
    expect(parseRequest({ type: 'article:set-tags', id: 1, tags: [' a ', 'b'] })).toEqual({
      type: 'article:set-tags',
      id: 1,
      tags: ['a', 'b'],
    });
  });

  it.each([
    ['null', null],
    ['a string', 'article:save'],
    ['an array', [{ type: 'article:save', tabId: 1 }]],
    ['no type', { tabId: 1 }],
    ['unknown type', { type: 'db:clear' }],
    ['type with different case', { type: 'Article:Save', tabId: 1 }],
    ['non-string type', { type: 7 }],
    ['negative tab id', { type: 'article:save', tabId: -1 }],
    ['fractional tab id', { type: 'popup:preview', tabId: 1.5 }],
    ['string tab id', { type: 'article:save', tabId: '1' }],
    ['NaN id', { type: 'article:remove', id: Number.NaN }],
    ['huge id', { type: 'article:remove', id: 2 ** 60 }],
    ['missing id', { type: 'article:remove' }],
    ['bad remove tab', { type: 'article:remove', id: 1, tabId: -1 }],
    ['save-link without tab', { type: 'article:save-link' }],
    ['canonical not a string', { type: 'detect:report', url: 'https://a.example/', isArticle: true, wordCount: 1, canonical: 5 }],
    ['huge canonical', { type: 'detect:report', url: 'https://a.example/', isArticle: true, wordCount: 1, canonical: 'x'.repeat(9000) }],
    ['tags not an array', { type: 'article:set-tags', id: 1, tags: 'a,b' }],
    ['non-string tag', { type: 'article:set-tags', id: 1, tags: ['a', 3] }],
    ['empty tag', { type: 'article:set-tags', id: 1, tags: ['  '] }],
    ['overlong tag', { type: 'article:save', tabId: 1, tags: ['x'.repeat(101)] }],
    ['too many tags', { type: 'article:save', tabId: 1, tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }],
    ['save with null tags', { type: 'article:save', tabId: 1, tags: null }],
    ['report without url', { type: 'detect:report', isArticle: true, wordCount: 3 }],
    ['report with huge url', { type: 'detect:report', url: `https://x.example/${'a'.repeat(9000)}`, isArticle: true, wordCount: 3 }],
    ['report with string boolean', { type: 'detect:report', url: 'https://x.example/', isArticle: 'true', wordCount: 3 }],
    ['report with negative count', { type: 'detect:report', url: 'https://x.example/', isArticle: true, wordCount: -5 }],
    [
      'report with a string counted flag',
      { type: 'detect:report', url: 'https://x.example/', isArticle: true, wordCount: 5, counted: 'yes' },
    ],
    ['report with a string CJK count', { type: 'detect:report', url: 'https://x.example/', isArticle: true, wordCount: 5, cjkChars: '9' }],
    ['offscreen message', { target: 'offscreen', type: 'prepare-html', html: '<p>', baseUrl: 'https://x.example/' }],
  ])('refuses %s', (_label, msg) => {
    expect(parseRequest(msg)).toBeNull();
  });
});

describe('classifySender', () => {
  it('recognizes our extension pages, in the popup or open in a tab', () => {
    expect(kindOf(popup)).toBe('extension-page');
    expect(kindOf(libraryTab)).toBe('extension-page');
    expect(kindOf({ id: ID, url: `${ORIGIN}offscreen.html` })).toBe('extension-page');
  });

  it('recognizes our content script in the top frame of a web page', () => {
    expect(kindOf(contentScript)).toBe('content-script');
    expect(kindOf({ ...contentScript, url: 'http://127.0.0.1:8080/a.html' })).toBe('content-script');
  });

  it.each<[string, SenderInfo]>([
    // A web page cannot reach runtime.onMessage at all (no externally_connectable); if anything ever
    // delivered one, it would carry no extension id or a foreign one.
    ['a web page (no extension id)', { url: 'https://evil.example/', tab: { id: 5 }, frameId: 0 }],
    ['another extension', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/bg.js' }],
    ['another extension claiming our origin', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${ORIGIN}popup.html` }],
    ['our id but another extension origin', { id: ID, url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/popup.html' }],
    ['an origin that merely starts like ours', { id: ID, url: `chrome-extension://${ID}.evil.example/` }],
    ['no url', { id: ID }],
    ['our content script in a subframe', { ...contentScript, frameId: 2 }],
    ['a content script without a tab', { id: ID, url: 'https://news.example/', frameId: 0 }],
    ['a content script on a file: page', { ...contentScript, url: 'file:///etc/passwd' }],
    ['a content script on a data: page', { ...contentScript, url: 'data:text/html,<script>1</script>' }],
    ['a content script on a javascript: url', { ...contentScript, url: 'javascript:alert(1)' }],
  ])('treats %s as unknown', (_label, sender) => {
    expect(kindOf(sender)).toBe('unknown');
  });
});

describe('isAllowed', () => {
  const db = valid.filter((r) => r.type !== 'detect:report');
  const report = valid[0];

  it('lets extension pages use every database operation', () => {
    for (const r of db) expect(isAllowed(r, 'extension-page')).toBe(true);
  });

  it('never lets a content script preview, save, remove or retag (a hostile page controls its DOM)', () => {
    for (const r of db) expect(isAllowed(r, 'content-script')).toBe(false);
  });

  it('takes detection reports only from the content script', () => {
    expect(isAllowed(report, 'content-script')).toBe(true);
    expect(isAllowed(report, 'extension-page')).toBe(false);
    expect(isAllowed(report, 'unknown')).toBe(false);
  });

  it('refuses everything from unknown senders', () => {
    for (const r of valid) expect(isAllowed(r, 'unknown')).toBe(false);
  });

  it('gates end to end: parse, classify, allow', () => {
    const gate = (msg: unknown, s: SenderInfo) => {
      const r = parseRequest(msg);
      return !!r && isAllowed(r, kindOf(s));
    };
    expect(gate({ type: 'article:remove', id: 1 }, popup)).toBe(true);
    expect(gate({ type: 'article:remove', id: 1 }, contentScript)).toBe(false);
    expect(gate({ type: 'article:save', tabId: 5 }, contentScript)).toBe(false);
    expect(gate({ type: 'article:save-link', tabId: 5 }, contentScript)).toBe(false); // a page cannot add itself to the library
    expect(gate({ type: 'article:save', tabId: 5 }, { url: 'https://evil.example/' })).toBe(false);
    expect(gate({ type: 'detect:report', url: 'https://news.example/story', isArticle: true, wordCount: 9 }, contentScript)).toBe(true);
    expect(gate({ type: 'article:remove', id: '1 OR 1=1' }, popup)).toBe(false);
  });
});
