// The list's base order, newest saved first (ties: the higher id), and whether a list is already so.
// Every sort's tie-break, so lib/search/list-query.ts filters in this order and sorts by one key.
import type { ArticleRecord } from '../db/schema';
import { orderByKeys } from './sort-order';

/** Newest saved first, then the higher id. */
const newer = (a: ArticleRecord, b: ArticleRecord) => a.savedAt > b.savedAt || (a.savedAt === b.savedAt && a.id > b.id);

/**
 * Lists found already in order, with their length then. Checking walks the whole list, reading two
 * fields of records of many shapes: 5.7 ms of each keystroke at 20,000 articles in the page's profile,
 * for a list that only changes when the library does (and then is a new array: lists are never
 * reordered in place).
 */
const knownInOrder = new WeakMap<readonly ArticleRecord[], number>();

/** True when `all` is newest saved first, ties by the higher id (remembered per list). */
export function isNewestFirst(all: readonly ArticleRecord[]): boolean {
  if (knownInOrder.get(all) === all.length) return true;
  for (let i = 1; i < all.length; i++) if (!newer(all[i - 1], all[i])) return false;
  knownInOrder.set(all, all.length);
  return true;
}

/**
 * `all` newest saved first, ties by the higher id: `all` itself when already so (the library reads its
 * list in that order from the savedAt index; checking costs one pass), else a sorted copy.
 */
export function newestFirst(all: ArticleRecord[]): ArticleRecord[] {
  if (isNewestFirst(all)) return all;
  const n = all.length;
  const saved = new Float64Array(n);
  const ids = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    saved[i] = -all[i].savedAt;
    ids[i] = -all[i].id;
  }
  const order = orderByKeys([saved, ids]);
  const out = new Array<ArticleRecord>(n);
  for (let i = 0; i < n; i++) out[i] = all[order[i]];
  return out;
}

/** Each id's position in a list, by id for the database's small integer ids; null when ids repeat. */
type Positions = { length: number; at: Int32Array | Map<number, number> | null };
const positionsByList = new WeakMap<readonly ArticleRecord[], Positions>();

function positions(all: readonly ArticleRecord[]): Positions['at'] {
  const known = positionsByList.get(all);
  if (known?.length === all.length) return known.at;
  let max = -1;
  let small = true;
  for (const a of all) {
    if (!Number.isInteger(a.id) || a.id < 0) small = false;
    else if (a.id > max) max = a.id;
  }
  // Sparse ids (many deleted articles): an array this size would cost more than it saves.
  const dense = small && max < 4 * all.length + 65536 ? new Int32Array(max + 1).fill(-1) : null;
  const map = dense ? null : new Map<number, number>();
  let repeated = false;
  for (let i = 0; i < all.length && !repeated; i++) {
    const id = all[i].id;
    if (dense) {
      repeated = dense[id] >= 0;
      dense[id] = i;
    } else {
      repeated = map!.has(id);
      map!.set(id, i);
    }
  }
  const at = repeated ? null : (dense ?? map);
  positionsByList.set(all, { length: all.length, at });
  return at;
}

/**
 * The positions in `all` of the articles with these ids (ids not in it are skipped), ascending: a
 * search's hits in the list's order without visiting every article (a few hundred hits of 50,000 on
 * most keystrokes). Null when `all` holds an id twice (the caller then walks the list).
 */
export function positionsOf(all: readonly ArticleRecord[], ids: Iterable<number>, count: number): Uint32Array | null {
  const at = positions(all);
  if (!at) return null;
  const found = new Uint32Array(count);
  let k = 0;
  for (const id of ids) {
    const p = at instanceof Map ? at.get(id) : Number.isInteger(id) && id >= 0 ? at[id] : undefined;
    if (p !== undefined && p >= 0 && k < count) found[k++] = p;
  }
  return found.subarray(0, k).sort();
}
