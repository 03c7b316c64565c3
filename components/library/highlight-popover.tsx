import { useEffect, useRef, useState } from 'preact/hooks';
import type { HighlightColor, HighlightRecord } from '../../lib/db/schema';
import type { Box } from '../../lib/highlights/float-position';
import { Floating, Swatches } from './highlight-toolbar';

export interface HighlightPopoverProps {
  record: HighlightRecord;
  target: Box;
  minTop: number;
  /** Open with the note field focused (Add note, `n`). */
  editNote: boolean;
  onColor(c: HighlightColor): void;
  onNote(note: string): void;
  onDelete(): void;
  onClose(): void;
}

/**
 * A highlight's colour, note and delete. The note saves when the field loses focus, on Ctrl/⌘+Enter,
 * and when the popover closes (Escape, a click elsewhere): nothing typed is lost.
 */
export function HighlightPopover({ record, target, minTop, editNote, onColor, onNote, onDelete, onClose }: HighlightPopoverProps) {
  const [draft, setDraft] = useState(record.note ?? '');
  const field = useRef<HTMLTextAreaElement>(null);
  const root = useRef<HTMLDivElement>(null);
  // The latest draft and callbacks for the save on close (an unmounting field gets no blur everywhere).
  const latest = useRef({ draft, saved: record.note ?? '', onNote, onClose });
  latest.current = { draft, saved: latest.current.saved, onNote, onClose };
  const save = () => {
    const l = latest.current;
    if (l.draft === l.saved) return;
    l.saved = l.draft;
    l.onNote(l.draft);
  };
  useEffect(() => {
    if (editNote) field.current?.focus();
  }, [editNote, record.id]);
  useEffect(() => {
    const outside = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) latest.current.onClose();
    };
    document.addEventListener('mousedown', outside, true);
    return () => {
      document.removeEventListener('mousedown', outside, true);
      save();
    };
  }, []); // one listener per open popover; save reads refs
  return (
    <div ref={root}>
      <Floating
        target={target}
        minTop={minTop}
        class="hl-float hl-popover"
        role="dialog"
        label="Highlight"
        testid="highlight-popover"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            // Closes this, not the article (the library's keys ignore a handled key).
            e.preventDefault();
            onClose();
          }
        }}
      >
        <div class="hl-popover-row">
          <Swatches current={record.color} verb="Colour" onPick={onColor} />
          <span class="spacer" />
          <button type="button" class="hl-action danger" data-testid="highlight-delete" title="Delete this highlight" onClick={onDelete}>
            Delete
          </button>
        </div>
        <textarea
          ref={field}
          class="hl-note-field"
          rows={3}
          value={draft}
          placeholder="Add a note…"
          aria-label="Note on this highlight"
          data-testid="highlight-note"
          onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)}
          onBlur={save}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              save();
              onClose();
            }
          }}
        />
        <p class="hl-hint muted">Ctrl/⌘+Enter saves and closes</p>
      </Floating>
    </div>
  );
}
