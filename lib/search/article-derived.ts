// Values the list derives from each article (site shown, folded title/site/tags, reading minutes), kept
// per article id across re-reads of the table. The list is read again after every write
// (lib/db/live-articles.ts) and each read gives new record objects, so caches keyed by the object missed
// every time: 1.3–2 s of folding and URL parsing per re-read at 50,000 articles.
//
// An entry stays valid while the fields it was derived from are unchanged. Those fields are compared
// rather than a version such as updatedAt, which not every write moves (the fetch queue changes
// contentState and counts without it; undo restores older values): a stale site or length would be
// wrong, not slow. Comparing a few short strings costs a fraction of recomputing.
import type { ArticleRecord } from '../db/schema';
import { minutesForSpeed } from '../reading-time/index';
import { displayHost } from '../url/host';
import { fold } from './tokenize';

export interface Folded {
  title: string;
  site: string;
  host: string;
  tags: string[];
}

interface Entry {
  /** The record the values were derived from (the latest object with the same inputs). */
  rec: ArticleRecord;
  site?: string;
  folded?: Folded;
  wpm?: number;
  minutes?: number | null;
}

const byId = new Map<number, Entry>();
/** Entries of deleted articles are never looked up again: past this many, start over. */
const MAX_ENTRIES = 400_000;

/** Same tags in the same order. */
export const sameTags = (a: string[], b: string[]): boolean => a === b || (a.length === b.length && a.every((t, i) => t === b[i]));

/** Same site, text and length inputs: every derived value of `a` holds for `b`. */
function sameInputs(a: ArticleRecord, b: ArticleRecord): boolean {
  return (
    a.title === b.title &&
    a.siteName === b.siteName &&
    a.url === b.url &&
    a.contentState === b.contentState &&
    a.wordCount === b.wordCount &&
    a.cjkChars === b.cjkChars &&
    a.imageCount === b.imageCount &&
    a.readingMinutes === b.readingMinutes &&
    sameTags(a.tags, b.tags)
  );
}

function entry(a: ArticleRecord): Entry {
  let e = byId.get(a.id);
  if (e && e.rec !== a) {
    if (sameInputs(e.rec, a)) e.rec = a;
    else e = undefined;
  }
  if (!e) {
    if (byId.size >= MAX_ENTRIES) byId.clear();
    e = { rec: a };
    byId.set(a.id, e);
  }
  return e;
}

/** The site name shown for an article (and its site facet): the publisher's name, else its host. */
export function displaySite(a: ArticleRecord): string {
  const e = entry(a);
  return (e.site ??= a.siteName?.trim() || (displayHost(a.url) ?? a.url));
}

/** Title, site, host and tags folded for matching (lowercase, no accents). */
export function folded(a: ArticleRecord): Folded {
  const e = entry(a);
  return (e.folded ??= {
    title: fold(a.title),
    site: fold(displaySite(a)),
    host: (displayHost(a.url) ?? a.url).toLowerCase(),
    tags: a.tags.map(fold),
  });
}

/**
 * Reading time at the user's speed, from the stored counts; null when the text is not stored (a link
 * saved or imported without its page): such articles show "—", match no time filter and sort last.
 */
export function minutesAt(a: ArticleRecord, wpm: number): number | null {
  const e = entry(a);
  if (e.wpm !== wpm || e.minutes === undefined) {
    e.wpm = wpm;
    e.minutes =
      a.contentState !== 'full'
        ? null
        : a.wordCount || a.cjkChars || a.imageCount
          ? minutesForSpeed({ words: a.wordCount, cjkChars: a.cjkChars, images: a.imageCount }, wpm)
          : a.readingMinutes || 1;
  }
  return e.minutes;
}

/** folded() of each article of a list, by position: filled as asked, kept per list and its length. */
const foldedByList = new WeakMap<readonly ArticleRecord[], { length: number; col: (Folded | undefined)[] }>();

/**
 * folded(all[i]) without its per-id lookup: a tag:, site: or is: keystroke tests every article, and the
 * lookup (a Map by id, then the record's fields compared) was most of that. Lists are new arrays when the
 * library changes, never edited in place; one grown or shrunk starts over.
 */
export function foldedAt(all: readonly ArticleRecord[]): (i: number) => Folded {
  let known = foldedByList.get(all);
  if (known?.length !== all.length) foldedByList.set(all, (known = { length: all.length, col: new Array(all.length) }));
  const col = known.col;
  return (i) => (col[i] ??= folded(all[i]));
}
