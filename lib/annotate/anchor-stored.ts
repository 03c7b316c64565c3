// Places highlights that have no place yet — imported quotes, and those of links the fetch queue has
// since downloaded — into the article's stored text. The text is the one the reader renders (the stored
// HTML through sanitizeArticleFragment, then textOf), so the positions stored here are the reader's.
// Needs a DOM (the library page's window, or jsdom in Node); the MV3 service worker that fetches pages
// has none, so the library page anchors what became readable: on opening, and when a pending article
// gets its content (keepAnchoring). The reader re-anchors every highlight on opening anyway.
import type { ArticleRecord, GistDB, HighlightRecord } from '../db/schema';
import { sanitizeArticleFragment } from '../sanitize/sanitize-html';
import { anchorTarget } from '../highlights/anchor';
import { textOf } from '../highlights/dom-text';
import { describeRange } from '../highlights/selectors';

export type Placement = Pick<HighlightRecord, 'quote' | 'position' | 'anchor'>;

export interface AnchorTally {
  placed: number;
  /** The content does not hold the quote (listed as "couldn't place", never drawn). */
  unplaced: number;
  /** The article has no content yet (a link not fetched, or whose fetch failed). */
  waiting: number;
}

/** The text selectors index into: the stored HTML as the reader renders it. */
export function renderedText(html: string, win: Window): string {
  return textOf(sanitizeArticleFragment(html, win));
}

/** Where `h` sits in `text`: the found span's selectors (quote with context, position), or unplaced. */
export function placeIn(text: string, h: Pick<HighlightRecord, 'quote' | 'position'>): Placement {
  const r = anchorTarget(text, { quote: h.quote, position: h.position });
  if (r.start === null) return { quote: h.quote, position: h.position, anchor: 'unplaced' };
  const t = describeRange(text, r.start, r.end);
  return { quote: t.quote, position: t.position, anchor: 'placed' };
}

export interface AnchorOptions {
  /** Only these articles' highlights (default: every waiting highlight in the library). */
  articleIds?: Iterable<number>;
  /** Awaited between articles, so a page stays responsive (e.g. an idle callback). */
  pause?: () => Promise<void>;
}

/**
 * Anchors the 'waiting' highlights of articles that have content, one article at a time, each written
 * in its own short transaction. A highlight edited, re-anchored or deleted meanwhile is left alone.
 */
export async function anchorWaiting(db: GistDB, win: Window, opts: AnchorOptions = {}): Promise<AnchorTally> {
  const tally: AnchorTally = { placed: 0, unplaced: 0, waiting: 0 };
  const ids = opts.articleIds ? [...new Set(opts.articleIds)] : null;
  if (ids && !ids.length) return tally;
  // No index on `anchor`: the highlights table is small next to the articles (one row per quote).
  const waiting = await (ids ? db.highlights.where('articleId').anyOf(ids) : db.highlights.toCollection())
    .filter((h) => h.anchor === 'waiting')
    .toArray();
  const byArticle = new Map<number, HighlightRecord[]>();
  for (const h of waiting) byArticle.set(h.articleId, [...(byArticle.get(h.articleId) ?? []), h]);
  const articles = await db.articles.bulkGet([...byArticle.keys()]);
  for (const a of articles) {
    if (!a) continue;
    const list = byArticle.get(a.id)!;
    const placed = await placeArticle(db, win, a, list);
    if (!placed) {
      tally.waiting += list.length;
      continue;
    }
    tally.placed += placed.placed;
    tally.unplaced += placed.unplaced;
    await opts.pause?.();
  }
  return tally;
}

async function placeArticle(
  db: GistDB,
  win: Window,
  a: ArticleRecord,
  list: HighlightRecord[],
): Promise<{ placed: number; unplaced: number } | null> {
  if (a.contentState !== 'full') return null;
  const content = await db.contents.get(a.id);
  if (!content?.html) return null;
  const text = renderedText(content.html, win);
  const placements = new Map(list.map((h) => [h.id, placeIn(text, h)]));
  let placed = 0;
  let unplaced = 0;
  await db.transaction('rw', db.highlights, async () => {
    for (const cur of await db.highlights.bulkGet(list.map((h) => h.id))) {
      if (!cur || cur.anchor !== 'waiting' || cur.articleId !== a.id) continue;
      const p = placements.get(cur.id)!;
      await db.highlights.put({ ...cur, ...p });
      if (p.anchor === 'placed') placed++;
      else unplaced++;
    }
  });
  return { placed, unplaced };
}

/** How the highlights `ids` stand now (those deleted meanwhile are not counted). */
export async function tallyHighlights(db: GistDB, ids: readonly string[]): Promise<AnchorTally> {
  const tally: AnchorTally = { placed: 0, unplaced: 0, waiting: 0 };
  for (const h of await db.highlights.bulkGet([...ids])) if (h) tally[h.anchor]++;
  return tally;
}

/** Anchors the articles of highlights an import just added and says where each of them ended. */
export async function anchorImported(db: GistDB, win: Window, ids: readonly string[], pause?: () => Promise<void>): Promise<AnchorTally> {
  if (!ids.length) return { placed: 0, unplaced: 0, waiting: 0 };
  const articleIds = new Set((await db.highlights.bulkGet([...ids])).flatMap((h) => (h ? [h.articleId] : [])));
  await anchorWaiting(db, win, { articleIds, pause });
  return tallyHighlights(db, ids);
}

/**
 * Keeps highlights anchored while a library page is open: everything waiting now, then the articles a
 * list update shows leaving 'pending' (the fetch queue stored their page). Returns unsubscribe.
 */
export function keepAnchoring(
  db: GistDB,
  win: Window,
  articles: { subscribe(next: (list: ArticleRecord[]) => void, error?: (e: unknown) => void): () => void },
  pause: () => Promise<void> = () => idle(win),
): () => void {
  let chain = Promise.resolve();
  const run = (articleIds?: number[]) => {
    chain = chain
      .then(pause) // after the page's own work (first paint, the list)
      .then(() => anchorWaiting(db, win, { articleIds, pause }))
      .then(
        () => undefined,
        (e) => console.warn('Gist: anchoring highlights', e),
      );
  };
  run();
  let pending: Set<number> | null = null;
  return articles.subscribe(
    (list) => {
      const now = new Set(list.filter((a) => a.contentState === 'pending').map((a) => a.id));
      const fetched = pending ? [...pending].filter((id) => !now.has(id)) : [];
      pending = now;
      if (fetched.length) run(fetched);
    },
    (e) => console.warn('Gist: anchoring highlights', e),
  );
}

/** The next idle moment of the page (a timer where there is no requestIdleCallback). */
function idle(win: Window): Promise<void> {
  return new Promise((resolve) => {
    if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
}
