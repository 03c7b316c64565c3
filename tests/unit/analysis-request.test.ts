import { describe, expect, it } from 'vitest';
import { analysisRequest, TAG_TEXT_MAX } from '../../lib/save/save-article';
import type { TabExtraction } from '../../lib/save/tab-extraction';

describe('analysisRequest', () => {
  it('tags a very long text from its opening only (a 20 MB page must not outlast the offscreen request)', () => {
    const text = 'word '.repeat(1_000_000);
    const ex = {
      url: 'https://example.com/a',
      detection: { isArticle: true, wordCount: 1_000_000, cjkChars: 0, score: 1 },
      article: { title: 'T', text, lang: 'en', publisherTags: [], siteName: null, byline: null, canonicalUrl: null },
    } as unknown as TabExtraction;
    const req = analysisRequest(ex)!;
    expect(req.tagInput.text.length).toBe(TAG_TEXT_MAX);
    expect(req.tagInput.text).toBe(text.slice(0, TAG_TEXT_MAX));
  });
});
