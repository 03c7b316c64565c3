// Keeps a TextIndex in step with the articles table. The library page calls `sync` with every list it
// gets from the live query (saves from the service worker, edits, deletes all arrive that way): only
// new or changed articles have their bodies read, in chunks, yielding between chunks so typing stays
// smooth. The finished index is persisted (a cache: losing it only costs one rebuild).
import type { ArticleRecord } from '../db/schema';
import { TextIndex, type IndexDoc, type SerializedIndex } from './text-index';

export interface IndexStore {
  /** Bodies by article id (undefined when missing). */
  texts(ids: number[]): Promise<(string | undefined)[]>;
  loadSaved(): Promise<SerializedIndex | undefined>;
  save(data: SerializedIndex): Promise<void>;
}

export function fingerprint(a: ArticleRecord): string {
  return [a.title, a.siteName ?? '', a.url, a.tags.join('\u0002'), a.wordCount, a.cjkChars, a.contentState].join('\u0001');
}

export function indexDoc(a: ArticleRecord, text: string): IndexDoc {
  let host = '';
  try {
    host = new URL(a.url).hostname.replace(/^www\./, '');
  } catch {
    /* not a URL: site name only */
  }
  return { id: a.id, title: a.title, text, site: `${a.siteName ?? ''} ${host}`, tags: a.tags, fingerprint: fingerprint(a) };
}

export interface SyncState {
  ready: boolean;
  indexed: number;
  total: number;
}

const CHUNK = 250;
const SLICE_MS = 12;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const SAVE_DELAY_MS = 3000;

export class IndexSync {
  index: TextIndex | null = null;
  private pending: ArticleRecord[] | null = null;
  private running = false;
  private loaded: Promise<void> | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<(s: SyncState) => void>();
  state: SyncState = { ready: false, indexed: 0, total: 0 };

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

  private load(): Promise<void> {
    return (this.loaded ??= this.store.loadSaved().then(
      (d) => {
        this.index = d ? safeDeserialize(d) : new TextIndex();
      },
      () => {
        this.index = new TextIndex();
      },
    ));
  }

  /** Brings the index in line with `articles` (the whole library). Later calls supersede queued ones. */
  async sync(articles: ArticleRecord[]): Promise<void> {
    this.pending = articles;
    if (this.running) return;
    this.running = true;
    try {
      await this.load();
      while (this.pending) {
        const list = this.pending;
        this.pending = null;
        await this.run(list);
      }
    } finally {
      this.running = false;
    }
  }

  private async run(articles: ArticleRecord[]): Promise<void> {
    const ix = this.index!;
    const live = new Set<number>();
    const todo: ArticleRecord[] = [];
    for (const a of articles) {
      live.add(a.id);
      if (ix.fingerprint(a.id) !== fingerprint(a)) todo.push(a);
    }
    const gone = [...ix.ids()].filter((id) => !live.has(id));
    for (const id of gone) ix.remove(id);
    let done = articles.length - todo.length;
    if (!todo.length) {
      this.emit({ ready: true, indexed: done, total: articles.length });
      if (gone.length) this.scheduleSave();
      return;
    }
    this.emit({ ready: this.state.ready, indexed: done, total: articles.length });
    for (let i = 0; i < todo.length; i += CHUNK) {
      // A newer list arrived: stop here, the next run picks up what is still missing.
      if (this.pending) return;
      const part = todo.slice(i, i + CHUNK);
      const texts = await this.store.texts(part.map((a) => a.id));
      // Time-sliced: a keystroke never waits behind more than one slice of indexing.
      let start = now();
      for (let j = 0; j < part.length; j++) {
        ix.add(indexDoc(part[j], texts[j] ?? part[j].excerpt ?? ''));
        if (now() - start > SLICE_MS) {
          await this.yieldFn();
          start = now();
        }
      }
      done += part.length;
      this.emit({ ready: this.state.ready, indexed: done, total: articles.length });
      await this.yieldFn();
    }
    this.emit({ ready: true, indexed: done, total: articles.length });
    this.scheduleSave();
  }

  private scheduleSave() {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      if (this.index && !this.running)
        void this.store.save(this.index.serialize()).catch(() => {
          /* a cache */
        });
      else this.scheduleSave();
    }, SAVE_DELAY_MS);
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

function safeDeserialize(d: SerializedIndex): TextIndex {
  try {
    return TextIndex.deserialize(d);
  } catch {
    return new TextIndex();
  }
}
