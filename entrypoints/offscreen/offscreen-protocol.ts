// Messages from the background to Chrome's offscreen document: the work that needs a DOM, the word
// table or the Public Suffix List, kept out of the service worker that wakes on every page load.
import type { AnalysisRequest } from '../../lib/save/save-article';
import type { TagInput } from '../../lib/tags/index';

export type OffscreenRequest =
  | { target: 'offscreen'; type: 'prepare-html'; html: string; baseUrl: string }
  | { target: 'offscreen'; type: 'analyze-page'; req: AnalysisRequest }
  | { target: 'offscreen'; type: 'extract-html'; html: string; url: string }
  | { target: 'offscreen'; type: 'sync-round' };

const str = (v: unknown): v is string => typeof v === 'string';
const optStr = (v: unknown) => v === undefined || v === null || typeof v === 'string';

function isTagInput(v: unknown): v is TagInput {
  const t = v as Partial<TagInput> | null;
  return (
    !!t &&
    str(t.title) &&
    str(t.text) &&
    optStr(t.lang) &&
    optStr(t.siteName) &&
    optStr(t.url) &&
    optStr(t.byline) &&
    (t.publisherTags === undefined || (Array.isArray(t.publisherTags) && t.publisherTags.every(str)))
  );
}

function isAnalysisRequest(v: unknown): v is AnalysisRequest {
  const r = v as Partial<AnalysisRequest> | null;
  return !!r && str(r.url) && (r.canonicalUrl === null || str(r.canonicalUrl)) && isTagInput(r.tagInput);
}

/** The request, or null when the message is not exactly one of ours. */
export function parseOffscreenRequest(m: unknown): OffscreenRequest | null {
  const r = m as Record<string, unknown> | null;
  if (!r || typeof r !== 'object' || r.target !== 'offscreen') return null;
  switch (r.type) {
    case 'prepare-html':
      return str(r.html) && str(r.baseUrl) ? { target: 'offscreen', type: r.type, html: r.html, baseUrl: r.baseUrl } : null;
    case 'analyze-page':
      return isAnalysisRequest(r.req) ? { target: 'offscreen', type: r.type, req: r.req } : null;
    case 'extract-html':
      return str(r.html) && str(r.url) ? { target: 'offscreen', type: r.type, html: r.html, url: r.url } : null;
    case 'sync-round':
      return { target: 'offscreen', type: r.type };
    default:
      return null;
  }
}
