// The pages compare-meta.ts and audit-body.ts go through: one half of the Zyte pages, the
// article-labelled detection pages and Readability's test pages, with a reference body where the
// corpus has one (Zyte's ground truth), and the text normalisation both compare with.
import { detectPages, READABILITY_PAGE_URL, readabilityPages, zytePages } from './corpora';
import { pageHalf, type Half } from './splits';

export interface AuditPage {
  corpus: string;
  id: string;
  file: string;
  url: string;
  truth: string | null;
}

export function auditPages(corpora: string[], half: Half): AuditPage[] {
  const pages: AuditPage[] = [];
  if (corpora.includes('zyte'))
    for (const p of zytePages())
      if (pageHalf('zyte', p.id) === half) pages.push({ corpus: 'zyte', id: p.id, file: p.file, url: p.url, truth: p.truth });
  if (corpora.includes('detect'))
    for (const p of detectPages())
      if (p.article && pageHalf('detection', p.id) === half)
        pages.push({ corpus: 'detect', id: p.id, file: p.file, url: p.url ?? 'http://fakehost/page.html', truth: null });
  if (corpora.includes('readability'))
    for (const p of readabilityPages())
      if (pageHalf('readability', p.slug) === half)
        pages.push({ corpus: 'readability', id: p.slug, file: p.file, url: READABILITY_PAGE_URL, truth: null });
  return pages;
}

/** Unicode NFC, whitespace runs to one space, trimmed. */
export const norm = (s: string | null | undefined): string => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
/** Letters and digits only, lower case: what a paragraph or a lead is matched by. */
export const letterKey = (s: string): string =>
  norm(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
