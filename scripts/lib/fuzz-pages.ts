// The mutated pages fuzz-extract feeds the extraction CLI: corpus pages truncated, bit-flipped, cut
// with tag soup, nested deep or given huge attributes, from a seeded PRNG so a crash can be replayed.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SHARED as SHARED_ROOT } from './corpora';
import { rng, type Rng } from './prng';

const SHARED = join(SHARED_ROOT, 'corpora');
const SOURCES = [join(SHARED, 'zyte-article-extraction/html'), join(SHARED, 'article-detection/pages')];

const SOUP = [
  '<div>',
  '</div>',
  '<p>',
  '</p>',
  '<table>',
  '<td>',
  '</tr>',
  '<li>',
  '<ul>',
  '</span>',
  '<a href="',
  '"',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<script>',
  '</script>',
  '<style>',
  '<svg><foreignObject>',
  '</svg>',
  '<math><mi>',
  '<template>',
  '<frameset>',
  '<noscript>',
  '<textarea>',
  '<title>',
  '<img src=x onerror=alert(1)>',
  '<iframe srcdoc="<b>">',
  '<select><option>',
  '<plaintext>',
  '<xmp>',
  '&#0;',
  '&amp',
  '\u0000',
  '<body onload=x>',
  '<html>',
  '<head>',
  '<base href="javascript:">',
];

const MUTATIONS: Record<string, (b: Buffer, r: Rng) => Buffer> = {
  truncate: (b, r) => b.subarray(0, r.int(b.length + 1)),
  'byte-flips': (b, r) => {
    const out = Buffer.from(b);
    const n = 1 + r.int(Math.max(1, Math.floor(out.length / 200)));
    for (let i = 0; i < n; i++) out[r.int(out.length)] ^= 1 << r.int(8);
    return out;
  },
  'tag-soup': (b, r) => {
    const s = b.toString('latin1');
    const parts: string[] = [];
    let last = 0;
    const cuts = Array.from({ length: 5 + r.int(60) }, () => r.int(s.length + 1)).sort((x, y) => x - y);
    for (const c of cuts) {
      parts.push(s.slice(last, c), Array.from({ length: 1 + r.int(5) }, () => r.pick(SOUP)).join(''));
      last = c;
    }
    parts.push(s.slice(last));
    return Buffer.from(parts.join(''), 'latin1');
  },
  'deep-nesting': (b, r) => {
    // Hundreds deep: tag soup nests like this. The 10,000-deep case is its own test
    // (tests/unit/fuzz-hostile-pages.test.ts): under jsdom, Readability takes minutes on it.
    const depth = 50 + r.int(400);
    const tag = r.pick(['div', 'span', 'b', 'blockquote', 'table', 'ul', 'font', 'a']);
    const at = r.int(b.length + 1);
    const open = `<${tag}>`.repeat(depth);
    const close = r.next() < 0.5 ? `</${tag}>`.repeat(depth) : '';
    return Buffer.concat([b.subarray(0, at), Buffer.from(`${open}deep text${close}`), b.subarray(at)]);
  },
  'huge-attribute': (b, r) => {
    const s = b.toString('latin1');
    const tags = [...s.matchAll(/<(?:p|div|img|a|article|body|span|h1|meta)\b/gi)];
    const at = tags.length ? tags[r.int(tags.length)].index! + tags[r.int(tags.length)][0].length : 0;
    const size = 100_000 + r.int(5_000_000);
    const name = r.pick(['class', 'style', 'title', 'data-x', 'src', 'href', 'alt', 'srcset']);
    const value = r
      .pick(['a', ' ', '"', '&amp;', 'x,'])
      .repeat(Math.ceil(size / 5))
      .slice(0, size);
    return Buffer.concat([Buffer.from(s.slice(0, at), 'latin1'), Buffer.from(` ${name}="${value}" `), Buffer.from(s.slice(at), 'latin1')]);
  },
};
const NAMES = Object.keys(MUTATIONS);

function sourcePages(): string[] {
  const files = SOURCES.filter(existsSync).flatMap((d) =>
    readdirSync(d)
      .filter((f) => /\.html(\.gz)?$/.test(f))
      .sort()
      .map((f) => join(d, f)),
  );
  if (!files.length) throw new Error(`no corpus pages under ${SOURCES.join(' or ')} (the shared corpora live at ../shared)`);
  return files;
}

function load(file: string): Buffer {
  const raw = readFileSync(file);
  return file.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/** Writes `count` mutated pages into `dir`; returns file → mutation name. */
export function generate(dir: string, count: number, seed: number): Map<string, string> {
  const r = rng(seed);
  const sources = sourcePages();
  const made = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const src = sources[(i * 7919 + seed) % sources.length];
    let bytes = load(src);
    // Mostly one mutation, sometimes two stacked.
    const chain = [r.pick(NAMES), ...(r.next() < 0.25 ? [r.pick(NAMES)] : [])];
    for (const m of chain) bytes = MUTATIONS[m](bytes, r);
    const file = join(
      dir,
      `${String(i).padStart(4, '0')}-${chain.join('+')}-${basename(src)
        .replace(/\.html(\.gz)?$/, '')
        .slice(0, 12)}.html`,
    );
    writeFileSync(file, bytes);
    made.set(file, chain.join('+'));
  }
  return made;
}
