// One live query over the whole articles table, shared by every reader of the full list on a page (the
// library's list, which also feeds the search index, and the fetch queue's counts). Each of them used to
// run its own liveQuery, so every write re-read all 10,000 rows once per reader; now once in all.
import { liveQuery, type Subscription } from 'dexie';
import type { ArticleRecord, GistDB } from './schema';
import { listArticles } from './articles';

type Listener = { next(articles: ArticleRecord[]): void; error?(e: unknown): void };

export class LiveArticles {
  private listeners = new Set<Listener>();
  private sub: Subscription | null = null;
  private last: ArticleRecord[] | null = null;
  private holds = 0;

  constructor(private db: GistDB) {}

  /**
   * Stops re-reading the table until the returned function is called, which reads it once: a bulk
   * write (an import of 100,000 links commits hundreds of chunks) would otherwise re-read every article
   * after every chunk — at 10,000 articles that was most of the import's time. Listeners stay.
   */
  hold(): () => void {
    this.holds++;
    this.sub?.unsubscribe();
    this.sub = null;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0 && this.listeners.size) this.start();
    };
  }

  private start() {
    this.sub = liveQuery(() => listArticles(this.db)).subscribe({
      next: (list) => {
        this.last = list;
        for (const x of [...this.listeners]) x.next(list);
      },
      error: (e) => {
        // The query has ended: tell everyone, and let the next subscriber start a new one.
        this.sub = null;
        this.last = null;
        for (const x of [...this.listeners]) x.error?.(e);
      },
    });
  }

  /**
   * Calls `next` with every article, newest saved first, now (at once when the list is already known)
   * and after every change. The query runs while anyone listens; returns unsubscribe.
   */
  subscribe(next: (articles: ArticleRecord[]) => void, error?: (e: unknown) => void): () => void {
    const l: Listener = { next, error };
    this.listeners.add(l);
    if (this.sub || this.holds) {
      if (this.last) next(this.last);
    } else this.start();
    return () => {
      if (!this.listeners.delete(l) || this.listeners.size) return;
      this.sub?.unsubscribe();
      this.sub = null;
      this.last = null;
    };
  }
}
