// One live read of the whole articles table, shared by every reader of the full list on a page (the
// library's list, which also feeds the search index, and the fetch queue's counts). Each of them used to
// run its own liveQuery, so every write re-read all 10,000 rows once per reader; now once in all.
//
// Not a Dexie liveQuery: for an index query liveQuery records every returned primary key in a range tree
// and deep-clones the result out of its cache — at 100,000 articles several seconds of one task after an
// import. Dexie's 'storagemutated' notice (this page's commits and, over BroadcastChannel, the service
// worker's) says when the table changed; the list is then read again (in pages, a task each), once however
// many commits came in meanwhile, and handed to each listener in a task of its own.
import Dexie, { type ObservabilitySet } from 'dexie';
import type { ArticleRecord, GistDB } from './schema';

/**
 * Rows per read. Chromium reads a request's records in one task of the storage process, which every other
 * request of the extension waits behind (the next library page's opening among them): 4,000 records were
 * 0.15–0.5 s of it at 50,000 articles, 1,000 are a quarter of that.
 */
const PAGE = 1000;

/** listArticles' order: newest saved first, the newer id first on a tie (the savedAt index's, reversed). */
const newestFirst = (a: ArticleRecord, b: ArticleRecord) => b.savedAt - a.savedAt || b.id - a.id;

/**
 * Every article, newest saved first — listArticles' order and rows — read in pages of `PAGE` by primary
 * key inside one read transaction (so no write lands between pages), each page its own task, and sorted
 * here: the order from the savedAt index's keys was one request walking every entry of the index (0.5–1.5 s
 * of the storage process at 50,000 articles, in which nothing else of the extension's was answered).
 */
export async function readAllInPages(db: GistDB, page = PAGE): Promise<ArticleRecord[]> {
  const out = await db.transaction('r', db.articles, async () => {
    const all: ArticleRecord[] = [];
    let rows = await db.articles.limit(page).toArray();
    for (;;) {
      for (const a of rows) all.push(a);
      if (rows.length < page) break;
      rows = await db.articles
        .where(':id')
        .above(rows[rows.length - 1].id)
        .limit(page)
        .toArray();
    }
    return all;
  });
  // The savedAt index holds only rows whose savedAt is a key (always a number, by the schema's type).
  return out.filter((a) => typeof a.savedAt === 'number' && !Number.isNaN(a.savedAt)).sort(newestFirst);
}

type Listener = { next(articles: ArticleRecord[]): void; error?(e: unknown): void };

export class LiveArticles {
  private listeners = new Set<Listener>();
  private running = false;
  private last: ArticleRecord[] | null = null;
  private holds = 0;
  /** A read is under way; `stale`: the table changed since it began (read again when it ends). */
  private reading = false;
  private stale = false;
  /** Bumped when the query stops: a read begun before then delivers nothing. */
  private generation = 0;
  private readonly onMutated = (parts: ObservabilitySet) => {
    const prefix = `idb://${this.db.name}/articles/`;
    if (Object.keys(parts).some((k) => k === 'all' || k.startsWith(prefix))) this.read();
  };

  constructor(private db: GistDB) {}

  /**
   * Stops re-reading the table until the returned function is called, which reads it once: a bulk
   * write (an import of 100,000 links commits hundreds of chunks) would otherwise re-read every article
   * after every chunk — at 10,000 articles that was most of the import's time. Listeners stay.
   */
  hold(): () => void {
    this.holds++;
    this.stop();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0 && this.listeners.size) this.start();
    };
  }

  private start() {
    if (this.running) return;
    this.running = true;
    const gen = this.generation;
    // Listening from when the database is open: opening it (creating or upgrading the schema) announces
    // every table as changed, which would read the list twice. A failed open fails the read, below.
    void this.db
      .open()
      .catch(() => undefined)
      .then(() => {
        if (gen !== this.generation) return;
        Dexie.on('storagemutated', this.onMutated);
        this.read();
      });
  }

  private stop() {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    this.reading = this.stale = false;
    Dexie.on.storagemutated.unsubscribe(this.onMutated);
  }

  private read() {
    if (!this.running) return;
    if (this.reading) {
      this.stale = true;
      return;
    }
    this.reading = true;
    this.stale = false;
    const gen = this.generation;
    // Outside any transaction the notice may come from; a plain read, not a live one (see above).
    Dexie.ignoreTransaction(() => readAllInPages(this.db)).then(
      async (list) => {
        if (gen !== this.generation) return;
        this.last = list;
        // Each listener in its own task: the list's render, the queue's counts and the search index
        // are each a long step at 100,000 articles, and together one task of seconds.
        for (const x of [...this.listeners]) {
          if (gen !== this.generation || this.last !== list) break;
          if (this.listeners.has(x)) x.next(list);
          await new Promise((r) => setTimeout(r, 0));
        }
        if (gen !== this.generation) return;
        this.reading = false;
        if (this.stale) this.read();
      },
      (e) => {
        if (gen !== this.generation) return;
        // The query has ended: tell everyone, and let the next subscriber start a new one.
        this.stop();
        this.last = null;
        for (const x of [...this.listeners]) x.error?.(e);
      },
    );
  }

  /**
   * Calls `next` with every article, newest saved first, now (at once when the list is already known)
   * and after every change. The read runs while anyone listens; returns unsubscribe.
   */
  subscribe(next: (articles: ArticleRecord[]) => void, error?: (e: unknown) => void): () => void {
    const l: Listener = { next, error };
    this.listeners.add(l);
    if (this.running || this.holds) {
      if (this.last) next(this.last);
    } else this.start();
    return () => {
      if (!this.listeners.delete(l) || this.listeners.size) return;
      this.stop();
      this.last = null;
    };
  }
}

/**
 * `subscribe` called once `gate` settles or `maxMs` have passed, whichever is first; the returned
 * function unsubscribes (or cancels the wait). The library page gates its whole-list read on the search
 * index's opening: both are long main-thread work at 50,000 articles, and the index is the shorter.
 */
export function subscribeWhen(gate: Promise<unknown>, maxMs: number, subscribe: () => () => void): () => void {
  let off: (() => void) | null = null;
  let live = true;
  const go = () => {
    clearTimeout(timer);
    if (live && !off) off = subscribe();
  };
  const timer = setTimeout(go, maxMs);
  gate.then(go, go);
  return () => {
    live = false;
    clearTimeout(timer);
    off?.();
  };
}
