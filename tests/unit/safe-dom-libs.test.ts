// @vitest-environment jsdom
// The build's rewrites of Readability, DOMPurify and Preact (scripts/safe-dom-libs.ts, which leave AMO's
// linter nothing to flag) run here against the unmodified packages: the same articles, the same sanitized
// HTML, the same rendered DOM; the paths Gist never takes fail loudly instead of parsing a string.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY_PATCHES, patchLibrarySource } from '../../scripts/safe-dom-libs';
import { READABILITY_DIR } from '../../scripts/lib/corpora';
import { describeCorpus } from './corpus';

const require = createRequire(import.meta.url);
const fileOf = (spec: string) => require.resolve(spec);
const READABILITY = join(fileOf('@mozilla/readability'), '../Readability.js');
const PURIFY = join(fileOf('dompurify'), '../purify.es.mjs');
const PREACT = join(fileOf('preact'), '../preact.module.js');

function patched(file: string): string {
  const out = patchLibrarySource(readFileSync(file, 'utf8'), file);
  if (out === null) throw new Error(`no patch targets ${file}`);
  return out;
}

type ReadabilityCtor = new (doc: Document, opts?: object) => { parse(): { title: string; content: string; textContent: string } | null };
function loadReadability(code: string): ReadabilityCtor {
  const m = { exports: {} as unknown };
  new Function('module', 'exports', code)(m, m.exports);
  return m.exports as ReadabilityCtor;
}
/** A self-contained ES module (no imports, one trailing `export { a as b }`) evaluated from its text. */
function loadEsm<T>(code: string): T {
  const m = /export\s*\{([^}]*)\};?\s*(?:\/\/#[^\n]*\s*)*$/.exec(code);
  if (!m) throw new Error('no trailing export list');
  const names = m[1].split(',').map((e) => e.trim().split(/\s+as\s+/));
  const ret = `return {${names.map(([local, exported]) => `${JSON.stringify(exported ?? local)}: ${local}`).join(',')}};`;
  return new Function(code.slice(0, m.index) + ret)() as T;
}

const OriginalReadability = loadReadability(readFileSync(READABILITY, 'utf8'));
const PatchedReadability = loadReadability(patched(READABILITY));

/** Calls to DOMParser#parseFromString while `fn` runs (the rewritten paths parse through it). */
function countingParses<T>(fn: () => T): { value: T; parses: number } {
  const Real = globalThis.DOMParser;
  let parses = 0;
  globalThis.DOMParser = class extends Real {
    override parseFromString(s: string, type: DOMParserSupportedType) {
      parses++;
      return super.parseFromString(s, type);
    }
  };
  try {
    return { value: fn(), parses };
  } finally {
    globalThis.DOMParser = Real;
  }
}

/** Readability's result on `html` with the original and the rewritten code (each on its own parse). */
function bothReadabilities(html: string) {
  // A windowless document, as Gist gives Readability (lib/extract/core.ts readerClone).
  const doc = () => new DOMParser().parseFromString(html, 'text/html');
  const original = new OriginalReadability(doc()).parse();
  const run = countingParses(() => new PatchedReadability(doc()).parse());
  return { original, patched: run.value, parses: run.parses };
}

const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Sentence number ${i}, with a few words, and commas, in it.</p>`).join('');

describe('build rewrites of the bundled libraries (scripts/safe-dom-libs.ts)', () => {
  afterEach(() => document.body.replaceChildren());

  it('leaves no innerHTML assignment of a non-empty value in the rewritten packages', () => {
    for (const f of [READABILITY, PURIFY, PREACT]) {
      const sinks = [...patched(f).matchAll(/\.innerHTML\s*=(?!=)\s*([^;,)]{0,40})/g)].map((m) => m[1].trim());
      expect(
        sinks.filter((v) => v !== '""'),
        f,
      ).toEqual([]);
    }
  });

  it('fails the build, naming the package, when a rewrite no longer finds its code', () => {
    const code = readFileSync(READABILITY, 'utf8').replace('page.innerHTML = pageCacheHtml;', 'page.innerHTML = cache;');
    expect(() => patchLibrarySource(code, READABILITY)).toThrow(
      /@mozilla\/readability .*no longer contains exactly one "page\.innerHTML = pageCacheHtml;"/,
    );
    expect(patchLibrarySource('x', '/app/node_modules/other/index.js')).toBeNull();
    expect(patchLibrarySource('x', '\0' + READABILITY + '?commonjs-module')).toBeNull();
    expect(Object.keys(LIBRARY_PATCHES).sort()).toEqual(['@mozilla/readability', 'dompurify', 'pouchdb-browser', 'preact']);
  });

  it('PouchDB: no Function constructor left; a function given as a string throws, saying why', () => {
    const file = join(fileOf('pouchdb-browser'), '../index.es.js');
    const out = patchLibrarySource(readFileSync(file, 'utf8'), file)!;
    expect(out).not.toMatch(/^[^/]*\b(?:new Function\(|Function\.apply\()/m); // code, not the comment naming it
    const scopeEval = new Function(`${/function scopeEval\(source, scope\) \{[\s\S]*?\n\}/.exec(out)![0]}; return scopeEval;`)();
    expect(() => scopeEval('return 1', {})).toThrow(/functions given as strings .* are disabled/);
  });

  it('Readability: the same article when it restores the page between attempts and unwraps <noscript> images', () => {
    // Too short for the first attempt (500 characters): the page is restored from its HTML and tried again.
    const short = `<!doctype html><html><head><title>Short</title></head><body><div class="sidebar"><p>Side, side, side.</p></div>
      <article><p>A short piece, with commas, and some words.</p><img src="lazy.gif" class="lazy" data-x="1"><noscript><img src="real.jpg" alt="A"></noscript>
      <p>Second paragraph, with more words, and commas.</p></article></body></html>`;
    const r = bothReadabilities(short);
    expect(r.patched).toEqual(r.original);
    expect(r.original?.content).toContain('real.jpg'); // the <noscript> image replaced the placeholder
    expect(r.parses).toBeGreaterThanOrEqual(2); // the noscript parse and at least one restore
  });

  // jsdom's innerHTML parses fragments in no-quirks mode whatever the document's mode, so the rewrite's
  // quirks-mode prefix cannot be told apart here (leaving it out still passes): only equality is checked.
  it('Readability: the same article on a quirks-mode page restored between attempts, and on a long page', () => {
    const quirks = `<html><head><title>Q</title></head><body><div><p>Short text, with commas, here. <table><tr><td>cell, text, more</td></tr></table> after.</p></div></body></html>`;
    const d = new DOMParser().parseFromString(quirks, 'text/html');
    expect(d.compatMode).toBe('BackCompat');
    expect(d.querySelector('p table')).not.toBeNull();
    const r = bothReadabilities(quirks);
    expect(r.patched).toEqual(r.original);
    expect(r.parses).toBeGreaterThanOrEqual(1);
    const long = bothReadabilities(`<!doctype html><title>L</title><body><article>${filler(40)}</article>`);
    expect(long.patched).toEqual(long.original);
  });

  it('DOMPurify: the same output with DOMParser; without it, or with a non-HTML namespace, a clear error', () => {
    type Factory = (w: Window) => { sanitize(s: string, c?: object): string };
    const original = loadEsm<{ default: Factory }>(readFileSync(PURIFY, 'utf8')).default(window);
    const rewritten = loadEsm<{ default: Factory }>(patched(PURIFY)).default(window);
    const samples = [
      '<p>ok<img src=x onerror=alert(1)></p>',
      '<svg><g onload=alert(1)><a href="javascript:x">a</a></g></svg>',
      '<table><tr><td>x<script>y</script>',
      '',
    ];
    for (const s of samples) expect(rewritten.sanitize(s)).toBe(original.sanitize(s));
    // A window whose DOMParser fails: the original's innerHTML fallback parses into an XML document that
    // has no <body>, so it silently returns nothing; the rewrite says why.
    const broken = new Proxy(window, {
      get: (t, k) =>
        k === 'DOMParser'
          ? class {
              parseFromString(): Document {
                throw new Error('no parser');
              }
            }
          : (Reflect.get(t, k) as unknown),
    });
    const fallback = loadEsm<{ default: Factory }>(readFileSync(PURIFY, 'utf8')).default(broken);
    expect(fallback.sanitize('<p>ok</p>')).toBe('');
    const noFallback = loadEsm<{ default: Factory }>(patched(PURIFY)).default(broken);
    expect(() => noFallback.sanitize('<p>ok</p>')).toThrow(/DOMParser could not parse the input.*innerHTML fallback is removed/);
    expect(original.sanitize('<circle/>', { NAMESPACE: 'http://www.w3.org/2000/svg' })).toBe(
      '<circle xmlns="http://www.w3.org/2000/svg"/>',
    );
    expect(() => rewritten.sanitize('<circle/>', { NAMESPACE: 'http://www.w3.org/2000/svg' })).toThrow(/innerHTML fallback is removed/);
  });

  it('Preact: renders the same DOM; dangerouslySetInnerHTML throws instead of assigning innerHTML', () => {
    type P = typeof import('preact');
    const a = loadEsm<P>(readFileSync(PREACT, 'utf8'));
    const b = loadEsm<P>(patched(PREACT));
    const tree = (p: P) =>
      p.h('div', { class: 'x', title: 't' }, p.h('p', null, 'text <b>not markup</b>'), p.h('img', { src: 'a.png', alt: '' }));
    const ra = document.createElement('div');
    const rb = document.createElement('div');
    a.render(tree(a), ra);
    b.render(tree(b), rb);
    expect(rb.innerHTML).toBe(ra.innerHTML);
    // eslint-disable-next-line no-restricted-syntax -- the disabled prop itself is under test
    const danger = (p: P) => p.h('div', { dangerouslySetInnerHTML: { __html: '<b>x</b>' } });
    const da = document.createElement('div');
    a.render(danger(a), da);
    expect(da.innerHTML).toBe('<div><b>x</b></div>');
    expect(() => b.render(danger(b), document.createElement('div'))).toThrow(/dangerouslySetInnerHTML is disabled/);
  });
});

describeCorpus('Readability rewrite on Mozilla’s Readability test pages (../shared)', join(READABILITY_DIR, 'pages'), () => {
  it('gives the same article as the original on every page, through both rewritten paths', async () => {
    let parsedPages = 0;
    const pages = readdirSync(join(READABILITY_DIR, 'pages'));
    for (const p of pages) {
      await new Promise((resolve) => setTimeout(resolve, 0)); // a long synchronous loop starves Vitest's worker RPC
      const html = readFileSync(join(READABILITY_DIR, 'pages', p, 'source.html'), 'utf8');
      const r = bothReadabilities(html);
      expect(r.patched, p).toEqual(r.original);
      if (r.parses) parsedPages++;
    }
    console.log(`readability rewrite: ${pages.length} pages identical, ${parsedPages} went through a rewritten parse`);
    expect(pages.length).toBeGreaterThanOrEqual(100);
    expect(parsedPages).toBeGreaterThanOrEqual(10);
  }, 300_000);
});
