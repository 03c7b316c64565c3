import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { analyzePage } from '../../lib/save/analyze-page';
import { extractHtml } from '../offscreen/extract-html';
import type { DomWork } from './dom-work';

// Firefox: the MV2 background page has a DOM, so the work happens right here.
export const inPlaceWork: DomWork = {
  prepareHtml: async (html, baseUrl) => prepareStoredHtml(html, window, baseUrl),
  analyzePage: async (req) => analyzePage(req),
  extractHtml: async (html, url) => extractHtml(html, url, window),
};
