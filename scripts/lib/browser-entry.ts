// esbuild entry for the in-browser benchmarks: our extractor and detector as one IIFE global.
import { detectArticle } from '../../lib/detect/index';
import { extractArticle } from '../../lib/extract/index';
import { sanitizeArticleHtml } from '../../lib/sanitize/sanitize-html';

(globalThis as unknown as { __gist: unknown }).__gist = { extractArticle, detectArticle, sanitizeArticleHtml };
