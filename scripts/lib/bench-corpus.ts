// Source texts for the benchmark library (library-generator.ts), read from the shared corpora:
// KPCrowd news stories (with their crowd keyphrases as tags), the Zyte ground-truth bodies (every
// language, CJK included), the text Readability's maintainers expect from its test pages, and the
// paragraphs of the pages labelled articles in the detection corpus.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DETECT_DIR, READABILITY_DIR, SHARED, ZYTE_DIR, detectPages, zytePages } from './corpora';
import type { SourceText } from './library-generator';

const KP = join(SHARED, 'corpora/500N-KPCrowd-v1.1');

const MIN_PARA = 40;
const hostOf = (url: string | null): string | null => {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : null;
  } catch {
    return null;
  }
};
const decode = (s: string) =>
  s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
/** The text of each <p> of an HTML string (a regex is enough for bench input). */
export function paragraphsOfHtml(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<p[\s>][^]*?<\/p>/gi)) {
    const t = decode(m[0].replace(/<[^>]*>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
    if (t.length > MIN_PARA) out.push(t);
  }
  return out;
}

const splitParas = (body: string) =>
  body
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p.length > MIN_PARA);

export function missingCorpora(): string[] {
  return [
    join(KP, 'docsutf8'),
    join(ZYTE_DIR, 'ground-truth.json'),
    join(READABILITY_DIR, 'pages'),
    join(DETECT_DIR, 'labels.json'),
  ].filter((p) => !existsSync(p));
}

export function loadBenchSources(): SourceText[] {
  const out: SourceText[] = [];
  for (const f of readdirSync(join(KP, 'docsutf8')).sort()) {
    const [title, ...rest] = readFileSync(join(KP, 'docsutf8', f), 'utf8')
      .replace(/\r/g, '')
      .split('\n');
    const keyFile = join(KP, 'keys', f.replace(/\.txt$/, '.key'));
    const keys = existsSync(keyFile)
      ? readFileSync(keyFile, 'utf8')
          .split('\n')
          .map((k) => k.trim().toLowerCase())
          .filter((k) => k && k.length < 30)
      : [];
    const topic = f.replace(/-\d+\.txt$/, '').replace(/_/g, '-');
    const paras = splitParas(rest.join('\n'));
    if (paras.length) out.push({ title: title.trim(), paras, tags: [topic, ...keys.slice(0, 6)], site: null });
  }
  for (const z of zytePages()) {
    const paras = splitParas(z.truth);
    if (paras.length) out.push({ title: paras[0].split(/\s+/).slice(0, 9).join(' '), paras, tags: [], site: hostOf(z.url) });
  }
  const rdir = join(READABILITY_DIR, 'pages');
  for (const slug of readdirSync(rdir).sort()) {
    const file = join(rdir, slug, 'expected.html');
    if (!existsSync(file)) continue;
    const paras = paragraphsOfHtml(readFileSync(file, 'utf8'));
    const meta = join(rdir, slug, 'expected-metadata.json');
    const title = existsSync(meta) ? ((JSON.parse(readFileSync(meta, 'utf8')) as { title?: string }).title ?? slug) : slug;
    if (paras.length) out.push({ title, paras, tags: [], site: null });
  }
  for (const d of detectPages()) {
    if (!d.article || !existsSync(d.file)) continue;
    const html = gunzipSync(readFileSync(d.file)).toString('utf8');
    const paras = paragraphsOfHtml(html);
    const title = /<title[^>]*>([^<]*)/i.exec(html)?.[1]?.trim() || d.id;
    if (paras.length >= 3) out.push({ title: decode(title).slice(0, 150), paras, tags: [d.kind], site: hostOf(d.url) });
  }
  return out;
}
