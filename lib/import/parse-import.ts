// Entry point of every import: bytes + file name in, items and located errors out. The format is
// recognised from the content (header names, JSON keys, HTML markers); the name only helps inside zips.
import type { Highlight } from '../db/schema';
import { canonicalUrl } from '../url/canonical-url';
import { readCsv } from './csv';
import { detectCsv, matterHighlights, parseCsvKind, type MatterHighlight } from './csv-formats';
import { parseDate } from './dates';
import { parseGistJson, parseGistJsonl, parseGistLegacy, sniffGist } from './gist-json';
import { looksLikeNetscape, looksLikePocketHtml, parseNetscape, parsePocketHtml } from './html-links';
import { detectJson, parseJsonKind, type JsonExtras } from './json-formats';
import { decodeText, lineIndex, parseJsonLenient } from './text';
import { mergeHighlights, mergeTags, moreProgress } from './merge-rules';
import {
  UnknownFormatError,
  type ImportDuplicate,
  type ImportFormat,
  type ImportItem,
  type ImportProblem,
  type ImportResult,
  type StrayHighlights,
} from './types';
import { isZip, readZip } from './zip-read';
import { countOf } from '../format/count';

export * from './types';

interface Parsed {
  format: ImportFormat;
  items: ImportItem[];
  errors: ImportProblem[];
  strayHighlights?: StrayHighlights[];
}

/** Parses one export file. Throws UnknownFormatError when nothing in it is recognisable. */
export async function parseImport(name: string, bytes: Uint8Array): Promise<ImportResult> {
  const file = name.split(/[\\/]/).pop() || name;
  if (!bytes.length) throw new UnknownFormatError(`${file}: the file is empty (0 bytes); nothing to import`);
  const parsed = isZip(bytes) ? parseZip(file, bytes) : parseText(file, decodeText(bytes), {});
  return dedupe(parsed);
}

function parseText(file: string, text: string, extras: { json?: JsonExtras; csv?: Parameters<typeof parseCsvKind>[5] }): Parsed {
  const items: ImportItem[] = [];
  const errors: ImportProblem[] = [];
  const head = text.slice(0, 4096);
  const first = head.trimStart()[0];
  // Our own export first, by its header: JSON Lines is no single JSON value, and a cut version 1 file
  // is none either, yet both give back every complete article.
  const gist = first === '{' ? sniffGist(text) : null;
  if (gist) {
    (gist === 'jsonl' ? parseGistJsonl : parseGistLegacy)(file, text, items, errors);
    return { format: 'gist-json', items, errors };
  }
  if (first === '[' || first === '{') {
    const lineOf = lineIndex(text);
    const json = parseJsonLenient(text);
    const jsonErrors = (json.errors ?? []).map((e) => ({ where: `${file}:${lineOf(e.offset)}`, reason: `invalid JSON: ${e.reason}` }));
    const kind = detectJson(json.value);
    if (!kind) {
      if (json.errors)
        throw new UnknownFormatError(
          `${file}: not valid JSON (${jsonErrors[0].where}: ${json.errors[0].reason}) and no recognisable items in it`,
        );
      throw new UnknownFormatError(
        `${file}: JSON, but not an export format Gist knows (Pocket, Instapaper, Omnivore, wallabag, Pinboard, GoodLinks, Linkwarden, Karakeep, Chrome/Firefox bookmarks, Gist)`,
      );
    }
    errors.push(...jsonErrors);
    if (kind === 'gist-json') parseGistJson(file, json.value as Record<string, unknown>, items, errors);
    else parseJsonKind(kind, file, json.value, items, errors, { ...extras.json, indexes: json.indexes });
    return { format: kind, items, errors };
  }
  if (first === '<' || /<!doctype|<html|<dl\b|<a\s/i.test(head)) {
    if (looksLikePocketHtml(text)) {
      parsePocketHtml(file, text, items, errors);
      return { format: 'pocket-html', items, errors };
    }
    if (looksLikeNetscape(text)) {
      parseNetscape(file, text, items, errors);
      return { format: 'netscape-bookmarks', items, errors };
    }
    throw new UnknownFormatError(
      `${file}: an HTML file, but neither a Pocket export (ril_export.html) nor a bookmark file (<!DOCTYPE NETSCAPE-Bookmark-file-1>)`,
    );
  }
  const table = readCsv(text);
  const kind = table.rawHeader.length > 1 ? detectCsv(table.header) : null;
  if (!kind) {
    const shown = table.rawHeader.slice(0, 12).join(', ').slice(0, 300);
    throw new UnknownFormatError(
      `${file}: not a format Gist knows${shown ? ` (first line: ${shown})` : ''}. Expected a Pocket/Instapaper/Readwise/Matter/Raindrop/wallabag CSV with a header row, a JSON export, a bookmark HTML file or an export ZIP`,
    );
  }
  parseCsvKind(kind, file, table, items, errors, extras.csv);
  return { format: kind === 'matter-highlights' ? 'matter' : kind, items, errors };
}

/**
 * Omnivore's highlights/<slug>.md, as its exporter writes it: highlights joined by a blank line, each
 * `> ${quote} ` then optionally a "#label #label" paragraph and the note's paragraphs. Only the quote's
 * first line starts with ">": Omnivore joins paragraphs with "\n" and turns empty lines into "> ", so
 * the quote runs to the first blank line. A ">" line after a blank line starts the next highlight.
 */
export function parseOmnivoreHighlights(md: string): Highlight[] {
  const out: Highlight[] = [];
  let cur: { quote: string[]; note: string[]; inQuote: boolean } | null = null;
  const flush = () => {
    if (cur && cur.quote.join('').trim()) {
      const note = cur.note.join('\n').trim();
      out.push({ text: cur.quote.join('\n').trim(), note: note || null });
    }
    cur = null;
  };
  for (const line of md.split(/\r?\n/)) {
    if (cur?.inQuote) {
      if (line.trim()) {
        cur.quote.push(quoteLine(line));
        continue;
      }
      cur.inQuote = false;
    }
    if (line.startsWith('>')) {
      flush();
      cur = { quote: [quoteLine(line)], note: [], inQuote: true };
    } else if (cur) {
      // "#label #label" lines repeat the highlight's labels; the rest is the user's note.
      if (!/^(?:#\S+\s*)+$/.test(line.trim())) cur.note.push(line);
    }
  }
  flush();
  return out;
}

/** A quote line without its "> " and the Obsidian plugin's trailing "[⤴️](link)". */
function quoteLine(line: string): string {
  return line.replace(/^>\s?/, '').replace(/\s*\[⤴️\]\([^)]*\)\s*$/u, '');
}

/** Pocket's annotations/*.json: [{url, title, highlights: [{quote, created_at}]}]. */
function pocketAnnotations(file: string, text: string, errors: ImportProblem[]): Map<string, Highlight[]> {
  const map = new Map<string, Highlight[]>();
  const json = parseJsonLenient(text);
  for (const e of json.errors ?? []) errors.push({ where: file, reason: `invalid JSON: ${e.reason}` });
  const arr = Array.isArray(json.value) ? json.value : [];
  for (const o of arr) {
    if (typeof o !== 'object' || !o) continue;
    const r = o as Record<string, unknown>;
    const list = Array.isArray(r.highlights) ? r.highlights : Array.isArray(r.annotations) ? r.annotations : [];
    if (typeof r.url !== 'string') continue;
    const hl: Highlight[] = [];
    for (const h of list) {
      if (typeof h !== 'object' || !h) continue;
      const x = h as Record<string, unknown>;
      const t = String(x.quote ?? x.text ?? '').trim();
      if (t) hl.push({ text: t, createdAt: parseDate(x.created_at ?? x.createdAt) ?? null });
    }
    if (hl.length) map.set(canonicalUrl(r.url), [...(map.get(canonicalUrl(r.url)) ?? []), ...hl]);
  }
  return map;
}

function parseZip(file: string, bytes: Uint8Array): Parsed {
  const zip = readZip(bytes);
  const errors: ImportProblem[] = zip.errors.map((e) => ({ where: e.entry ? `${file}/${e.entry}` : file, reason: e.reason }));
  const names = [...zip.files.keys()].sort();
  const text = (n: string) => decodeText(zip.files.get(n)!);
  const base = (n: string) => n.split('/').pop()!;
  const items: ImportItem[] = [];
  const strayHighlights: StrayHighlights[] = [];
  let format: ImportFormat | null = null;
  const absorb = (p: Parsed) => {
    format ??= p.format;
    items.push(...p.items);
    errors.push(...p.errors);
  };
  const run = (n: string, extras: Parameters<typeof parseText>[2] = {}) => {
    try {
      absorb(parseText(`${file}/${n}`, text(n), extras));
    } catch (e) {
      errors.push({ where: `${file}/${n}`, reason: e instanceof Error ? e.message.replace(/^[^:]*: /, '') : String(e) });
    }
  };

  const omnivoreMeta = names.filter((n) => /^metadata_.*\.json$/i.test(base(n)));
  const matterHistory = names.find((n) => /^_matter_history\.csv$/i.test(base(n)));
  if (omnivoreMeta.length) {
    const dir = (n: string) => n.slice(0, n.length - base(n).length);
    const usedHighlights = new Set<string>();
    for (const n of omnivoreMeta) {
      const root = dir(n);
      run(n, {
        json: {
          omnivore: {
            content: (slug) => (zip.files.has(`${root}content/${slug}.html`) ? text(`${root}content/${slug}.html`) : undefined),
            highlights: (slug) => {
              const md = `${root}highlights/${slug}.md`;
              if (!zip.files.has(md)) return undefined;
              usedHighlights.add(md);
              return parseOmnivoreHighlights(text(md));
            },
          },
        },
      });
    }
    // A highlights file no imported item asked for (its article is missing or was skipped) is not lost silently.
    for (const n of names.filter((n) => /(?:^|\/)highlights\/[^/]+\.md$/i.test(n) && !usedHighlights.has(n))) {
      const count = parseOmnivoreHighlights(text(n)).length;
      if (count)
        errors.push({
          where: `${file}/${n}`,
          reason: `${countOf(count, 'highlight')} for an article that is not imported from this export (slug "${base(n).replace(/\.md$/i, '')}"): not imported`,
        });
    }
  } else if (matterHistory) {
    const hlName = names.find((n) => /^_matter_highlights\.csv$/i.test(base(n)));
    let highlights: MatterHighlight[] = [];
    if (hlName) highlights = matterHighlights(readCsv(text(hlName)), `${file}/${hlName}`);
    const dir = matterHistory.slice(0, matterHistory.length - base(matterHistory).length);
    run(matterHistory, {
      csv: {
        matterHighlights: highlights,
        matterContent: (id) => (zip.files.has(`${dir}${id}`) ? text(`${dir}${id}`) : undefined),
      },
    });
  } else {
    // Pocket's zip (part_*.csv + annotations/*.json), or any zip of export files: read each known file.
    const annotations = new Map<string, Highlight[]>();
    for (const n of names.filter((n) => /(?:^|\/)annotations\/[^/]+\.json$/i.test(n))) {
      for (const [u, hl] of pocketAnnotations(`${file}/${n}`, text(n), errors)) annotations.set(u, [...(annotations.get(u) ?? []), ...hl]);
    }
    for (const n of names) {
      if (/(?:^|\/)annotations\/[^/]+\.json$/i.test(n)) continue;
      if (!/\.(?:csv|jsonl?|ndjson|html?|txt)$/i.test(n) && !/^[^.]+$/.test(base(n))) {
        errors.push({ where: `${file}/${n}`, reason: 'not an export file (skipped)' });
        continue;
      }
      run(n);
    }
    if (annotations.size) {
      const byUrl = new Map(items.map((it) => [canonicalUrl(it.url), it]));
      for (const [u, hl] of annotations) {
        const it = byUrl.get(u);
        if (it) it.highlights = [...(it.highlights ?? []), ...hl];
        // Not in the export's list: the library may still have that article (applyStrayHighlights decides).
        else strayHighlights.push({ where: `${file}/annotations`, url: u, highlights: hl });
      }
    }
  }
  if (!format) {
    const why = errors.map((e) => `${e.where}: ${e.reason}`).join('; ');
    throw new UnknownFormatError(
      `${file}: a zip with no export file Gist knows (entries: ${names.slice(0, 10).join(', ') || 'none'})${why ? `. ${why}` : ''}`,
    );
  }
  return { format, items, errors, strayHighlights };
}

/** A repeat of the same article in one file: whichever copy says more wins, field by field. */
function mergeInto(kept: ImportItem, dup: ImportItem): void {
  kept.tags = mergeTags(kept.tags, dup.tags);
  const dupAt = dup.savedAt ? Date.parse(dup.savedAt) : NaN;
  const keptAt = kept.savedAt ? Date.parse(kept.savedAt) : NaN;
  if (Number.isFinite(dupAt) && !(dupAt >= keptAt)) kept.savedAt = dup.savedAt;
  // Archived beats unread: a copy in the archive means the user finished it.
  if (dup.status === 'archived') kept.status = 'archived';
  kept.favorite ||= dup.favorite;
  if (!kept.title && dup.title) kept.title = dup.title;
  const hl = mergeHighlights(kept.highlights ?? [], dup.highlights ?? []);
  if (hl.added || hl.notes) kept.highlights = hl.highlights;
  if (moreProgress(dup.progress, kept.progress)) kept.progress = dup.progress;
  for (const k of ['content', 'excerpt', 'author', 'siteName', 'publishedAt', 'lang'] as const) {
    if (!kept[k] && dup[k]) kept[k] = dup[k];
  }
}

/** One item per canonical URL (the library's dedup key): the first one wins, later ones merge into it. */
function dedupe(p: Parsed): ImportResult {
  const seen = new Map<string, ImportItem>();
  const items: ImportItem[] = [];
  const keys: string[] = [];
  const duplicates: ImportDuplicate[] = [];
  for (const it of p.items) {
    const key = canonicalUrl(it.url);
    const kept = seen.get(key);
    if (kept) {
      mergeInto(kept, it);
      duplicates.push({ where: it.where, keptWhere: kept.where, url: it.url });
    } else {
      seen.set(key, it);
      items.push(it);
      keys.push(key);
    }
  }
  return { format: p.format, items, errors: p.errors, duplicates, strayHighlights: p.strayHighlights ?? [], keys };
}
