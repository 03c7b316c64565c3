// Keeps a TextIndex in step with the library through the change log (lib/db/change-log.ts). Opening
// loads the saved index's word part (typed arrays: a structured clone, not a rebuild) and applies the
// log rows after its watermark; search is then ready, and the phrase part (over half the bytes, needed
// only by quoted queries, rebases and saves) loads after, off that path. Later, every `sync` call (the page makes one per list change) applies the new
// rows. Only a missing, damaged or too old index (its watermark before the oldest kept row, after the
// newest, or a table cleared) is rebuilt from the articles, in chunks, yielding so typing stays smooth.
// The saved index is a cache: losing it costs one rebuild.
import type { ArticleRecord } from '../db/schema';
import type { ChangeRecord } from '../db/change-log';
import { TextIndex, type IndexDoc, type PhrasePart, type SerializedIndex, type WordPart } from './text-index';

export interface SavedIndex {
  index: SerializedIndex;
  /** The last change-log row the index includes. */
  watermark: number;
}

/** The stored parts: the head is read on opening, the phrases after. `stamp` pairs them up. */
export interface SavedHead {
  words: WordPart;
  watermark: number;
  stamp: number;
}
export interface SavedPhrases {
  phrases: PhrasePart;
  stamp: number;
}

export interface IndexStore {
  lastSeq(): Promise<number>;
  /** The oldest change-log row kept (undefined: empty log). */
  firstSeq(): Promise<number | undefined>;
  changesAfter(seq: number, limit: number): Promise<ChangeRecord[]>;
  /** Articles by id, undefined where gone. */
  articles(ids: number[]): Promise<(ArticleRecord | undefined)[]>;
  /** Up to `limit` articles with ids above `afterId`, in id order. */
  articlePage(afterId: number, limit: number): Promise<ArticleRecord[]>;
  count(): Promise<number>;
  /** Bodies by article id (undefined when missing). */
  texts(ids: number[]): Promise<(string | undefined)[]>;
  loadSaved(): Promise<SavedHead | undefined>;
  loadPhrases(): Promise<SavedPhrases | undefined>;
  save(data: SavedIndex): Promise<void>;
  /** Drops log rows up to `seq` (the saved index has them). */
  trim(seq: number): Promise<void>;
}

export function indexDoc(a: ArticleRecord, text: string): IndexDoc {
  let host = '';
  try {
    host = new URL(a.url).hostname.replace(/^www\./, '');
  } catch {
    /* not a URL: site name only */
  }
  return { id: a.id, title: a.title, text, site: `${a.siteName ?? ''} ${host}`, tags: a.tags };
}

export interface SyncState {
  ready: boolean;
  indexed: number;
  total: number;
}

const CHUNK = 250;
const LOG_PAGE = 2000;
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
  /** The phrase part turned out missing or not the word part's: rebuild on the next sync. */
  private broken = false;
  private listeners = new Set<(s: SyncState) => void>();
  state: SyncState = { ready: false, indexed: 0, total: 0 };
  /** How the index was last obtained (for the benchmark and tests). */
  opened: 'loaded' | 'rebuilt' | null = null;

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

  /** Applies what changed since the last call (the list argument is only a signal; the log says what). */
  sync(_articles?: ArticleRecord[]): Promise<void> {
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
      }
    })();
    return this.running;
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
        const applied = await this.applyLog();
        // A cache from another library (the database was deleted and made again) can pass the
        // watermark check; its size gives it away.
        if (applied && this.index.size === (await this.store.count())) return this.finish();
      }
      return this.rebuild();
    }
    if (this.broken || !(await this.usable(this.watermark))) return this.rebuild();
    if (!(await this.applyLog())) return this.rebuild();
    this.finish();
  }

  private finish() {
    mark(`gist:index-${this.opened}`);
    const ix = this.index!;
    this.emit({ ready: true, indexed: ix.size, total: ix.size });
    if (this.unsaved >= SAVE_AFTER_CHANGES) this.scheduleSave();
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

  /** Applies log rows after the watermark; false when the log says to rebuild (a cleared table). */
  private async applyLog(): Promise<boolean> {
    const ix = this.index!;
    for (;;) {
      const rows = await this.store.changesAfter(this.watermark, LOG_PAGE);
      if (!rows.length) return true;
      if (rows.some((r) => r.op === 'reset')) return false;
      const last = new Map<number, ChangeRecord['op']>();
      for (const r of rows) last.set(r.articleId, r.op);
      const put: number[] = [];
      for (const [id, op] of last)
        if (op === 'delete') ix.remove(id);
        else put.push(id);
      for (let i = 0; i < put.length; i += CHUNK) await this.reindex(ix, put.slice(i, i + CHUNK));
      this.watermark = rows[rows.length - 1].seq;
      this.unsaved += last.size;
      if (ix.stale) {
        // Folding in changes rewrites the phrase data too.
        if (!(await this.phrasesOf(ix))) return false;
        ix.rebase();
      }
      if (rows.length < LOG_PAGE) return true;
    }
  }

  /** (Re)indexes these articles from their stored record and body; gone ones are removed. */
  private async reindex(ix: TextIndex, ids: number[]): Promise<void> {
    const [articles, texts] = await Promise.all([this.store.articles(ids), this.store.texts(ids)]);
    await this.addAll(
      ix,
      ids,
      articles.map((a, i) => (a ? indexDoc(a, texts[i] ?? a.excerpt ?? '') : null)),
    );
  }

  private async addAll(ix: TextIndex, ids: number[], docs: (IndexDoc | null)[]): Promise<void> {
    // Time-sliced: a keystroke never waits behind more than one slice of indexing.
    let start = now();
    for (let j = 0; j < docs.length; j++) {
      const d = docs[j];
      if (d) ix.add(d);
      else ix.remove(ids[j]);
      if (now() - start > SLICE_MS) {
        await this.yieldFn();
        start = now();
      }
    }
  }

  /** Indexes every article. Rows logged from here on are applied after, so nothing is missed. */
  private async rebuild(): Promise<void> {
    this.opened = 'rebuilt';
    this.broken = false;
    const seq = await this.store.lastSeq();
    const total = await this.store.count();
    // Built aside: searches keep the old index (if any) until the new one is complete.
    const fresh = new TextIndex();
    this.emit({ ready: false, indexed: 0, total });
    let after = 0,
      done = 0;
    for (;;) {
      const page = await this.store.articlePage(after, CHUNK);
      if (!page.length) break;
      const texts = await this.store.texts(page.map((a) => a.id));
      await this.addAll(
        fresh,
        page.map((a) => a.id),
        page.map((a, i) => indexDoc(a, texts[i] ?? a.excerpt ?? '')),
      );
      after = page[page.length - 1].id;
      done += page.length;
      this.emit({ ready: false, indexed: done, total: Math.max(total, done) });
      await this.yieldFn();
    }
    fresh.rebase();
    this.index = fresh;
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
      if (this.running || !this.index) return this.scheduleSave();
      void this.saveNow().catch(() => {
        /* a cache: the log still has everything */
      });
    }, SAVE_DELAY_MS);
  }

  /** Writes the index and its watermark, then trims the log behind it. */
  async saveNow(): Promise<void> {
    const ix = this.index;
    if (!ix || !(await this.phrasesOf(ix)) || ix !== this.index) return;
    const watermark = this.watermark;
    const applied = this.unsaved;
    await this.store.save({ index: this.index.serialize(), watermark });
    this.unsaved = Math.max(0, this.unsaved - applied);
    await this.store.trim(watermark - LOG_MARGIN);
  }
}

/** Lets input and rendering run; a message round trip avoids setTimeout's 4 ms clamp on nested timers. */
function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      r();
    };
    ch.port2.postMessage(null);
  });
}
