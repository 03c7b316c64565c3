// Extraction CLI: runs the extension's detection + extraction on saved pages under Node/jsdom.
// usage: npm run --silent extract -- [--url URL] FILE.html[.gz]...
// One file → one JSON object; several → JSON Lines, each with "file". A file that cannot be read or
// parsed gives {"file","error"}; the others still run and the exit code is 1 at the end.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { articleRecord } from './lib/article-record';
import { loadPage } from './lib/load-page';

const USAGE = 'usage: npm run --silent extract -- [--url URL] FILE.html[.gz]...';
const HELP = `${USAGE}

Runs Gist's detection and extraction on saved pages. One file prints one JSON object; several print
JSON Lines, each with "file". Fields: url, isArticle, title, byline, siteName, lang, publishedTime,
excerpt, text, content, wordCount, readingMinutes, tags (and "warning" when no article body was found).

url is the key the extension would store the article under: the page's rel=canonical (else og:url)
when it is on the page's own site (same registrable domain by the Public Suffix List, same host or a
parent/child of it), else the page URL; normalised (tracking parameters, fragment, default port and
trailing slash dropped).

--url URL  the address the page was saved from (one file only). Without it, a page is taken to live
           at its own absolute rel=canonical (else og:url), so links resolve there and url is that
           address, normalised; a page naming neither gets its file's own file:// URL.`;

function parseArgs(argv: string[]): { url?: string; files: string[] } {
  const files: string[] = [];
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--url') {
      url = argv[++i];
      if (!url) throw new Error('--url needs a value');
    } else if (a.startsWith('--url=')) url = a.slice(6);
    else if (a === '-h' || a === '--help') {
      console.log(HELP);
      process.exit(0);
    } else if (a === '--') continue;
    else files.push(a);
  }
  if (url !== undefined) {
    try {
      new URL(url);
    } catch {
      throw new Error(`--url is not an absolute URL: ${url}`);
    }
  }
  return { url, files };
}

function main(): number {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { url, files } = args;
  if (files.length === 0) {
    console.error(USAGE);
    return 2;
  }
  if (url && files.length > 1) {
    console.error('--url applies to a single file');
    return 2;
  }
  const many = files.length > 1;
  let failed = false;
  for (const file of files) {
    let line: string;
    try {
      const dom = loadPage(file, url);
      try {
        const doc = dom.window.document;
        // No --url and no address in the page: the file's own URL, as a browser tab showing it would have.
        const pageUrl = url ?? (doc.URL === 'about:blank' ? pathToFileURL(resolve(file)).href : doc.URL);
        const rec = articleRecord(doc, dom.window as unknown as Window, url, pageUrl);
        line = JSON.stringify(many ? { file, ...rec } : rec);
      } finally {
        dom.window.close();
      }
    } catch (e) {
      failed = true;
      const err = e as NodeJS.ErrnoException;
      const msg =
        err.code === 'ENOENT'
          ? 'file not found'
          : err.code === 'EISDIR'
            ? 'is a directory'
            : err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR'
              ? `not valid gzip: ${err.message}`
              : `${err.name ?? 'Error'}: ${err.message}`;
      line = JSON.stringify({ file, error: msg });
    }
    process.stdout.write(line + '\n');
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
