// Keeps a TextIndex in step with the library through the change log (lib/db/change-log.ts). Opening
// loads the saved index's word part (typed arrays: a structured clone, not a rebuild) and applies the
// log rows after its watermark; search is then ready, and the phrase part (over half the bytes, needed
// only by quoted queries, rebases and saves) loads after, off that path. Later, every `sync` call (the page makes one per list change) applies the new
// rows. Only a missing, damaged or too old index (its watermark before the oldest kept row, after the
// newest, or a table cleared) is rebuilt from the articles, in chunks, yielding so typing stays smooth.
// The saved index is a cache: losing it costs one rebuild.
import type { ArticleRecord } from '../db/schema';
import type { ChangeRecord } from '../db/change-log';
import { TextIndex, type IndexDoc } from './text-index';
import { indexDoc, metaVersion } from './index-doc';
import type { IndexStore } from './index-store';
import { yieldToEvents } from './yield-events';
import { IndexBuilder } from './index-build';

export interface SyncState {
  ready: boolean;
  indexed: number;
  total: number;
}

const CHUNK = 250;
/** Log rows read at a time (a row lists up to 5,000 articles). */
const LOG_PAGE = 200;
/** Articles whose records are read and compared at a time when applying the log: one short task each. */
const LOG_BATCH = 500;
/** Bodies read and indexed at a time (a bulkGet of bodies is one task: ~100 are a few ms). */
const BODY_BATCH = 100;
/** Deletions applied between yields. */
const REMOVE_BATCH = 5000;
const SLICE_MS = 12;
/** Applied-but-unsaved changes before the index is saved again (replaying fewer on opening is cheap). */
const SAVE_AFTER_CHANGES = 300;
const SAVE_DELAY_MS = 3000;
/** Log rows kept before the saved watermark, for other open library pages still behind it. */
const LOG_MARGIN = 1000;
// Timeline marks for the benchmark's page log.
const mark = (name: string) => (typeof performance !== 'undefined' ? performance.mark?.(name) : undefined);
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class IndexSync {
  index: TextIndex | null = null;
  watermark = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private unsaved = 0;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
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
  private holds = 0;
  private released: Promise<void> = Promise.resolve();
  private releaseAll = () => {};

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
    if (this.holds++ === 0) this.released = new Promise((r) => (this.releaseAll = r));
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.holds > 0) return;
      this.releaseAll();
      if (this.started) void this.sync();
    };
  }

  /** Between batches: a macrotask, and no further while held. */
  private async pause(): Promise<void> {
    await this.yieldFn();
    while (this.holds > 0) await this.released;
  }

  private async usable(watermark: number): Promise<boolean> {
    const [first, last] = await Promise.all([this.store.firstSeq(), this.store.lastSeq()]);
    return watermark <= last && (first === undefined || watermark >= first - 1);
  }

  private async catchUp(): Promise<void> {
    if (!this.index) {
      const saved = await this.store.loadSaved().catch(() => undefined);
      mark(saved ? 'gist:index-read' : 'gist:index-none');
      let loaded: TextIndex | null = null;
      if (saved && (await this.usable(saved.watermark))) {
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
    if (this.broken || this.index.damaged || !(await this.usable(this.watermark))) return this.rebuild();
    if (!(await this.applyLog())) return this.rebuild();
    this.finish();
  }

  private finish() {
    mark(`gist:index-${this.opened}`);
    this.openedNow();
    const ix = this.index!;
    this.emit({ ready: true, indexed: ix.size, total: ix.size });
    if (this.unsaved >= SAVE_AFTER_CHANGES) this.scheduleSave();
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
    const stamp = this.loadedStamp;
    return (this.phraseLoad ??= (async () => {
      const saved = await this.store.loadPhrases().catch(() => undefined);
      if (!saved || saved.stamp !== stamp) return false;
      try {
        ix.attachPhrases(saved.phrases);
        return true;
      } catch {
        return false;
      }
    })());
  }

  /**
   * Applies log rows after the watermark; false when the log says to rebuild (a cleared table). Works in
   * bounded batches that yield between them (a big import is 100,000 rows' worth): records are read
   * LOG_BATCH at a time, and an article whose log rows all left its body alone and whose indexed
   * metadata version is current is skipped without reading its body.
   */
  private async applyLog(): Promise<boolean> {
    const ix = this.index!;
    let changed = false;
    for (;;) {
      const rows = await this.store.changesAfter(this.watermark, LOG_PAGE);
      if (!rows.length) break;
      if (rows.some((r) => r.op === 'reset')) return false;
      // Each article's last op, and whether any of its rows may have changed its body.
      const last = new Map<number, { op: ChangeRecord['op']; body: boolean }>();
      for (const r of rows) last.set(r.articleId, { op: r.op, body: !r.meta || !!last.get(r.articleId)?.body });
      const put: number[] = [];
      const body = new Set<number>();
      let removed = 0;
      for (const [id, c] of last)
        if (c.op === 'delete') {
          ix.remove(id);
          if (++removed % REMOVE_BATCH === 0) await this.pause();
        } else {
          put.push(id);
          if (c.body) body.add(id);
        }
      for (let i = 0; i < put.length; i += LOG_BATCH) {
        await this.reindex(ix, put.slice(i, i + LOG_BATCH), body);
        await this.pause();
      }
      this.watermark = rows[rows.length - 1].seq;
      this.unsaved += last.size;
      changed = true;
      if (rows.length < LOG_PAGE) break;
    }
    // Folding in changes rewrites the phrase data too; once for the whole catch-up, not per page.
    if (changed && ix.stale) {
      if (!(await this.phrasesOf(ix))) return false;
      ix.rebase();
    }
    return true;
  }

  /**
   * (Re)indexes these articles from their stored record and body; gone ones are removed. One whose body
   * is unchanged (not in `body`) and whose metadata version is the indexed one is left as it is.
   */
  private async reindex(ix: TextIndex, ids: number[], body?: ReadonlySet<number>): Promise<void> {
    const articles = await this.store.articles(ids);
    const todo: ArticleRecord[] = [];
    articles.forEach((a, j) => {
      if (!a) ix.remove(ids[j]);
      else if (!body || body.has(a.id) || ix.indexedVersion(a.id) !== metaVersion(a)) todo.push(a);
    });
    for (let i = 0; i < todo.length; i += BODY_BATCH) {
      const part = todo.slice(i, i + BODY_BATCH);
      const texts = await this.store.texts(part.map((a) => a.id));
      await this.addAll(
        ix,
        part.map((a) => a.id),
        part.map((a, k) => indexDoc(a, texts[k] ?? a.excerpt ?? '')),
      );
    }
  }

  private async addAll(ix: TextIndex | IndexBuilder, ids: number[], docs: (IndexDoc | null)[]): Promise<void> {
    // Time-sliced: a keystroke never waits behind more than one slice of indexing.
    let start = now();
    for (let j = 0; j < docs.length; j++) {
      const d = docs[j];
      if (d) ix.add(d);
      else if (ix instanceof TextIndex) ix.remove(ids[j]);
      if (now() - start > SLICE_MS) {
        await this.pause();
        start = now();
      }
    }
  }

  /** Indexes every article. Rows logged from here on are applied after, so nothing is missed. */
  private async rebuild(): Promise<void> {
    this.opened = 'rebuilt';
    this.broken = false;
    this.openedNow();
    const seq = await this.store.lastSeq();
    const total = await this.store.count();
    // Built aside: searches keep the old index (if any) until the new one is complete.
    const fresh = new IndexBuilder();
    this.emit({ ready: false, indexed: 0, total });
    let done = 0;
    // The next chunk is read while this one is indexed: IndexedDB reads run in the browser's storage
    // process, so on two cores reading (half the build's time) and indexing overlap.
    const read = async (after: number) => {
      const page = await this.store.articlePage(after, CHUNK);
      return { page, texts: page.length ? await this.store.texts(page.map((a) => a.id)) : [] };
    };
    for (let next = read(0); ;) {
      const { page, texts } = await next;
      if (!page.length) break;
      next = read(page[page.length - 1].id);
      next.catch(() => undefined); // awaited above on the next turn; unhandled only if indexing throws
      await this.addAll(
        fresh,
        page.map((a) => a.id),
        page.map((a, i) => indexDoc(a, texts[i] ?? a.excerpt ?? '')),
      );
      done += page.length;
      this.emit({ ready: false, indexed: done, total: Math.max(total, done) });
      await this.pause();
    }
    // In slices: finishing 50,000 articles in one go held the main thread for most of a second.
    this.index = await fresh.finishInSlices(() => this.pause(), SLICE_MS);
    this.watermark = seq;
    this.unsaved = SAVE_AFTER_CHANGES;
    // Whatever was written while building.
    await this.applyLog();
    this.finish();
  }

  private scheduleSave() {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      if (this.running || !this.index || this.holds) return this.scheduleSave();
      void this.saveNow().catch(() => {
        /* a cache: the log still has everything */
      });
    }, SAVE_DELAY_MS);
  }

  /** Writes the index and its watermark, then trims the log behind it. */
  async saveNow(): Promise<void> {
    // A timed save still pending would write the same index again later, with a new stamp: a reader
    // that took the first save's words part would then find the phrases of another save, and rebuild.
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const ix = this.index;
    if (!ix || !(await this.phrasesOf(ix)) || ix !== this.index) return;
    const watermark = this.watermark;
    const applied = this.unsaved;
    await this.store.save({ index: this.index.serialize(), watermark });
    this.unsaved = Math.max(0, this.unsaved - applied);
    await this.store.trim(watermark - LOG_MARGIN);
  }
}
