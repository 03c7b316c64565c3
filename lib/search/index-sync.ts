// Keeps a TextIndex in step with the library through the change log (lib/db/change-log.ts). Opening
// loads the saved index's word part (typed arrays: a structured clone, not a rebuild) and applies the
// log rows after its watermark; search is then ready, and the phrase part (over half the bytes, needed
// only by quoted queries, rebases and saves) loads after, off that path. Later, every `sync` call (the page makes one per list change) applies the new
// rows. Only a missing, damaged or too old index (its watermark before the oldest kept row, after the
// newest, or a table cleared) is rebuilt from the articles, in chunks, yielding so typing stays smooth.
// The saved index is a cache: losing it costs one rebuild. Applying the log: log-replay.ts; indexing
// stored articles in slices: article-indexing.ts; checking and reading back the saved index: saved-index.ts.
import type { ArticleRecord } from '../db/schema';
import { TextIndex } from './text-index';
import type { IndexStore } from './index-store';
import { yieldToEvents } from './yield-events';
import { buildFromArticles, now, SLICE_MS } from './article-indexing';
import { attachSavedPhrases, watermarkUsable } from './saved-index';
import { replayLog } from './log-replay';
import { SaveTimer } from './save-timer';
import { HoldGate } from './hold-gate';

export interface SyncState {
  ready: boolean;
  indexed: number;
  total: number;
}

/** Applied-but-unsaved changes before the index is saved again (replaying fewer on opening is cheap). */
const SAVE_AFTER_CHANGES = 300;
const SAVE_DELAY_MS = 3000;
/** Log rows kept before the saved watermark, for other open library pages still behind it. */
const LOG_MARGIN = 1000;
// Timeline marks for the benchmark's page log.
const mark = (name: string) => (typeof performance !== 'undefined' ? performance.mark?.(name) : undefined);

export class IndexSync {
  index: TextIndex | null = null;
  watermark = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private unsaved = 0;
  private readonly saving = new SaveTimer(
    SAVE_DELAY_MS,
    () => !!this.running || !this.index || this.holds.held,
    () =>
      this.saveNow().catch(() => {
        /* a cache: the log still has everything */
      }),
  );
  /** The loaded index's phrase part, loading (null: not asked yet); resolves false when unusable. */
  private phraseLoad: Promise<boolean> | null = null;
  private loadedStamp = 0;
  /** The index whose postings are decoding or decoded (one slice loop per index, not per sync). */
  private decoding: TextIndex | null = null;
  /** The phrase part turned out missing or not the word part's: rebuild on the next sync. */
  private broken = false;
  private listeners = new Set<(s: SyncState) => void>();
  state: SyncState = { ready: false, indexed: 0, total: 0 };
  /** How the index was last obtained (for the benchmark and tests). */
  opened: 'loaded' | 'rebuilt' | null = null;
  private openedNow!: () => void;
  private readonly opening = new Promise<void>((r) => (this.openedNow = r));
  private started = false;
  /** Holds taken (imports running): catching up waits at its next pause, saving waits too. */
  private readonly holds = new HoldGate();

  constructor(
    private store: IndexStore,
    private yieldFn: () => Promise<void> = yieldToEvents,
  ) {}

  onChange(cb: (s: SyncState) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private emit(s: SyncState) {
    this.state = s;
    for (const cb of this.listeners) cb(s);
  }

  /**
   * Resolves once the first sync (started here if none was) has made the index ready, begun a rebuild or
   * failed: what the page waits for before reading the whole list, which at 50,000 articles held a saved
   * index's opening up by seconds when both shared the main thread.
   */
  open(): Promise<void> {
    if (!this.started) void this.sync();
    return this.opening;
  }

  /** Applies what changed since the last call (the list argument is only a signal; the log says what). */
  sync(_articles?: ArticleRecord[]): Promise<void> {
    this.started = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.catchUp();
        } while (this.again);
      } finally {
        this.running = null;
        this.openedNow();
      }
    })();
    return this.running;
  }

  /**
   * Pauses catching up (at its next yield) and saving until the returned function is called: an import
   * of 100,000 links and the index reading back the previous one's articles competed for the same main
   * thread and database (~14 s of a re-import's 61 s). On the last release, what the log gathered is
   * applied.
   */
  hold(): () => void {
    return this.holds.take(() => {
      if (this.started) void this.sync();
    });
  }

  /** Between batches: a macrotask, and no further while held. */
  private async pause(): Promise<void> {
    await this.yieldFn();
    while (this.holds.held) await this.holds.released;
  }

  private async catchUp(): Promise<void> {
    if (!this.index) {
      const saved = await this.store.loadSaved().catch(() => undefined);
      mark(saved ? 'gist:index-read' : 'gist:index-none');
      let loaded: TextIndex | null = null;
      if (saved && (await watermarkUsable(this.store, saved.watermark))) {
        try {
          loaded = TextIndex.deserialize(saved.words);
          mark('gist:index-parsed');
        } catch {
          /* damaged or older format: rebuilt below */
        }
      }
      if (loaded) {
        this.index = loaded;
        this.watermark = saved!.watermark;
        this.loadedStamp = saved!.stamp;
        this.phraseLoad = null;
        this.opened = 'loaded';
        if (await this.applyLog()) {
          this.finish();
          // A cache from another library (the database was deleted and made again) can pass the
          // watermark check; its size gives it away. Counted once the index is ready, not before: the
          // count walks every article (0.2–1.2 s of the storage process at 50,000), and a mismatch
          // rebuilds as before (searches keep this index meanwhile, as they did).
          if (this.index.size === (await this.store.count())) return;
        }
      }
      return this.rebuild();
    }
    if (this.broken || this.index.damaged || !(await watermarkUsable(this.store, this.watermark))) return this.rebuild();
    if (!(await this.applyLog())) return this.rebuild();
    this.finish();
  }

  private finish() {
    mark(`gist:index-${this.opened}`);
    this.openedNow();
    const ix = this.index!;
    this.emit({ ready: true, indexed: ix.size, total: ix.size });
    if (this.unsaved >= SAVE_AFTER_CHANGES) this.saving.schedule();
    if (this.decoding !== ix) void this.decodeInSlices(ix);
    if (!ix.phrasesReady)
      void this.phrasesOf(ix).then((ok) => {
        if (this.index !== ix) return;
        mark(ok ? 'gist:phrases-loaded' : 'gist:phrases-broken');
        // Views re-run their query: a quoted one now checks bodies, not only titles.
        if (ok) this.emit({ ...this.state });
        else {
          this.broken = true;
          void this.sync();
        }
      });
  }

  /**
   * Decodes a loaded index's packed postings a slice at a time after ready (a query decodes the terms it
   * needs meanwhile), so later queries read plain arrays. Damaged postings mean a rebuild.
   */
  private async decodeInSlices(ix: TextIndex): Promise<void> {
    this.decoding = ix;
    for (;;) {
      const start = now();
      let done = false;
      try {
        done = ix.decodeFor(() => now() - start < SLICE_MS);
      } catch {
        ix.damaged = true;
      }
      if (this.index !== ix) return;
      if (ix.damaged) {
        mark('gist:postings-broken');
        this.broken = true;
        return void this.sync();
      }
      if (done) return void mark('gist:postings-decoded');
      await this.pause();
    }
  }

  /** Resolves when the index can answer quoted queries (false: its phrase part was unusable; a rebuild follows). */
  phrasesReady(): Promise<boolean> {
    return this.index ? this.phrasesOf(this.index) : Promise.resolve(false);
  }

  /** Loads the saved phrase part into `ix` (once); false when it is missing, damaged or of another save. */
  private phrasesOf(ix: TextIndex): Promise<boolean> {
    if (ix.phrasesReady) return Promise.resolve(true);
    return (this.phraseLoad ??= attachSavedPhrases(this.store, ix, this.loadedStamp));
  }

  /** Applies log rows after the watermark (log-replay.ts); false when the log says to rebuild (a cleared table). */
  private async applyLog(): Promise<boolean> {
    const ix = this.index!;
    const replayed = await replayLog(
      this.store,
      ix,
      this.watermark,
      () => this.pause(),
      (seq, articles) => {
        this.watermark = seq;
        this.unsaved += articles;
      },
    );
    if (replayed === 'reset') return false;
    // Folding in changes rewrites the phrase data too; once for the whole catch-up, not per page.
    if (replayed === 'changed' && ix.stale) {
      if (!(await this.phrasesOf(ix))) return false;
      ix.rebase();
    }
    return true;
  }

  /** Indexes every article. Rows logged from here on are applied after, so nothing is missed. */
  private async rebuild(): Promise<void> {
    this.opened = 'rebuilt';
    this.broken = false;
    this.openedNow();
    const seq = await this.store.lastSeq();
    // Built aside: searches keep the old index (if any) until the new one is complete.
    this.index = await buildFromArticles(
      this.store,
      () => this.pause(),
      (indexed, total) => this.emit({ ready: false, indexed, total }),
    );
    this.watermark = seq;
    this.unsaved = SAVE_AFTER_CHANGES;
    // Whatever was written while building.
    await this.applyLog();
    this.finish();
  }

  /** Writes the index and its watermark, then trims the log behind it. */
  async saveNow(): Promise<void> {
    // A timed save still pending would write the same index again later, with a new stamp: a reader
    // that took the first save's words part would then find the phrases of another save, and rebuild.
    this.saving.cancel();
    const ix = this.index;
    if (!ix || !(await this.phrasesOf(ix)) || ix !== this.index) return;
    const watermark = this.watermark;
    const applied = this.unsaved;
    await this.store.save({ index: this.index.serialize(), watermark });
    this.unsaved = Math.max(0, this.unsaved - applied);
    await this.store.trim(watermark - LOG_MARGIN);
  }
}
