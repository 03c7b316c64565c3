// Writes parsed import items into the library: one article per canonical URL, merged into what is
// already there (merge-rules: tags united, earliest save date, highlights added, archived / favorite /
// further progress win), content sanitized by the caller's function (DOMPurify needs a window).
// Every item gets a typed outcome with its reason.
import type { ArticleRecord, GistDB, HighlightRecord, ImageRecord } from '../db/schema';
import { countText, readingMinutes } from '../reading-time/index';
import { canonicalUrl } from '../url/canonical-url';
import { displayHost } from '../url/host';
import { htmlToText } from './html-text';
import { mergeTags, moreProgress, percent, planHighlights } from './merge-rules';
import type { ImportItem } from './types';

export interface SanitizedContent {
  html: string;
  /** Plain text; derived from `html` when absent. */
  text?: string;
  /** Remote images the HTML references (to download later). */
  images?: string[];
}

export interface ApplyDeps {
  /** Sanitizes imported HTML for storage, e.g. `(h, base) => prepareStoredHtml(h, window, base)`. */
  sanitize(html: string, baseUrl: string): SanitizedContent | Promise<SanitizedContent>;
  /** Recorded on new articles as `source`, e.g. "import:pocket-html". */
  source?: string;
  now?: () => number;
  /** Items written per transaction (default 200): large imports never hold one long transaction. */
  chunkSize?: number;
  onProgress?(done: number, total: number): void;
}

/**
 * imported: a new article. merged: already in the library, and the item added something to it.
 * duplicate: already in the library with everything the item says. failed: nothing written.
 */
export type ApplyStatus = 'imported' | 'merged' | 'duplicate' | 'failed';

export interface ApplyOutcome {
  index: number;
  where: string;
  url: string;
  outcome: ApplyStatus;
  /** For people; counts and logic use `outcome` and `needsFetch`. */
  reason: string;
  articleId?: number;
  /** A new article without content: the fetch queue will get its page. */
  needsFetch?: boolean;
  /** Remote images of imported content not stored yet (the fetch queue downloads them). */
  pendingImages?: string[];
  /** Ids of the highlights this item added (stored 'waiting' or as a Gist export had them). */
  highlights?: string[];
}

interface Prepared {
  index: number;
  item: ImportItem;
  key: string;
  content?: { html: string; text: string; images: string[] };
  contentProblem?: string;
}

function keyOf(item: ImportItem): string {
  return item.gist?.canonicalUrl || canonicalUrl(item.url);
}

async function prepare(index: number, item: ImportItem, deps: ApplyDeps, haveContent: Set<string>): Promise<Prepared | ApplyOutcome> {
  const fail = (reason: string): ApplyOutcome => ({ index, where: item.where, url: item.url, outcome: 'failed', reason });
  let u: URL;
  try {
    u = new URL(item.url);
  } catch {
    return fail('not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return fail(`not a web page (${u.protocol} URL)`);
  const key = keyOf(item);
  const p: Prepared = { index, item, key };
  // Sanitizing is the slow part (a DOM pass): skip it when the library already has this article's body.
  if (item.content && !haveContent.has(key)) {
    try {
      const s = await deps.sanitize(item.content, item.url);
      const text = item.gist?.text ?? s.text ?? htmlToText(s.html);
      if (s.html.trim()) p.content = { html: s.html, text, images: s.images ?? [] };
      else p.contentProblem = 'the imported content was empty after sanitizing; the page will be fetched instead';
    } catch (e) {
      p.contentProblem = `the imported content could not be sanitized (${e instanceof Error ? e.message : String(e)}); the page will be fetched instead`;
    }
  }
  return p;
}

function newRecord(p: Prepared, now: number, source: string | undefined): Omit<ArticleRecord, 'id'> {
  const { item } = p;
  const g = item.gist ?? {};
  const counts = p.content ? countText(p.content.text) : { words: 0, cjkChars: 0 };
  const images = g.imageCount ?? p.content?.images.length ?? 0;
  const saved = item.savedAt ? Date.parse(item.savedAt) : NaN;
  const rec: Omit<ArticleRecord, 'id'> = {
    url: p.key,
    originalUrl: item.url,
    title: item.title || item.url,
    byline: item.author ?? null,
    siteName: item.siteName ?? displayHost(item.url),
    lang: item.lang ?? null,
    publishedTime: item.publishedAt ?? null,
    excerpt: item.excerpt ?? null,
    savedAt: Number.isFinite(saved) ? saved : now,
    updatedAt: g.updatedAt ?? now,
    status: item.status,
    favorite: item.favorite ? 1 : 0,
    tags: item.tags,
    tagCandidates: g.tagCandidates ?? [],
    // Tags that came with the import are the user's own: suggestions must not replace them.
    tagsEdited: g.tagsEdited ?? item.tags.length > 0,
    wordCount: g.wordCount ?? counts.words,
    cjkChars: g.cjkChars ?? counts.cjkChars,
    imageCount: images,
    readingMinutes: g.readingMinutes ?? (p.content ? readingMinutes({ ...counts, images }) : 0),
    progress: item.progress ?? 0,
    contentState: g.contentState ?? (p.content ? 'full' : 'pending'),
  };
  if (g.note !== undefined) rec.note = g.note;
  const src = g.source ?? source;
  if (src) rec.source = src;
  if (g.fetchError) rec.fetchError = g.fetchError;
  if (g.fetchAttempts) rec.fetchAttempts = g.fetchAttempts;
  if (g.imagesDropped) rec.imagesDropped = true;
  return rec;
}

/**
 * What merging `item` into `a` changes (empty when nothing would): `notes` say what changed, `kept`
 * where the library already says more than the file (its state stays, and the report says so).
 */
function mergeChanges(a: ArticleRecord, p: Prepared): { changes: Partial<ArticleRecord>; notes: string[]; kept: string[] } {
  const { item } = p;
  const changes: Partial<ArticleRecord> = {};
  const notes: string[] = [];
  const kept: string[] = [];
  const tags = mergeTags(a.tags, item.tags);
  if (tags.length > a.tags.length) {
    changes.tags = tags;
    notes.push(`${tags.length - a.tags.length} tag(s) added`);
  }
  const saved = item.savedAt ? Date.parse(item.savedAt) : NaN;
  if (Number.isFinite(saved) && saved < a.savedAt) {
    changes.savedAt = saved;
    notes.push('earlier save date kept');
  }
  if (item.status === 'archived' && a.status !== 'archived') {
    changes.status = 'archived';
    notes.push('archived');
  } else if (item.status !== 'archived' && a.status === 'archived') kept.push('kept archived (the file says unread)');
  if (item.favorite && !a.favorite) {
    changes.favorite = 1;
    notes.push('marked favorite');
  } else if (!item.favorite && a.favorite) kept.push('kept favorite (the file says not)');
  if (moreProgress(item.progress, a.progress)) {
    changes.progress = item.progress;
    notes.push(`reading progress ${percent(a.progress)} → ${percent(item.progress)}`);
  } else if (item.progress !== undefined && item.progress < a.progress)
    kept.push(`kept reading progress ${percent(a.progress)} (the file says ${percent(item.progress)})`);
  const note = item.gist?.note;
  if (note?.trim() && note !== a.note) {
    if (!a.note?.trim()) {
      changes.note = note;
      notes.push('note added');
    } else kept.push("kept the library's note (the file has another)");
  }
  if ((!a.title || a.title === a.originalUrl) && item.title) {
    changes.title = item.title;
    notes.push('title filled');
  }
  if (a.contentState !== 'full' && p.content) {
    const counts = countText(p.content.text);
    Object.assign(changes, {
      contentState: 'full',
      wordCount: counts.words,
      cjkChars: counts.cjkChars,
      imageCount: p.content.images.length,
      readingMinutes: readingMinutes({ ...counts, images: p.content.images.length }),
    });
    notes.push('content added');
  }
  return { changes, notes, kept };
}

/**
 * Stores the item's highlights on article `articleId` (inside the caller's transaction): new quotes
 * added, notes filled in where the library's copy has none. Returns the new ids and notes filled.
 */
async function writeHighlights(
  db: GistDB,
  articleId: number,
  p: Prepared,
  ctx: { source: string; fallbackTime: number },
): Promise<{ ids: string[]; notes: number }> {
  const incoming = p.item.highlights ?? [];
  if (!incoming.length) return { ids: [], notes: 0 };
  const have = await db.highlights.where('articleId').equals(articleId).toArray();
  const recordIds = incoming.flatMap((h) => (h.record ? [h.record.id] : []));
  // A Gist id already stored on another article (the file was edited, or imported into a copy): new id.
  const takenIds = new Set(
    recordIds.length ? (await db.highlights.bulkGet(recordIds)).flatMap((h) => (h && h.articleId !== articleId ? [h.id] : [])) : [],
  );
  const plan = planHighlights(articleId, have, incoming, { ...ctx, takenIds });
  if (plan.add.length) await db.highlights.bulkAdd(plan.add);
  const stored = new Map<string, HighlightRecord>(have.map((h) => [h.id, h]));
  for (const [id, note] of plan.notes)
    await db.highlights.update(id, { note, updatedAt: Math.max(ctx.fallbackTime, stored.get(id)!.updatedAt) });
  return { ids: plan.add.map((h) => h.id), notes: plan.notes.length };
}

function highlightNotes(w: { ids: string[]; notes: number }): string[] {
  return [...(w.ids.length ? [`${w.ids.length} highlight(s) added`] : []), ...(w.notes ? [`${w.notes} note(s) added to highlights`] : [])];
}

function noContentReason(rec: ArticleRecord): string {
  if (rec.contentState === 'pending') return 'imported; the page is fetched later';
  if (rec.contentState === 'failed') return `imported; its page could not be fetched before (${rec.fetchError ?? 'no reason recorded'})`;
  return 'imported without its content';
}

function mergeReason(notes: string[], kept: string[]): string {
  return `already in the library; ${notes.length ? `merged: ${notes.join(', ')}` : 'nothing new'}${kept.length ? `; ${kept.join(', ')}` : ''}`;
}

/** Imports `items` (from parseImport) into `db`; returns one outcome per item, in order. */
export async function applyImport(db: GistDB, items: ImportItem[], deps: ApplyDeps): Promise<ApplyOutcome[]> {
  const now = deps.now ?? Date.now;
  const size = Math.max(1, deps.chunkSize ?? 200);
  const source = deps.source ?? 'import';
  const outcomes: ApplyOutcome[] = new Array(items.length);
  for (let start = 0; start < items.length; start += size) {
    // Sanitizing is done before the transaction: nothing async but IndexedDB may run inside one.
    const prepared: Prepared[] = [];
    const end = Math.min(items.length, start + size);
    const keys: string[] = [];
    for (let i = start; i < end; i++) if (items[i].content) keys.push(keyOf(items[i]));
    const haveContent = new Set(
      keys.length ? (await db.articles.where('url').anyOf(keys).toArray()).filter((a) => a.contentState === 'full').map((a) => a.url) : [],
    );
    for (let i = start; i < end; i++) {
      const r = await prepare(i, items[i], deps, haveContent);
      if ('outcome' in r) outcomes[i] = r;
      else prepared.push(r);
    }
    try {
      await db.transaction('rw', [db.articles, db.contents, db.images, db.highlights], async () => {
        const t = now();
        // One lookup for the whole chunk; items of the chunk that repeat a URL find the one just added.
        const known = new Map<string, ArticleRecord>();
        for (const a of await db.articles
          .where('url')
          .anyOf([...new Set(prepared.map((p) => p.key))])
          .toArray())
          known.set(a.url, a);
        // New articles of the chunk go in with one bulkAdd and their bodies with one bulkPut: awaiting
        // one add() per item costs a round trip each (10,000 links took ~10 s instead of ~3 s).
        const firstNew = new Map<string, Prepared>();
        for (const p of prepared) if (!known.has(p.key) && !firstNew.has(p.key)) firstNew.set(p.key, p);
        const fresh = [...firstNew.values()];
        const freshRecs = fresh.map((p) => newRecord(p, t, deps.source) as ArticleRecord);
        const freshIds = freshRecs.length ? ((await db.articles.bulkAdd(freshRecs, { allKeys: true })) as number[]) : [];
        const added = new Map<Prepared, { rec: ArticleRecord; id: number }>(
          fresh.map((p, k) => [p, { rec: freshRecs[k], id: freshIds[k] }]),
        );
        const bodies: { articleId: number; html: string; text: string }[] = [];
        for (const p of prepared) {
          const base = { index: p.index, where: p.item.where, url: p.item.url };
          const existing = added.has(p) ? undefined : known.get(p.key);
          if (existing) {
            const { changes, notes, kept } = mergeChanges(existing, p);
            const hl = await writeHighlights(db, existing.id, p, { source: existing.source ?? source, fallbackTime: t });
            notes.push(...highlightNotes(hl));
            if (notes.length) {
              await db.articles.update(existing.id, { ...changes, updatedAt: t });
              known.set(p.key, { ...existing, ...changes, updatedAt: t });
              if (changes.contentState === 'full' && p.content)
                await db.contents.put({ articleId: existing.id, html: p.content.html, text: p.content.text });
            }
            outcomes[p.index] = {
              ...base,
              outcome: notes.length ? 'merged' : 'duplicate',
              reason: mergeReason(notes, kept),
              articleId: existing.id,
              ...(changes.contentState === 'full' && p.content?.images.length ? { pendingImages: p.content.images } : {}),
              ...(hl.ids.length ? { highlights: hl.ids } : {}),
            };
            continue;
          }
          const { rec, id } = added.get(p)!;
          known.set(p.key, { ...rec, id });
          const hl = await writeHighlights(db, id, p, { source: rec.source ?? source, fallbackTime: rec.savedAt });
          if (p.content) bodies.push({ articleId: id, html: p.content.html, text: p.content.text });
          const imgs = p.item.gist?.images ?? [];
          if (imgs.length) {
            await db.images.bulkAdd(
              imgs.map((im) => ({ articleId: id, src: im.src, blob: new Blob([im.data as BlobPart], { type: im.type }) })) as ImageRecord[],
            );
          }
          const stored = new Set(imgs.map((im) => im.src));
          const pending = (p.content?.images ?? []).filter((s) => !stored.has(s));
          outcomes[p.index] = {
            ...base,
            outcome: 'imported',
            reason: p.content ? 'imported with its content' : (p.contentProblem ?? noContentReason(rec)),
            articleId: id,
            needsFetch: rec.contentState === 'pending',
            ...(pending.length ? { pendingImages: pending } : {}),
            ...(hl.ids.length ? { highlights: hl.ids } : {}),
          };
        }
        if (bodies.length) await db.contents.bulkPut(bodies);
      });
    } catch (e) {
      // The chunk's transaction rolled back: nothing of it was written. Retry one by one so a single
      // bad item cannot fail its neighbours.
      if (prepared.length > 1) {
        const retry = await applyImport(
          db,
          prepared.map((p) => p.item),
          { ...deps, chunkSize: 1, onProgress: undefined },
        );
        retry.forEach((o, k) => {
          outcomes[prepared[k].index] = { ...o, index: prepared[k].index };
        });
      } else {
        for (const p of prepared)
          outcomes[p.index] = {
            index: p.index,
            where: p.item.where,
            url: p.item.url,
            outcome: 'failed',
            reason: `could not be written: ${e instanceof Error ? e.message : String(e)}`,
          };
      }
    }
    deps.onProgress?.(Math.min(items.length, start + size), items.length);
  }
  return outcomes;
}
