// Loading saved pages under Node: bytes → UTF-8 string → jsdom, with no page scripts, no network
// and no console noise. Shared by the extraction CLI, the benchmarks and the tests.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';

/** Reads a saved page (.html or .html.gz) and decodes it as UTF-8 whatever its <meta charset> says. */
export function readPageFile(file: string): string {
  const raw = readFileSync(file);
  // Sniff the gzip magic too, so a mis-named file still loads.
  const bytes = file.endsWith('.gz') || (raw[0] === 0x1f && raw[1] === 0x8b) ? gunzipSync(raw) : raw;
  return new TextDecoder('utf-8').decode(bytes); // drops a UTF-8 BOM, replaces invalid bytes
}

/**
 * Parses HTML with jsdom. Scripts are not run and no subresource is fetched (jsdom's defaults, made
 * explicit), and the virtual console swallows CSS parse errors and other jsdom noise.
 */
export function parsePage(html: string, url?: string): JSDOM {
  try {
    return newJsdom(html, url);
  } catch (e) {
    if (e instanceof TooDeepError) throw e;
    // jsdom's CSS code (cssstyle) throws on some real stylesheets and style attributes, e.g.
    // "border: inherit" shorthands. Styles do not matter for extraction: retry without them, keeping
    // inline display:none / visibility:hidden as the `hidden` attribute so hidden blocks stay hidden.
    const retry = stripStyles(html);
    if (retry === html) throw e;
    return newJsdom(retry, url);
  }
}

const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

export function stripStyles(html: string): string {
  return html
    .replace(/(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi, '$1$2')
    .replace(
      /(<[a-z][^\s>]*\s[^>]*?)\bstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi,
      (_m, head: string, val: string) => head + (HIDDEN_STYLE.test(val) ? 'hidden' : ''),
    );
}

function newJsdom(html: string, url?: string): JSDOM {
  const virtualConsole = new VirtualConsole();
  const dom = new JSDOM(html, {
    url: url && /^(?:https?|file):/i.test(url) ? url : 'about:blank',
    virtualConsole,
    runScripts: undefined,
    resources: undefined,
    pretendToBeVisual: false,
  });
  const depth = treeDepth(dom.window.document.documentElement, MAX_DEPTH);
  if (depth > MAX_DEPTH) {
    throw new TooDeepError(
      `could not extract: elements nest deeper than ${MAX_DEPTH} levels (browsers flatten such pages; jsdom cannot walk them)`,
    );
  }
  return dom;
}

export class TooDeepError extends Error {}

/** Browsers' HTML parsers stop nesting elements at this depth (Chromium: 512); parse5 does not. */
export const MAX_DEPTH = 512;

/**
 * Depth of the element tree, iteratively, stopping once past `limit`. jsdom's tree code recurses
 * through ancestors on every removal (and Readability walks ancestors), so a page of 10,000 nested
 * <div>s overflows the stack after a long wait; checking first gives a clear answer at once.
 */
export function treeDepth(root: Element | null, limit = Infinity): number {
  if (!root) return 0;
  let max = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length) {
    const [el, d] = stack.pop()!;
    if (d > max && (max = d) > limit) return max;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, d + 1]);
  }
  return max;
}

/**
 * Empties <style> blocks. Stylesheets never change what we extract or detect, and jsdom spends about a
 * third of its parse time on them; benchmarks and corpus tests use this to run faster.
 */
export function dropStylesheets(html: string): string {
  return html.replace(/(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi, '$1$2');
}

/** The page's own absolute URL (canonical link or og:url), for pages given without one. */
export function declaredUrl(doc: Document): string | null {
  const cands = [
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  for (const c of cands) {
    const v = c?.trim();
    if (!v) continue;
    const abs = v.startsWith('//') ? `https:${v}` : v;
    if (/^https?:\/\/[^/]/i.test(abs)) {
      try {
        return new URL(abs).href;
      } catch {
        /* try the next one */
      }
    }
  }
  return null;
}

/**
 * Loads a page and re-parses it with its declared URL when none was given, so links resolve.
 * `dropStyles` empties its <style> blocks first (see dropStylesheets), as benchmarks and corpus tests do.
 */
export function loadPage(file: string, url?: string, { dropStyles = false } = {}): JSDOM {
  const html = readPageFile(file);
  const dom = parsePage(dropStyles ? dropStylesheets(html) : html, url);
  if (!url) {
    const found = declaredUrl(dom.window.document);
    if (found) dom.reconfigure({ url: found });
  }
  return dom;
}
