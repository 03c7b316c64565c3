// The Zyte pages as bench:tags scores them: publisher tags as gold with every tag source stripped from
// the input, and all pages with their metadata left in (as the popup sees them). Parsing and extraction
// take most of a bench run, hence the optional cache file.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { collectPublisherTags, rawPublisherTags, TAG_META_KEYS } from '../../lib/tags/publisher-tags';
import { extractArticle } from '../../lib/extract/index';
import type { Doc } from './tag-corpora';

/** Where a page's text comes from: the extraction, or Zyte's ground-truth articleBody. */
export type TextSource = 'extract' | 'ground-truth';

export interface ZytePrepared {
  docs: Doc[];
  withMeta: Doc[];
  header: string[];
}

/** The prepared inputs, read from `cache` when it holds them for this text source, else prepared (and written there). */
export function loadZyteInputs(zyteDir: string, textSource: TextSource, cache: string): ZytePrepared {
  const cacheFile = cache ? resolve(cache) : '';
  let prepared: ZytePrepared | null = null;
  if (cacheFile && existsSync(cacheFile)) {
    const c = JSON.parse(readFileSync(cacheFile, 'utf8')) as ZytePrepared & { text: string };
    if (c.text === textSource) prepared = c;
  }
  if (!prepared) {
    prepared = prepareZyte(zyteDir, textSource);
    if (cacheFile) writeFileSync(cacheFile, JSON.stringify({ ...prepared, text: textSource }));
  }
  return prepared;
}

// Everything collectPublisherTags reads, so the input carries no tag metadata.
const TAG_META = new Set(TAG_META_KEYS);
function stripTagMetadata(doc: Document): void {
  for (const m of [...doc.getElementsByTagName('meta')]) {
    if ([m.getAttribute('property'), m.getAttribute('name')].some((k) => k && TAG_META.has(k.trim().toLowerCase()))) m.remove();
  }
  for (const a of doc.querySelectorAll('a[rel~="tag"]')) a.removeAttribute('rel');
  const strip = (v: unknown, depth: number): void => {
    if (depth > 8 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((x) => strip(x, depth + 1));
      return;
    }
    const o = v as Record<string, unknown>;
    delete o.keywords;
    delete o.about;
    delete o.articleSection;
    Object.values(o).forEach((x) => strip(x, depth + 1));
  };
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const raw = s.textContent ?? '';
    let data: unknown;
    // Same retry as lib/page-meta's jsonLdObjects: raw control characters removed.
    try {
      data = JSON.parse(raw);
    } catch {
      try {
        data = JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' '));
      } catch {
        continue; /* ignored by the reader too */
      }
    }
    strip(data, 0);
    s.textContent = JSON.stringify(data);
  }
}

/** Title, text, site name and byline of a page (text: the extraction, or Zyte's ground truth). */
function extractFor(doc: Document, dom: JSDOM, gt: { articleBody: string; url: string }, textSource: TextSource) {
  let title = doc.querySelector('meta[property="og:title"]')?.getAttribute('content')?.trim() || doc.title.trim();
  let text = gt.articleBody;
  let siteName: string | null = null;
  let byline: string | null = null;
  let failed = false;
  try {
    const art = extractArticle(doc, { url: gt.url, window: dom.window as unknown as Window });
    if (art) {
      if (textSource === 'extract') {
        text = art.text;
        title = art.title || title;
      }
      siteName = art.siteName;
      byline = art.byline;
    } else failed = true;
  } catch {
    failed = true;
  }
  return { title, text, siteName, byline, failed: failed && textSource === 'extract' };
}

function prepareZyte(zyteDir: string, textSource: TextSource): ZytePrepared {
  const truth = JSON.parse(readFileSync(join(zyteDir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  const files = readdirSync(join(zyteDir, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort();
  const docs: Doc[] = [];
  const withMeta: Doc[] = [];
  let withTags = 0;
  let leaked = 0;
  let extractFailed = 0;
  let cssRetries = 0;
  const langs = new Map<string, number>();
  for (const f of files) {
    const id = f.replace(/\.html\.gz$/, '');
    const gt = truth[id];
    if (!gt) continue;
    const html = new TextDecoder('utf-8').decode(gunzipSync(readFileSync(join(zyteDir, 'html', f))));
    let dom: JSDOM;
    try {
      dom = new JSDOM(html, { url: gt.url, virtualConsole: new VirtualConsole() });
    } catch {
      // jsdom's CSS parser throws on some stylesheets; styles do not matter here.
      dom = new JSDOM(html.replace(/<style[\s\S]*?<\/style>/gi, ''), { url: gt.url, virtualConsole: new VirtualConsole() });
      cssRetries++;
    }
    const doc = dom.window.document;
    const gold = collectPublisherTags(doc);
    // As the popup sees the page: raw declared tags, then the same extraction.
    const publisherTags = rawPublisherTags(doc);
    const meta = extractFor(doc, dom, gt, textSource);
    withMeta.push({
      id,
      input: {
        title: meta.title,
        text: meta.text,
        lang: doc.documentElement.getAttribute('lang'),
        publisherTags,
        siteName: meta.siteName,
        byline: meta.byline,
        url: gt.url,
      },
      gold,
    });
    const lang = (doc.documentElement.getAttribute('lang') ?? '').slice(0, 2).toLowerCase() || '?';
    if (gold.length) {
      withTags++;
      langs.set(lang, (langs.get(lang) ?? 0) + 1);
    }
    if (!gold.length) {
      dom.window.close();
      continue;
    }
    stripTagMetadata(doc);
    if (collectPublisherTags(doc).length) leaked++;
    const art = extractFor(doc, dom, gt, textSource);
    if (art.failed) extractFailed++;
    docs.push({
      id,
      input: {
        title: art.title,
        text: art.text,
        lang: doc.documentElement.getAttribute('lang'),
        publisherTags: [],
        siteName: art.siteName,
        byline: art.byline,
        url: gt.url,
      },
      gold,
    });
    dom.window.close();
  }
  const header = [
    `Zyte: ${files.length} pages; ${withTags} have publisher tags in their metadata (left in), by page lang: ${[...langs]
      .sort((a, b) => b[1] - a[1])
      .map(([l, n]) => `${l} ${n}`)
      .join(', ')}`,
    `Zyte: scoring those ${docs.length} with tag metadata stripped (still found after stripping: ${leaked}; ${cssRetries} pages parsed without <style> after a jsdom CSS error); text = ${textSource === 'extract' ? `extractArticle(doc).text (lib/extract; fell back to ground-truth articleBody on ${extractFailed})` : 'Zyte ground-truth articleBody'}`,
  ];
  return { docs, withMeta, header };
}
