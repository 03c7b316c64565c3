import { useEffect, useRef, useState } from 'preact/hooks';
import type { HighlightColor, HighlightRecord } from '../../lib/db/schema';
import type { HighlightChanges } from '../../lib/db/highlights';
import { anchorHighlights, selectionTarget, withPlaced, type PlacedHighlight } from '../../lib/annotate/reader-highlights';
import { offsetsFromRange, textOf, wrapRange } from '../../lib/highlights/dom-text';
import type { HighlightBackend } from './library-connector';

// The reader's highlights: loads an article's records once its body is rendered, anchors them in
// that text (writing back what moved), draws the placed ones as <mark>s over the rendered DOM (never
// in the stored HTML), and performs the edits. The UI (reader-highlights.tsx) only calls these.

export interface HighlightEnv {
  backend: HighlightBackend | undefined;
  /** Undefined while the article is opening. */
  articleId: number | undefined;
  /** The article's text is downloaded (else its highlights wait for it). */
  hasText: boolean;
  /** The rendered article body, and a counter that moves each time it is rendered again. */
  body: HTMLElement | null;
  bodyVersion: number;
  /** Runs a write, showing its failure as "could not <action>"; undefined when it failed. */
  run<T>(action: string, fn: () => Promise<T>): Promise<T | undefined>;
  notify(message: string, undo?: () => Promise<void>): void;
}

export interface HighlightState {
  /** False until the article's highlights are loaded and anchored (or when there is no backend). */
  ready: boolean;
  placed: PlacedHighlight[];
  unplaced: HighlightRecord[];
  waiting: HighlightRecord[];
}

const EMPTY: HighlightState = { ready: false, placed: [], unplaced: [], waiting: [] };
const FLASH_MS = 1600;

export function useReaderHighlights({ backend, articleId, hasText, body, bodyVersion, run, notify }: HighlightEnv) {
  const [state, setState] = useState<HighlightState>(EMPTY);
  const drawn = useRef(new Map<string, { marks: HTMLElement[]; unwrap(): void }>());
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const envRef = useRef({ run, notify });
  envRef.current = { run, notify };

  // Load and anchor on every rendering of the body (an opening, a download of a link-only article).
  useEffect(() => {
    setState(EMPTY);
    if (!backend || !body || articleId === undefined) return;
    let current = true;
    backend.of(articleId).then(
      (records) => {
        if (!current) return;
        const a = anchorHighlights(hasText ? textOf(body) : null, records);
        setState({ ready: true, placed: a.placed, unplaced: a.unplaced, waiting: a.waiting });
        // Where anchoring left each record; a failed write only means anchoring again next time.
        for (const u of a.updates) void backend.update(u.id, u.changes).catch(() => {});
      },
      (e) => {
        if (!current) return;
        setState({ ...EMPTY, ready: true });
        void envRef.current.run('load the highlights', () => Promise.reject(e));
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per rendering of the body; the backend is made once per page
  }, [body, bodyVersion, articleId, hasText]);

  // Draw: unwrap everything (last wrapped first, so overlapping marks come apart cleanly), wrap again.
  useEffect(() => {
    if (!body) return;
    const map = drawn.current;
    for (const p of state.placed) {
      const { record } = p;
      const w = wrapRange(body, p.start, p.end, (doc) => {
        const m = doc.createElement('mark');
        m.className = `hl hl-${record.color}`;
        m.dataset.hlId = record.id;
        return m;
      });
      const last = w.marks[w.marks.length - 1];
      if (last) {
        last.classList.add('hl-end');
        // The note marker is drawn by CSS (::after): no text enters the body, so offsets stay true.
        if (record.note) {
          last.classList.add('hl-has-note');
          last.title = record.note.length > 200 ? `${record.note.slice(0, 199)}…` : record.note;
        }
      }
      map.set(record.id, w);
    }
    return () => {
      for (const w of [...map.values()].reverse()) w.unwrap();
      map.clear();
    };
  }, [body, bodyVersion, state.placed]);

  const replace = (rec: HighlightRecord) =>
    setState((s) => {
      const p = s.placed.find((x) => x.record.id === rec.id);
      if (p) return { ...s, placed: withPlaced(s.placed, { ...p, record: rec }) };
      const swap = (l: HighlightRecord[]) => l.map((r) => (r.id === rec.id ? rec : r));
      return { ...s, unplaced: swap(s.unplaced), waiting: swap(s.waiting) };
    });
  const find = (id: string): HighlightRecord | undefined =>
    state.placed.find((p) => p.record.id === id)?.record ??
    state.unplaced.find((r) => r.id === id) ??
    state.waiting.find((r) => r.id === id);

  /** Highlights the document's selection inside the body; null when there is none (or no backend). */
  const fromSelection = async (color: HighlightColor): Promise<HighlightRecord | null> => {
    if (!backend || !body || !hasText || articleId === undefined) return null;
    const sel = body.ownerDocument.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    const offsets = offsetsFromRange(body, sel.getRangeAt(0));
    if (!offsets) return null;
    const target = selectionTarget(textOf(body), offsets.start, offsets.end);
    if (!target?.position) return null;
    const { position } = target;
    const rec = await envRef.current.run('save the highlight', () =>
      backend.add({ articleId, quote: target.quote, position, color, anchor: 'placed', source: 'gist' }),
    );
    if (!rec || !live.current) return rec ?? null;
    sel.removeAllRanges();
    setState((s) => ({ ...s, placed: withPlaced(s.placed, { record: rec, start: position.start, end: position.end }) }));
    return rec;
  };

  const edit = async (id: string, changes: Pick<HighlightChanges, 'color' | 'note'>) => {
    const rec = find(id);
    if (!rec || !backend) return;
    const next = { ...rec, ...changes, note: 'note' in changes ? (changes.note?.trim() ? changes.note : null) : rec.note };
    if (next.color === rec.color && next.note === rec.note) return;
    replace({ ...next, updatedAt: Date.now() });
    const ok = await envRef.current.run('save the highlight', () => backend.update(id, changes).then(() => true));
    if (!ok && live.current) replace(rec);
  };

  const remove = async (id: string) => {
    if (!backend) return;
    const gone = await envRef.current.run('delete the highlight', () => backend.remove(id));
    if (!live.current) return;
    setState((s) => ({
      ...s,
      placed: s.placed.filter((p) => p.record.id !== id),
      unplaced: s.unplaced.filter((r) => r.id !== id),
      waiting: s.waiting.filter((r) => r.id !== id),
    }));
    if (!gone) return;
    envRef.current.notify('Highlight deleted.', async () => {
      await backend.restore(gone);
      if (!live.current || !body?.isConnected) return;
      // Back where it was: the text has not changed since it was deleted.
      const a = anchorHighlights(hasText ? textOf(body) : null, [gone]);
      setState((s) => ({
        ...s,
        placed: a.placed.reduce(withPlaced, s.placed),
        unplaced: [...s.unplaced, ...a.unplaced],
        waiting: [...s.waiting, ...a.waiting],
      }));
    });
  };

  const marksOf = (id: string): HTMLElement[] => drawn.current.get(id)?.marks ?? [];

  /** Scrolls a drawn highlight to the middle of the screen and flashes it; false when it is not drawn. */
  const reveal = (id: string, smooth = true): boolean => {
    const marks = marksOf(id);
    if (!marks.length) return false;
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    marks[0].scrollIntoView?.({ block: 'center', behavior: smooth && !still ? 'smooth' : 'auto' });
    for (const m of marks) {
      m.classList.remove('hl-flash');
      void m.offsetWidth; // restart the animation when flashed twice in a row
      m.classList.add('hl-flash');
    }
    window.setTimeout(() => marks.forEach((m) => m.classList.remove('hl-flash')), FLASH_MS);
    return true;
  };

  return { state, fromSelection, edit, remove, reveal, marksOf, find, enabled: !!backend };
}

export type Highlights = ReturnType<typeof useReaderHighlights>;
