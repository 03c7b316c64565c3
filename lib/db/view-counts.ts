// How many articles each library view shows, from indexed count()s (schema 6's [status+progress] and
// favorite indexes): the tabs' counts without reading the whole table, which at 50,000 articles is
// seconds of the page's main thread. Counted again after the articles table changes (here or, over
// Dexie's BroadcastChannel, in the service worker), once however many commits came in meanwhile: a few
// index walks in the storage process, not a re-read of every record.
import Dexie, { type ObservabilitySet } from 'dexie';
import type { GistDB } from './schema';

export interface ViewCounts {
  unread: number;
  inprogress: number;
  favorite: number;
  archived: number;
  all: number;
}

/** "In progress": not archived, progress in [start, done) — lib/search/list-query's isInProgress. */
export interface ProgressRange {
  start: number;
  done: number;
}

/**
 * Every view's count, in one read transaction (so they agree with each other), one count at a time:
 * Chromium runs the requests queued in a transaction back to back as one task of the storage process,
 * and each count walks its index (~0.4 s for 50,000 entries), so five queued at once held every other
 * request of the extension (the next library page's opening among them) for ~2 s. "All" is unread plus
 * archived (status is only ever one of them, and every article has a progress), not a walk of the table.
 */
export function countViews(db: GistDB, progress: ProgressRange): Promise<ViewCounts> {
  return db.transaction('r', db.articles, async () => {
    const byStatus = db.articles.where('[status+progress]');
    const unread = await byStatus.between(['unread', Dexie.minKey], ['unread', Dexie.maxKey], true, true).count();
    const archived = await byStatus.between(['archived', Dexie.minKey], ['archived', Dexie.maxKey], true, true).count();
    // isInProgress excludes archived articles.
    const inprogress = await byStatus.between(['unread', progress.start], ['unread', progress.done], true, false).count();
    const favorite = await db.articles.where('favorite').equals(1).count();
    return { unread, inprogress, favorite, archived, all: unread + archived };
  });
}

type Listener = (c: ViewCounts) => void;

/** `countViews`, live: `subscribe` calls back now and after every change of the articles table. */
export class LiveViewCounts {
  private listeners = new Set<{ next: Listener; error?: (e: unknown) => void }>();
  private last: ViewCounts | null = null;
  private counting = false;
  private stale = false;
  private holds = 0;
  /** A change came in while held: count when released. */
  private heldBack = false;
  private readonly onMutated = (parts: ObservabilitySet) => {
    const prefix = `idb://${this.db.name}/articles/`;
    if (Object.keys(parts).some((k) => k === 'all' || k.startsWith(prefix))) this.count();
  };

  constructor(
    private db: GistDB,
    private progress: ProgressRange,
  ) {}

  /**
   * No counting until the returned function is called, which counts once: an import commits hundreds of
   * chunks, and at 100,000 articles each count walks ~300,000 index entries in the storage process, which
   * the import's own writes then wait behind (a 30,000-link import took 5.9x the time of 10,000).
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0 && this.heldBack) {
        this.heldBack = false;
        this.count();
      }
    };
  }

  private count() {
    if (!this.listeners.size) return;
    if (this.holds) {
      this.heldBack = true;
      return;
    }
    if (this.counting) {
      this.stale = true;
      return;
    }
    this.counting = true;
    this.stale = false;
    // Outside any transaction the notice may come from.
    Dexie.ignoreTransaction(() => countViews(this.db, this.progress)).then(
      (c) => {
        this.counting = false;
        if (!this.listeners.size) return;
        if (this.stale) return this.count();
        this.last = c;
        for (const l of [...this.listeners]) l.next(c);
      },
      (e) => {
        this.counting = false;
        for (const l of [...this.listeners]) l.error?.(e);
      },
    );
  }

  subscribe(next: Listener, error?: (e: unknown) => void): () => void {
    const l = { next, error };
    const first = !this.listeners.size;
    this.listeners.add(l);
    if (first) {
      Dexie.on('storagemutated', this.onMutated);
      this.count();
    } else if (this.last) next(this.last);
    return () => {
      if (!this.listeners.delete(l) || this.listeners.size) return;
      Dexie.on.storagemutated.unsubscribe(this.onMutated);
      this.last = null;
      this.stale = false;
    };
  }
}
