// Paths and loaders for the shared, read-only corpora (../shared relative to the repo root, or GIST_SHARED).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** ../shared next to the repository; GIST_SHARED points elsewhere (e.g. from a git worktree). */
export const SHARED = process.env.GIST_SHARED ? resolve(process.env.GIST_SHARED) : resolve(REPO_ROOT, '../shared');
export const ZYTE_DIR = join(SHARED, 'corpora/zyte-article-extraction');
export const DETECT_DIR = join(SHARED, 'corpora/article-detection');
export const READABILITY_DIR = join(SHARED, 'corpora/readability-test-pages');
export const SCORER = join(SHARED, 'tools/score-extraction.mjs');
/** The URL Readability's own test generator parses its pages with (see the corpus' PROVENANCE.md). */
export const READABILITY_PAGE_URL = 'http://fakehost/test/page.html';

export const haveZyte = (): boolean => existsSync(join(ZYTE_DIR, 'ground-truth.json'));
export const haveDetect = (): boolean => existsSync(join(DETECT_DIR, 'labels.json'));
export const haveReadabilityPages = (): boolean => existsSync(join(READABILITY_DIR, 'pages'));

export interface ZytePage {
  id: string;
  file: string;
  url: string;
  truth: string;
}

export function zytePages(): ZytePage[] {
  const gt = JSON.parse(readFileSync(join(ZYTE_DIR, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  return Object.keys(gt)
    .sort()
    .map((id) => ({ id, file: join(ZYTE_DIR, 'html', `${id}.html.gz`), url: gt[id].url, truth: gt[id].articleBody }));
}

export interface DetectPage {
  id: string;
  file: string;
  url: string | null;
  article: boolean;
  kind: string;
}

export function detectPages(): DetectPage[] {
  const labels = JSON.parse(readFileSync(join(DETECT_DIR, 'labels.json'), 'utf8')) as Record<
    string,
    { label: string; kind: string; url: string | null }
  >;
  return Object.keys(labels)
    .sort()
    .map((id) => ({
      id,
      file: join(DETECT_DIR, 'pages', `${id}.html.gz`),
      url: labels[id].url,
      article: labels[id].label === 'article',
      kind: labels[id].kind,
    }));
}

/** What Readability's maintainers reviewed for a test page (expected-metadata.json). */
export interface ReadabilityExpected {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  lang: string | null;
  dir: string | null;
  publishedTime: string | null;
  readerable: boolean;
}
export interface ReadabilityPage {
  slug: string;
  file: string;
  expected: ReadabilityExpected;
}

/** Mozilla Readability's test pages, by folder slug (sorted). */
export function readabilityPages(): ReadabilityPage[] {
  const dir = join(READABILITY_DIR, 'pages');
  return readdirSync(dir)
    .sort()
    .filter((slug) => existsSync(join(dir, slug, 'expected-metadata.json')))
    .map((slug) => ({
      slug,
      file: join(dir, slug, 'source.html'),
      expected: JSON.parse(readFileSync(join(dir, slug, 'expected-metadata.json'), 'utf8')) as ReadabilityExpected,
    }));
}

export type ScoreResult = {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  pages: number;
  below08: number;
  perPage: Record<string, number>;
};
type ScoreFn = (truth: Record<string, { articleBody: string }>, pred: Record<string, { articleBody: string }>) => ScoreResult;

/** The shared scorer's `score` (Zyte benchmark metric), imported at run time from ../shared. */
export async function loadScorer(): Promise<ScoreFn> {
  const mod = (await import(SCORER)) as { score: ScoreFn };
  return mod.score;
}

export const quantile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : NaN;
};
export const median = (xs: number[]): number => quantile(xs, 0.5);
