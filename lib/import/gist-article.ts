// One article of a Gist export, checked field by field (valibot) before it becomes an import item: a
// bad field is left out and reported, the article kept; an article without a usable URL is reported
// and skipped. Each problem names the article (index and URL) and the field.
import * as v from 'valibot';
import { HIGHLIGHT_COLORS, type ArticleRecord } from '../db/schema';
import { base64ToBytes } from '../export/gist-format';
import { epochToIso } from './dates';
import { cleanTags } from './text';
import type { ImportHighlight, ImportImage, ImportItem, ImportProblem } from './types';

const text = v.string();
const optionalText = v.nullable(v.string());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const epochMs = v.pipe(v.number(), v.finite());

/** Fields holding one value: an invalid value drops the field. */
const SCALARS = {
  url: text,
  title: text,
  byline: optionalText,
  siteName: optionalText,
  lang: optionalText,
  publishedTime: optionalText,
  excerpt: optionalText,
  note: optionalText,
  savedAt: epochMs,
  updatedAt: epochMs,
  status: v.picklist(['unread', 'archived']),
  favorite: v.union([v.picklist([0, 1]), v.boolean()]),
  tagsEdited: v.boolean(),
  imagesDropped: v.boolean(),
  wordCount: count,
  cjkChars: count,
  imageCount: count,
  readingMinutes: v.pipe(v.number(), v.finite(), v.minValue(0)),
  progress: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  contentState: v.picklist(['full', 'pending', 'failed']),
  source: text,
  fetchAttempts: count,
  fetchError: text,
  content: v.nullable(v.object({ html: v.string(), text: v.string() })),
};

const quoteText = v.pipe(v.string(), v.nonEmpty('an empty quote'));

/** A highlight as Gist stores it (export version 2 since highlights had their own table). */
const HIGHLIGHT_RECORD = v.object({
  id: v.pipe(v.string(), v.nonEmpty('an empty id')),
  quote: v.object({
    type: v.literal('TextQuoteSelector'),
    exact: quoteText,
    prefix: v.optional(v.string(), ''),
    suffix: v.optional(v.string(), ''),
  }),
  position: v.nullable(
    v.pipe(
      v.object({ type: v.literal('TextPositionSelector'), start: count, end: count }),
      v.check(
        (p) => p.end > p.start,
        (i) => `an empty or reversed range (${JSON.stringify(i.input)})`,
      ),
    ),
  ),
  color: v.picklist(HIGHLIGHT_COLORS),
  note: v.nullable(v.string()),
  createdAt: epochMs,
  updatedAt: epochMs,
  anchor: v.picklist(['placed', 'unplaced', 'waiting']),
  source: text,
});

/** Older exports (and other tools) carry the quote, a note and an ISO date. */
const HIGHLIGHT_QUOTE = v.object({
  text: quoteText,
  note: v.nullish(v.string()),
  createdAt: v.nullish(v.string()),
});

const IMAGE_TYPE = /^image\/[\w.+-]+$/i;

/** List fields: a value that is not a list drops the field, a bad element drops that element. */
const LISTS = {
  tags: text,
  tagCandidates: text,
  // An element with a "quote" is read as a stored record, else as a quote (highlightSchema).
  highlights: v.union([HIGHLIGHT_RECORD, HIGHLIGHT_QUOTE]),
  images: v.object({
    src: v.pipe(v.string(), v.nonEmpty('an empty address')),
    type: v.pipe(
      v.string(),
      v.regex(IMAGE_TYPE, (i) => `not an image MIME type (image/…): ${i.received}`),
    ),
    // Decoded here: valibot's base64() regex overflows the stack on a multi-megabyte image.
    data: v.pipe(
      v.string(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        try {
          return base64ToBytes(dataset.value);
        } catch {
          addIssue({ message: `not valid base64 ("${dataset.value.slice(0, 40)}${dataset.value.length > 40 ? '…' : ''}")` });
          return NEVER;
        }
      }),
    ),
  }),
};

// Every stored field must be read back, or the round trip is not lossless: a field added to
// ArticleRecord fails to compile here until it gets a schema above (or is listed as not restored).
type NotRestored =
  | 'id'
  | 'originalUrl' /* checked on its own */
  | 'nextAttemptAt' /* queue timing, reset */
  | 'pendingImages' /* recomputed from the content */;
type Unread = Exclude<keyof ArticleRecord, keyof typeof SCALARS | keyof typeof LISTS | NotRestored>;
const everyFieldRead: [Unread] extends [never] ? true : { missingSchemaFor: Unread } = true;
void everyFieldRead;

/** One schema per element, so a bad record is reported by its own field, not as "no union member matched". */
const highlightSchema = (el: unknown) => (typeof el === 'object' && el !== null && 'quote' in el ? HIGHLIGHT_RECORD : HIGHLIGHT_QUOTE);

function toImportHighlight(h: v.InferOutput<typeof HIGHLIGHT_RECORD> | v.InferOutput<typeof HIGHLIGHT_QUOTE>): ImportHighlight {
  if ('text' in h) return h;
  return { text: h.quote.exact, note: h.note, createdAt: epochToIso(h.createdAt), record: h };
}

type Scalars = { [K in keyof typeof SCALARS]?: v.InferOutput<(typeof SCALARS)[K]> };
type Lists = { [K in keyof typeof LISTS]?: v.InferOutput<(typeof LISTS)[K]>[] };

type Obj = Record<string, unknown>;

/** `field "images[0].type": not an image MIME type…` (the issue's own path appended to the field's). */
function describe(field: string, issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue);
  const msg = issue.message.length > 200 ? `${issue.message.slice(0, 200)}…` : issue.message;
  return `field "${field}${path ? `.${path}` : ''}": ${msg}`;
}

/** What the article is called in a problem: its URL when it has a readable one. */
function label(raw: Obj, index: number): string {
  const u = [raw.originalUrl, raw.url].find((x): x is string => typeof x === 'string' && x.trim() !== '');
  return u ? `article ${index} (${u.trim().slice(0, 200)})` : `article ${index}`;
}

function webUrl(raw: unknown): { url?: string; why?: string } {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'string') return { why: `not text (${typeof raw})` };
  try {
    const u = new URL(raw.trim());
    if (u.protocol === 'http:' || u.protocol === 'https:') return { url: raw.trim() };
    return { why: `a ${u.protocol} address, not a web page` };
  } catch {
    return { why: `not a valid absolute URL: "${raw.trim().slice(0, 200)}"` };
  }
}

/**
 * Validates `raw` (element `index` of the export) and returns its import item, or null when it cannot
 * become an article; every problem goes to `errors` with `where` = "file#index".
 */
export function readGistArticle(file: string, index: number, raw: unknown, errors: ImportProblem[]): ImportItem | null {
  const where = `${file}#${index}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push({
      where,
      reason: `article ${index}: not an article object (got ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw}); not imported`,
    });
    return null;
  }
  const a = raw as Obj;
  const name = label(a, index);
  // The URL as saved, else the canonical one: without either there is nothing to restore.
  const original = webUrl(a.originalUrl);
  const canonical = webUrl(a.url);
  const url = original.url ?? canonical.url;
  if (!url) {
    const why = [original.why && `"originalUrl" is ${original.why}`, canonical.why && `"url" is ${canonical.why}`]
      .filter(Boolean)
      .join('; ');
    errors.push({ where, reason: `${name}: no URL${why ? ` (${why})` : ' ("originalUrl" and "url" are missing)'}; not imported` });
    return null;
  }
  if (original.why) errors.push({ where, reason: `${name}: field "originalUrl" is ${original.why}; "url" used instead` });

  const dropped = (field: string, issue: v.BaseIssue<unknown>, what: string) =>
    errors.push({ where, reason: `${name}: ${describe(field, issue)}; ${what}` });
  const s: Scalars = {};
  for (const key of Object.keys(SCALARS) as (keyof typeof SCALARS)[]) {
    if (a[key] === undefined || (key === 'url' && canonical.why)) continue;
    const r = v.safeParse(SCALARS[key], a[key]);
    if (r.success) (s as Obj)[key] = r.output;
    else dropped(key, r.issues[0], 'the field was left out');
  }
  if (canonical.why) errors.push({ where, reason: `${name}: field "url" is ${canonical.why}; the address is derived from "originalUrl"` });
  const l: Lists = {};
  for (const key of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
    const value = a[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      const r = v.safeParse(v.array(v.any()), value);
      if (!r.success) dropped(key, r.issues[0], 'the field was left out');
      continue;
    }
    const kept: unknown[] = [];
    value.forEach((el, k) => {
      const r = v.safeParse(key === 'highlights' ? highlightSchema(el) : LISTS[key], el);
      if (r.success) kept.push(r.output);
      else
        dropped(
          `${key}[${k}]`,
          r.issues[0],
          `that ${key === 'images' ? 'image' : key === 'highlights' ? 'highlight' : 'entry'} was left out`,
        );
    });
    (l as Obj)[key] = kept;
  }

  const images: ImportImage[] = (l.images ?? []).map((im) => ({ src: im.src, type: im.type, data: im.data }));
  const item: ImportItem = {
    url,
    title: s.title ?? '',
    tags: cleanTags(l.tags ?? []),
    savedAt: s.savedAt !== undefined ? epochToIso(s.savedAt) : null,
    status: s.status ?? 'unread',
    favorite: s.favorite === true || s.favorite === 1,
    where,
    gist: {
      canonicalUrl: s.url,
      updatedAt: s.updatedAt,
      tagCandidates: l.tagCandidates,
      tagsEdited: s.tagsEdited,
      wordCount: s.wordCount,
      cjkChars: s.cjkChars,
      imageCount: s.imageCount,
      readingMinutes: s.readingMinutes,
      contentState: s.contentState,
      source: s.source,
      ...(s.note !== undefined ? { note: s.note } : {}),
      // Why a link could not be fetched (fetch queue); the import keeps it with the failed article.
      ...(s.fetchError !== undefined ? { fetchError: s.fetchError } : {}),
      ...(s.fetchAttempts !== undefined ? { fetchAttempts: s.fetchAttempts } : {}),
      ...(s.imagesDropped ? { imagesDropped: true } : {}),
      text: s.content?.text,
      images: images.length ? images : undefined,
    },
  };
  if (s.progress !== undefined) item.progress = s.progress;
  if (l.highlights?.length) item.highlights = l.highlights.map(toImportHighlight);
  if (s.content?.html) item.content = s.content.html;
  if (s.excerpt) item.excerpt = s.excerpt;
  if (s.byline) item.author = s.byline;
  if (s.siteName) item.siteName = s.siteName;
  if (s.publishedTime) item.publishedAt = s.publishedTime;
  if (s.lang) item.lang = s.lang;
  return item;
}
