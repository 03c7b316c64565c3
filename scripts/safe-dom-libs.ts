// A build step (wxt.config.ts) that takes the last HTML-string sinks out of the libraries bundled into
// Gist, so AMO's linter (`web-ext lint --warnings-as-errors`, scripts/lint-firefox.mjs) has nothing to
// flag and no exception list is needed. Each rewrite either keeps the library's behaviour exactly (the
// same DOM, built without assigning innerHTML) or removes a path Gist never takes, which then fails
// loudly instead of parsing a string. tests/unit/safe-dom-libs.test.ts runs the rewritten libraries
// against the originals. A rewrite whose code is no longer found (a package update) fails the build.
import type { Plugin } from 'vite';

interface Rewrite {
  /** The exact source text, found exactly once. */
  find: string;
  replace: string;
}

interface LibraryPatch {
  /** Path suffix of the module inside node_modules (both entry builds where a package ships two). */
  files: RegExp;
  /** Code added at the end of the module (hoisted helpers the rewrites call; no line moves). */
  append?: string;
  rewrites: Rewrite[];
}

// `el.innerHTML = html` without innerHTML: the same nodes, from a document parse that starts in the body
// ("in body" insertion mode, as a fragment parse in a <div> or <body> is), in the element document's quirks
// mode (which decides whether <table> closes an open <p>). Both parses run with scripting disabled: a
// DOMParser document, and the windowless documents Readability is given (Gist hands it a
// createHTMLDocument copy), so <noscript> contents are markup in both.
const PARSE_INTO = `
function __gistParseInto(el, html) {
  var doc = el.ownerDocument;
  var prefix = doc.compatMode === "BackCompat" ? "<body>" : "<!DOCTYPE html><body>";
  var body = new DOMParser().parseFromString(prefix + html, "text/html").body;
  el.textContent = "";
  while (body.firstChild) el.appendChild(body.firstChild);
}
`;

export const LIBRARY_PATCHES: Record<string, LibraryPatch> = {
  // Readability re-parses its own serialization of the page it is given (a detached copy).
  '@mozilla/readability': {
    files: /\/node_modules\/@mozilla\/readability\/Readability\.js$/,
    append: PARSE_INTO,
    rewrites: [
      // The page restored from its cached HTML before another attempt with looser rules.
      { find: 'page.innerHTML = pageCacheHtml;', replace: '__gistParseInto(page, pageCacheHtml);' },
      // A <noscript> holding a single image, parsed to replace the lazy placeholder before it.
      { find: 'tmp.innerHTML = noscript.innerHTML;', replace: '__gistParseInto(tmp, noscript.innerHTML);' },
    ],
  },
  // Only when DOMParser is missing or fails, or a non-HTML NAMESPACE is configured: neither happens in
  // Gist (every context that sanitizes has DOMParser; the config keeps the HTML namespace). That fallback
  // parsed the dirty string with innerHTML into an XML document, which in the HTML namespace has no
  // <body>: sanitize() silently returned ''. It now throws, saying why, instead.
  dompurify: {
    files: /\/node_modules\/dompurify\/dist\/purify\.es\.mjs$/,
    rewrites: [
      {
        find: `\t\tif (!doc || !doc.documentElement) {
\t\t\tdoc = implementation.createDocument(NAMESPACE, "template", null);
\t\t\ttry {
\t\t\t\tdoc.documentElement.innerHTML = IS_EMPTY_INPUT ? emptyHTML : dirtyPayload;
\t\t\t} catch (_) {}
\t\t}`,
        replace: `\t\tif (!doc || !doc.documentElement) throw new TypeError("DOMPurify (Gist build): DOMParser could not parse the input (or NAMESPACE is not HTML); the innerHTML fallback is removed");`,
      },
    ],
  },
  // PouchDB compiles map/reduce and filter functions given as strings (design documents) with the
  // Function constructor. Gist's sync never queries views or filters by string, and extension pages'
  // CSP refuses eval anyway: the path now throws, saying why, and AMO's linter has no eval to flag.
  'pouchdb-browser': {
    files: /\/node_modules\/pouchdb-browser\/lib\/index\.es\.js$/,
    rewrites: [
      {
        find: 'return Function.apply(null, keys).apply(null, values);',
        replace:
          'throw new Error("PouchDB (Gist build): functions given as strings (design documents) are disabled; extension pages may not evaluate code");',
      },
    ],
  },
  // Preact's dangerouslySetInnerHTML: Gist never uses it (ESLint forbids it), so setting it throws.
  preact: {
    files: /\/node_modules\/preact\/dist\/preact\.(?:module\.js|mjs)$/,
    rewrites: [
      {
        find: '(u.innerHTML=h.__html)',
        replace:
          '(function(){throw new Error("Gist build: dangerouslySetInnerHTML is disabled (no HTML-string sinks); render nodes instead")})()',
      },
    ],
  },
};

/** The patched source of `id`, or null when no patch targets it. Throws when a rewrite finds no code. */
export function patchLibrarySource(code: string, id: string): string | null {
  if (id.startsWith('\0')) return null; // a bundler's virtual module (e.g. the CommonJS proxy), not the file
  const path = id.split('?')[0].replaceAll('\\', '/');
  for (const [pkg, patch] of Object.entries(LIBRARY_PATCHES)) {
    if (!patch.files.test(path)) continue;
    let out = code;
    for (const r of patch.rewrites) {
      const at = out.indexOf(r.find);
      if (at < 0 || out.indexOf(r.find, at + 1) >= 0) {
        throw new Error(
          `safe-dom-libs: ${pkg} (${path}) no longer contains exactly one ${JSON.stringify(r.find.slice(0, 80))}; ` +
            'the package changed: check the new code for innerHTML and update scripts/safe-dom-libs.ts',
        );
      }
      out = out.slice(0, at) + r.replace + out.slice(at + r.find.length);
    }
    return out + (patch.append ?? '');
  }
  return null;
}

export function safeDomLibs(): Plugin {
  return {
    name: 'gist:safe-dom-libs',
    enforce: 'pre',
    transform(code, id) {
      const out = patchLibrarySource(code, id);
      // No source map: only columns move, on the few rewritten lines.
      return out === null ? null : { code: out, map: null };
    },
  };
}
