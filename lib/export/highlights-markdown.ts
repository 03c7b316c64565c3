// Highlights and notes as Markdown that Obsidian (and any CommonMark reader) takes as it is: YAML front
// matter (title, url, author, saved, tags), the article's note, then each highlight as a block quote
// with its note below and a link back to the article that scrolls to the quote (a text fragment,
// `#:~:text=`, which Chromium and Safari follow and other browsers ignore). Highlights come in reading
// order; quotes are escaped so their text shows as text, notes are the user's own Markdown.
import { zipSync, strToU8 } from 'fflate';
import type { ArticleRecord, GistDB, HighlightRecord } from '../db/schema';
import { iterateLibrary, type IterateOptions } from './iterate';
import { escapeMarkdown, fileNameFor, yamlString } from './markdown-text';

const day = (ms: number) => new Date(ms).toISOString();
const linkOf = (a: ArticleRecord) => a.originalUrl || a.url;

/** Characters a Markdown link destination or a text directive must not carry raw. */
const hex = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
const encodeDirective = (s: string) => encodeURIComponent(s).replace(/[-!'()*~]/g, hex);
const safeDestination = (url: string) => url.replace(/[\s()<>]/g, (c) => (c.charCodeAt(0) < 0x80 ? hex(c) : encodeURIComponent(c)));

/**
 * The article's URL with a text fragment that finds the quote: the whole quote when it is a short
 * single line, else its first and last words (`text=start,end`; a directive's start cannot span blocks).
 */
export function textFragmentUrl(url: string, quote: string): string {
  const lines = quote
    .split(/\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (!lines.length) return safeDestination(url);
  const first = lines[0].split(' ');
  const last = lines[lines.length - 1].split(' ');
  const directive =
    lines.length === 1 && first.length <= 8
      ? encodeDirective(lines[0])
      : `${encodeDirective(first.slice(0, 4).join(' '))},${encodeDirective(last.slice(-4).join(' '))}`;
  // A text directive follows the page's own fragment, if any: `#frag:~:text=…`.
  return safeDestination(`${url.includes('#') ? url : `${url}#`}:~:text=${directive}`);
}

const inline = (s: string) => escapeMarkdown(s.replace(/\s+/g, ' ').trim());

/** One highlight: the quote as a block quote with a link back, then its note. */
export function highlightBlock(h: HighlightRecord, article: ArticleRecord): string {
  const quote = h.quote.exact
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l, i, all) => l || (i > 0 && all[i - 1]))
    .map((l) => (l ? `> ${escapeMarkdown(l)}` : '>'))
    .join('\n');
  const link = `> — [${inline(article.title || linkOf(article))}](${textFragmentUrl(linkOf(article), h.quote.exact)})`;
  let md = `${quote}\n${link}\n`;
  if (h.note?.trim()) md += `\n${h.note.trim()}\n`;
  return md;
}

/** Front matter of an article's notes: title, url, author, saved, tags. */
export function highlightsFrontMatter(a: ArticleRecord): string {
  const lines = ['---', `title: ${yamlString(a.title || linkOf(a))}`, `url: ${yamlString(linkOf(a))}`];
  if (a.byline) lines.push(`author: ${yamlString(a.byline)}`);
  lines.push(`saved: ${day(a.savedAt)}`, `tags: [${a.tags.map(yamlString).join(', ')}]`, '---', '');
  return lines.join('\n');
}

/** The article's note and highlights (in the order given: reading order) as Markdown blocks. */
export function notesAndHighlights(article: ArticleRecord, highlights: readonly HighlightRecord[], heading = '##'): string {
  let md = '';
  if (article.note?.trim()) md += `${article.note.trim()}\n\n`;
  if (highlights.length) md += `${heading} Highlights\n\n${highlights.map((h) => highlightBlock(h, article)).join('\n')}`;
  return md;
}

/** One article's highlights and note as a Markdown file (the reader's "Export highlights"). */
export function articleHighlightsMarkdown(article: ArticleRecord, highlights: readonly HighlightRecord[]): string {
  const title = (article.title || linkOf(article)).replace(/\s+/g, ' ').trim();
  return `${highlightsFrontMatter(article)}\n# ${escapeMarkdown(title)}\n\n${notesAndHighlights(article, highlights)}`.replace(
    /\n*$/,
    '\n',
  );
}

interface Annotated {
  article: ArticleRecord;
  highlights: HighlightRecord[];
}

/** Articles with highlights or a note, the most recently highlighted (or noted) first. */
async function annotated(db: GistDB, opts: Pick<IterateOptions, 'onProgress' | 'batchSize'>): Promise<Annotated[]> {
  const out: Annotated[] = [];
  for await (const { article, highlights } of iterateLibrary(db, { ...opts, highlights: true }))
    if (highlights.length || article.note?.trim()) out.push({ article, highlights });
  const latest = (x: Annotated) => Math.max(...x.highlights.map((h) => h.createdAt), x.highlights.length ? 0 : x.article.updatedAt);
  return out.sort((a, b) => latest(b) - latest(a) || a.article.id - b.article.id);
}

/** Every highlight and note in one file, grouped by article, most recently highlighted article first. */
export async function exportAllHighlightsMarkdown(
  db: GistDB,
  opts: Pick<IterateOptions, 'onProgress' | 'batchSize'> & { now?: () => number } = {},
): Promise<Blob> {
  const list = await annotated(db, opts);
  const count = list.reduce((n, x) => n + x.highlights.length, 0);
  const parts = [
    [
      '---',
      'title: "Gist highlights"',
      `exported: ${day((opts.now ?? Date.now)())}`,
      `articles: ${list.length}`,
      `highlights: ${count}`,
      '---',
      '',
    ].join('\n'),
    '\n# Gist highlights\n',
  ];
  for (const { article: a, highlights } of list) {
    const meta = [a.byline, a.siteName, `saved ${day(a.savedAt).slice(0, 10)}`, a.tags.length ? `tags: ${a.tags.join(', ')}` : null]
      .filter((x): x is string => !!x)
      .map(inline)
      .join(' · ');
    parts.push(
      `\n## [${inline(a.title || linkOf(a))}](${safeDestination(linkOf(a))})\n\n${meta}\n\n${notesAndHighlights(a, highlights, '###')}`.replace(
        /\n*$/,
        '\n',
      ),
    );
  }
  return new Blob(parts, { type: 'text/markdown' });
}

/** One Markdown file per article with highlights or a note (an Obsidian folder), zipped. */
export async function exportHighlightsZip(db: GistDB, opts: Pick<IterateOptions, 'onProgress' | 'batchSize'> = {}): Promise<Blob> {
  const used = new Set<string>();
  const files: Record<string, Uint8Array> = {};
  for (const { article, highlights } of await annotated(db, opts))
    files[fileNameFor(article.title || linkOf(article), used)] = strToU8(articleHighlightsMarkdown(article, highlights));
  return new Blob([zipSync(files, { level: 6 }) as BlobPart], { type: 'application/zip' });
}
