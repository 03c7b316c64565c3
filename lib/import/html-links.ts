// Pocket's ril_export.html and Netscape bookmark files, read without a DOM (the Chrome service worker
// has none). htmlparser2 is a streaming tokenizer: it copes with the unclosed <DT>/<p>/<DD> of bookmark
// files, decodes entities in text and attributes, and keeps <script> bodies as raw text we ignore.
import { Parser } from 'htmlparser2';
import { parseDate } from './dates';
import { lineIndex, splitTags } from './text';
import type { ImportItem, ImportProblem } from './types';
import { checkUrl } from './item';

interface LinkEvent {
  attrs: Record<string, string>;
  text: string;
  description: string;
  offset: number;
  /** Text of the nearest <h1>/<h2> before the link (Pocket's "Unread" / "Read Archive"). */
  section: string;
  /** Folder (<h3>) names around the link, outermost first. */
  folders: string[];
}

const IGNORED_TEXT = new Set(['script', 'style', 'title', 'noscript', 'template']);

/** Offset of a tag the file ends inside ("<A HREF=… ADD_DA"): a cut-off download loses that link. */
function cutTag(html: string): number | null {
  const lt = html.lastIndexOf('<');
  return lt !== -1 && html.indexOf('>', lt) === -1 && /^<[a-z!/]/i.test(html.slice(lt, lt + 2)) ? lt : null;
}

function reportCut(file: string, html: string, lineOf: (o: number) => number, errors: ImportProblem[]): void {
  const at = cutTag(html);
  if (at === null) return;
  const href = /href\s*=\s*"([^"]*)"?/i.exec(html.slice(at));
  errors.push({
    where: `${file}:${lineOf(at)}`,
    reason: `the file ends inside a tag (cut off?)${href ? `: the link to ${href[1]} is incomplete and not imported` : ''}`,
  });
}

function scanLinks(html: string): LinkEvent[] {
  const links: LinkEvent[] = [];
  let link: LinkEvent | null = null;
  let desc: LinkEvent | null = null;
  let lastLink: LinkEvent | null = null;
  let heading: { tag: string; text: string } | null = null;
  let section = '';
  let pendingFolder = '';
  const folders: string[] = [];
  const dlFolder: boolean[] = [];
  let ignore = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        if (IGNORED_TEXT.has(name)) {
          ignore++;
          return;
        }
        if (name !== 'p' && name !== 'br') desc = null;
        if (name === 'a' && attrs.href !== undefined) {
          link = { attrs, text: '', description: '', offset: parser.startIndex, section, folders: [...folders] };
        } else if (name === 'h1' || name === 'h2' || name === 'h3') {
          heading = { tag: name, text: '' };
          lastLink = null;
        } else if (name === 'dd') {
          // A <DD> describes the entry just before it: a bookmark, or a folder (whose text we drop).
          desc = lastLink;
        } else if (name === 'dl') {
          dlFolder.push(!!pendingFolder);
          if (pendingFolder) folders.push(pendingFolder);
          pendingFolder = '';
        }
      },
      ontext(text) {
        if (ignore) return;
        if (link) link.text += text;
        else if (heading) heading.text += text;
        else if (desc) desc.description += text;
      },
      onclosetag(name) {
        if (IGNORED_TEXT.has(name)) {
          ignore = Math.max(0, ignore - 1);
          return;
        }
        if (name === 'a' && link) {
          link.text = link.text.replace(/[ \t\n\r\f]+/g, ' ').trim();
          links.push(link);
          lastLink = link;
          link = null;
        } else if (heading && name === heading.tag) {
          const t = heading.text.replace(/[ \t\n\r\f]+/g, ' ').trim();
          if (heading.tag === 'h3') pendingFolder = t;
          else section = t;
          heading = null;
        } else if (name === 'dl') {
          if (dlFolder.pop()) folders.pop();
          desc = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  for (const l of links) l.description = l.description.replace(/[ \t\n\r\f]+/g, ' ').trim();
  return links;
}

export function looksLikePocketHtml(text: string): boolean {
  return (
    /<title>\s*Pocket Export\s*<\/title>/i.test(text) ||
    (/\btime_added\s*=/i.test(text) && /<h1>\s*(?:Unread|Read Archive)\s*<\/h1>/i.test(text))
  );
}

export function looksLikeNetscape(text: string): boolean {
  return /<!DOCTYPE\s+NETSCAPE-Bookmark-file/i.test(text) || (/<dl\b/i.test(text) && /<dt\b[^>]*>\s*<a\s[^>]*href/i.test(text));
}

export function parsePocketHtml(file: string, text: string, items: ImportItem[], errors: ImportProblem[]): void {
  const lineOf = lineIndex(text);
  const links = scanLinks(text);
  if (!links.length) errors.push({ where: file, reason: 'no links found in this Pocket export' });
  reportCut(file, text, lineOf, errors);
  for (const l of links) {
    const where = `${file}:${lineOf(l.offset)}`;
    const url = checkUrl(l.attrs.href, where, errors);
    if (!url) continue;
    const savedAt = parseDate(l.attrs.time_added);
    if (savedAt === null) errors.push({ where, reason: `unreadable time_added "${l.attrs.time_added}"; saved date left empty` });
    items.push({
      url,
      title: l.text,
      tags: splitTags(l.attrs.tags, ','),
      savedAt: savedAt ?? null,
      // The only read/unread signal in this file is the section heading.
      status: /archive/i.test(l.section) ? 'archived' : 'unread',
      favorite: false,
      where,
    });
  }
}

export function parseNetscape(file: string, text: string, items: ImportItem[], errors: ImportProblem[]): void {
  const lineOf = lineIndex(text);
  const links = scanLinks(text);
  if (!links.length) errors.push({ where: file, reason: 'no bookmarks (<A HREF>) found in this bookmark file' });
  reportCut(file, text, lineOf, errors);
  for (const l of links) {
    const where = `${file}:${lineOf(l.offset)}`;
    const url = checkUrl(l.attrs.href, where, errors);
    if (!url) continue;
    const raw = l.attrs.add_date;
    let savedAt = parseDate(raw);
    if (savedAt === null) {
      errors.push({ where, reason: `unreadable ADD_DATE "${raw}"; saved date left empty` });
      savedAt = undefined;
    }
    const tags = splitTags(l.attrs.tags, ',');
    const toread = l.attrs.toread;
    // Read-later services (Pinboard, linkding, Shaarli…) write TOREAD; browsers don't, so their
    // bookmarks arrive unread. TOREAD="0" means the user did not queue it: archived, as wallabag does.
    const status: ImportItem['status'] = toread === undefined || toread === '1' || /^true$/i.test(toread) ? 'unread' : 'archived';
    const item: ImportItem = {
      url,
      title: l.text,
      tags,
      savedAt: savedAt ?? null,
      status,
      // Gist's own export writes FAVORITE="1"; other bookmark files have no such flag.
      favorite: l.attrs.favorite === '1',
      where,
    };
    if (l.description) item.excerpt = l.description;
    items.push(item);
  }
}
