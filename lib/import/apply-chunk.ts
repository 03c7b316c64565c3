// One chunk of an import written in one transaction: new articles with one bulkAdd, their bodies with
// one bulkPut, existing ones (found through the import's URL → id map, read with one bulkGet) merged.
// Awaiting one add() per item costs a round trip each (10,000 links took ~10 s instead of ~3 s).
import type { ArticleRecord, GistDB, ImageRecord } from '../db/schema';
import type { Transaction } from 'dexie';
import { bulkPutBodies, putBody } from '../db/contents';
import type { ApplyOutcome } from './apply-import';
import { highlightNotes, mergeChanges, mergeReason, newRecord, noContentReason, writeHighlights, type Prepared } from './apply-records';

export interface ChunkCtx {
  /** Canonical URL → article id of everything in the library (loaded once, new ids added here; the
   * caller reloads it when the transaction rolls back). */
  ids: Map<string, number>;
  now: number;
  source: string;
  /** `source` as the caller gave it (new records get it only then). */
  newSource: string | undefined;
}

/** The tables an import writes. */
export type ImportTables = Pick<GistDB, 'articles' | 'contents' | 'texts' | 'images' | 'highlights'>;

/**
 * The tables bound to transaction `tx`: writes made through them belong to it even after an await of
 * a plain promise (Dexie's implicit transaction zone is lost there, and writes would then go to
 * transactions of their own, committed apart — the chunk's rollback would not undo them).
 */
export function tablesOf(tx: Transaction): ImportTables {
  return {
    articles: tx.table('articles'),
    contents: tx.table('contents'),
    texts: tx.table('texts'),
    images: tx.table('images'),
    highlights: tx.table('highlights'),
  } as ImportTables;
}

/**
 * The stored records of `ids`. A re-imported file's articles have neighbouring ids (one import added
 * them in order): when the ids are that dense, one range read (a getAll) instead of a get per id.
 */
async function readMany(db: ImportTables, ids: number[]): Promise<ArticleRecord[]> {
  if (!ids.length) return [];
  let lo = Infinity,
    hi = -Infinity;
  for (const id of ids) {
    lo = Math.min(lo, id);
    hi = Math.max(hi, id);
  }
  if (hi - lo + 1 > ids.length * 2) return (await db.articles.bulkGet(ids)).filter((a): a is ArticleRecord => !!a);
  const want = new Set(ids);
  return (await db.articles.where(':id').between(lo, hi, true, true).toArray()).filter((a) => want.has(a.id));
}

/**
 * Items without highlights (every row of a links export) skip writeHighlights and its await: each
 * await inside a Dexie transaction has the zone's bookkeeping, 100,000 times over an import.
 */
const NO_HIGHLIGHTS: { ids: string[]; notes: number } = { ids: [], notes: 0 };

/** Writes `prepared` (inside the caller's transaction, through its tables) and fills their outcomes. */
export async function writeChunk(db: ImportTables, prepared: Prepared[], outcomes: ApplyOutcome[], ctx: ChunkCtx): Promise<void> {
  const t = ctx.now;
  // The library's records of this chunk's URLs; items of the chunk that repeat a URL find the one just added.
  const knownIds = [...new Set(prepared.flatMap((p) => (ctx.ids.has(p.key) ? [ctx.ids.get(p.key)!] : [])))];
  const known = new Map<string, ArticleRecord>();
  for (const a of await readMany(db, knownIds)) known.set(a.url, a);
  const firstNew = new Map<string, Prepared>();
  for (const p of prepared) if (!known.has(p.key) && !firstNew.has(p.key)) firstNew.set(p.key, p);
  const fresh = [...firstNew.values()];
  const freshRecs = fresh.map((p) => newRecord(p, t, ctx.newSource) as ArticleRecord);
  const freshIds = freshRecs.length ? ((await db.articles.bulkAdd(freshRecs, { allKeys: true })) as number[]) : [];
  fresh.forEach((p, k) => ctx.ids.set(p.key, freshIds[k]));
  const added = new Map<Prepared, { rec: ArticleRecord; id: number }>(fresh.map((p, k) => [p, { rec: freshRecs[k], id: freshIds[k] }]));
  const bodies: { articleId: number; html: string; text: string }[] = [];
  for (const p of prepared) {
    const base = { index: p.index, where: p.item.where, url: p.item.url };
    const existing = added.has(p) ? undefined : known.get(p.key);
    if (existing) {
      const { changes, notes, kept } = mergeChanges(existing, p);
      const hl = p.item.highlights?.length
        ? await writeHighlights(db, existing.id, p, { source: existing.source ?? ctx.source, fallbackTime: t })
        : NO_HIGHLIGHTS;
      notes.push(...highlightNotes(hl));
      if (notes.length) {
        await db.articles.update(existing.id, { ...changes, updatedAt: t });
        known.set(p.key, { ...existing, ...changes, updatedAt: t });
        if (changes.contentState === 'full' && p.content)
          await putBody(db, { articleId: existing.id, html: p.content.html, text: p.content.text });
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
    const hl = p.item.highlights?.length
      ? await writeHighlights(db, id, p, { source: rec.source ?? ctx.source, fallbackTime: rec.savedAt })
      : NO_HIGHLIGHTS;
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
  await bulkPutBodies(db, bodies);
}
