import { useEffect, useRef, useState } from 'preact/hooks';
import type { MutableRef } from 'preact/hooks';
import type { HighlightColor } from '../../lib/db/schema';
import type { Box } from '../../lib/highlights/float-position';
import type { Highlights } from './use-reader-highlights';
import { SelectionToolbar } from './highlight-toolbar';
import { HighlightPopover } from './highlight-popover';
import { HighlightsPanel } from './highlights-panel';
import { useMedia } from './hooks';
import './reader-highlights.css';

export type HighlightCommand = 'highlight' | 'highlight-note';

export interface ReaderHighlightsProps {
  hl: Highlights;
  body: HTMLElement | null;
  /** The positioned element the floating toolbar and popover are placed in. */
  container: HTMLElement | null;
  color: HighlightColor;
  onColor(c: HighlightColor): void;
  panelOpen: boolean;
  onPanel(open: boolean): void;
  articleId: number;
  articleNote: string;
  onArticleNote(note: string): Promise<unknown>;
  /** A highlight to scroll to once placed (a link from the library). */
  focusId?: string;
  /** The library's `h` / `n` keys land here. */
  commands?: MutableRef<((c: HighlightCommand) => void) | null>;
  notify(message: string): void;
  /** Downloads the article's note and highlights as Markdown. */
  onExport?(): void;
}

interface Place {
  box: Box;
  minTop: number;
}
type Popover = Place & { id: string; editNote: boolean };

/** The selection toolbar, a highlight's popover and the side panel, over the reader's body. */
export function ReaderHighlights(p: ReaderHighlightsProps) {
  const { hl, body, container } = p;
  const [sel, setSel] = useState<Place | null>(null);
  const [pop, setPop] = useState<Popover | null>(null);
  const popOpen = useRef(false);
  popOpen.current = !!pop;
  const narrow = useMedia('(max-width: 999px)');
  const props = useRef(p);
  props.current = p;

  // Where an element (or the selection) is, in the container's coordinates, and the top the sticky
  // reader toolbar leaves free.
  const place = (r: DOMRect): Place | null => {
    if (!container) return null;
    const c = container.getBoundingClientRect();
    const bar = container.querySelector('.reader-toolbar')?.getBoundingClientRect().bottom ?? c.top;
    return { box: { top: r.top - c.top, left: r.left - c.left, width: r.width, height: r.height }, minTop: Math.max(0, bar - c.top) };
  };
  const selectionPlace = (): Place | null => {
    const s = document.getSelection();
    if (!body || !s || s.isCollapsed || !s.rangeCount) return null;
    const r = s.getRangeAt(0);
    if (!body.contains(r.commonAncestorContainer) || !r.toString().trim()) return null;
    return place(r.getBoundingClientRect());
  };
  const openPopover = (id: string, editNote: boolean) => {
    const m = hl.marksOf(id)[0];
    const at = m && place(m.getBoundingClientRect());
    if (at) setPop({ ...at, id, editNote });
  };

  // The toolbar follows the selection, once the mouse button is up (not while dragging).
  useEffect(() => {
    if (!body || !hl.enabled) return;
    let down = false;
    let frame = 0;
    const check = () => {
      frame = 0;
      if (!down) setSel(selectionPlace());
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(check);
    };
    const onDown = (e: MouseEvent) => {
      if ((e.target as Element | null)?.closest?.('.hl-float')) return;
      down = true;
      setSel(null);
    };
    const onUp = () => {
      down = false;
      later();
    };
    const onClick = (e: MouseEvent) => {
      const t = e.target as Element;
      if (!document.getSelection()?.isCollapsed || t.closest('a')) return;
      const id = (t.closest('mark.hl') as HTMLElement | null)?.dataset.hlId;
      if (id) openPopover(id, false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      // Escape closes what floats over the text first, not the article.
      if (popOpen.current) {
        e.preventDefault();
        setPop(null);
        return;
      }
      if (document.getSelection()?.isCollapsed === false && selectionPlace()) {
        e.preventDefault(); // dismisses the selection, not the article
        document.getSelection()?.removeAllRanges();
        setSel(null);
      }
    };
    document.addEventListener('selectionchange', later);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('mouseup', onUp);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('resize', later);
    body.addEventListener('click', onClick);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', later);
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('mouseup', onUp);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('resize', later);
      body.removeEventListener('click', onClick);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- listeners per body; what they call reads the latest props through hl's refs
  }, [body, container, hl.enabled]);

  // After a new highlight is drawn (the parent's effect runs after this one), open its note.
  const [noteFor, setNoteFor] = useState<string | null>(null);
  useEffect(() => {
    if (!noteFor) return;
    const t = setTimeout(() => {
      openPopover(noteFor, true);
      setNoteFor(null);
    }, 0);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once the placed list includes it
  }, [noteFor, hl.state.placed]);

  const highlight = async (c: HighlightColor, withNote: boolean) => {
    const rec = await hl.fromSelection(c);
    if (!rec) return;
    setSel(null);
    if (c !== props.current.color) props.current.onColor(c);
    if (withNote) setNoteFor(rec.id);
  };
  if (p.commands) p.commands.current = (cmd) => void highlight(props.current.color, cmd === 'highlight-note');

  // A link to one highlight: scroll to it instead of the reading position, once it is drawn; again as
  // images above it load and push it down, until the reader moves.
  const focused = useRef<string | null>(null);
  useEffect(() => {
    const id = p.focusId;
    if (!id || !hl.state.ready || focused.current === id) return;
    focused.current = id;
    const t = setTimeout(() => {
      if (hl.reveal(id, false)) return;
      if (hl.find(id)) props.current.onPanel(true); // not drawn: its entry in the panel says why
    }, 0);
    let moved = false;
    const onMove = () => (moved = true);
    const onImg = (e: Event) => {
      if (!moved && (e.target as Element).tagName === 'IMG') hl.marksOf(id)[0]?.scrollIntoView?.({ block: 'center' });
    };
    for (const ev of ['wheel', 'touchstart', 'keydown', 'mousedown'] as const) window.addEventListener(ev, onMove, { passive: true });
    body?.addEventListener('load', onImg, true);
    return () => {
      clearTimeout(t);
      for (const ev of ['wheel', 'touchstart', 'keydown', 'mousedown'] as const) window.removeEventListener(ev, onMove);
      body?.removeEventListener('load', onImg, true);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per link, when the highlights are ready
  }, [p.focusId, hl.state.ready]);

  const copy = async () => {
    const text = document.getSelection()?.toString() ?? '';
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard API (or no permission): the selection is still there for the browser's own copy.
      if (!document.execCommand('copy')) return;
    }
    p.notify('Copied.');
  };

  const popRecord = pop && hl.find(pop.id);
  const { state } = hl;
  return (
    <>
      {sel && !pop && (
        <SelectionToolbar
          target={sel.box}
          minTop={sel.minTop}
          color={p.color}
          onHighlight={(c) => void highlight(c, false)}
          onNote={() => void highlight(p.color, true)}
          onCopy={() => void copy()}
        />
      )}
      {pop && popRecord && (
        <HighlightPopover
          key={pop.id}
          record={popRecord}
          target={pop.box}
          minTop={pop.minTop}
          editNote={pop.editNote}
          onColor={(c) => {
            void hl.edit(pop.id, { color: c });
            if (c !== p.color) p.onColor(c);
          }}
          onNote={(note) => void hl.edit(pop.id, { note })}
          onDelete={() => {
            setPop(null);
            void hl.remove(pop.id);
          }}
          onClose={() => setPop(null)}
        />
      )}
      {p.panelOpen && hl.enabled && (
        <HighlightsPanel
          articleId={p.articleId}
          articleNote={p.articleNote}
          onArticleNote={p.onArticleNote}
          placed={state.placed}
          unplaced={state.unplaced}
          waiting={state.waiting}
          onPick={(id, edit) => {
            if (narrow) p.onPanel(false);
            hl.reveal(id);
            if (edit) setTimeout(() => openPopover(id, true), 0);
          }}
          onDelete={(id) => void hl.remove(id)}
          onExport={p.onExport}
          onClose={() => p.onPanel(false)}
        />
      )}
    </>
  );
}
