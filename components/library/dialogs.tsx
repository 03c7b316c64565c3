import { useEffect, useRef, useState } from 'preact/hooks';
import { TagEditor } from '../shared/tag-editor';
import { TagSuggestions } from '../shared/tag-suggestions';
import { tagSuggestions } from '../../lib/tags/suggestions';
import './dialogs.css';

export const SHORTCUTS: [string, string][] = [
  ['j / k', 'Next / previous article'],
  ['o or Enter', 'Open'],
  ['e', 'Archive / unarchive'],
  ['s', 'Favorite / unfavorite'],
  ['#', 'Delete'],
  ['t', 'Edit tags'],
  ['x', 'Select / unselect'],
  ['/', 'Search'],
  ['h', 'Highlight the selected text (reader)'],
  ['n', 'Highlight it and add a note (reader)'],
  ['z', 'Undo'],
  ['u or Esc', 'Back to the list, clear'],
  ['?', 'This help'],
];

function Modal({
  label,
  onClose,
  children,
  testid,
}: {
  label: string;
  onClose(): void;
  children: preact.ComponentChildren;
  testid?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    // A text field first (the tag dialog's input, not the first tag's remove button), else a button.
    const first =
      box.current?.querySelector('input:not([type=checkbox]):not([type=radio]):not([disabled])') ??
      box.current?.querySelector('button:not([disabled])');
    (first as HTMLElement | null)?.focus();
    return () => prev?.focus?.();
  }, []);
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={label}
        ref={box}
        data-testid={testid}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <Modal label="Keyboard shortcuts" onClose={onClose} testid="shortcuts">
      <h2>Keyboard shortcuts</h2>
      <dl class="shortcuts">
        {SHORTCUTS.map(([k, what]) => (
          <div key={k}>
            <dt>{k.split(' ').map((p, i) => ((p === '/' && i > 0) || p === 'or' ? ` ${p} ` : <kbd key={i}>{p}</kbd>))}</dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <div class="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

/** One article: edit its tags. Several: add or remove one tag on all of them. */
export function TagDialog({
  count,
  tags,
  candidates = [],
  allTags,
  onSet,
  onAdd,
  onRemove,
  onClose,
}: {
  count: number;
  /** The single article's tags (count === 1). */
  tags: string[];
  /** The single article's stored tag candidates: those not applied are offered as suggestions. */
  candidates?: string[];
  allTags: string[];
  onSet(tags: string[]): void;
  onAdd(tag: string): void;
  onRemove(tag: string): void;
  onClose(): void;
}) {
  const [draft, setDraft] = useState('');
  return (
    <Modal label="Tags" onClose={onClose} testid="tag-dialog">
      <h2>{count === 1 ? 'Tags' : `Tags for ${count} articles`}</h2>
      {count === 1 ? (
        <>
          <TagEditor tags={tags} onChange={onSet} />
          <TagSuggestions suggestions={tagSuggestions(candidates, tags)} onAdd={(t) => onSet([...tags, t])} />
        </>
      ) : (
        <form
          class="bulk-tag"
          onSubmit={(e) => {
            e.preventDefault();
          }}
        >
          <input
            list="all-tags"
            value={draft}
            aria-label="Tag"
            placeholder="Tag"
            data-testid="bulk-tag-input"
            onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          />
          <datalist id="all-tags">
            {allTags.slice(0, 200).map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <button
            type="button"
            disabled={!draft.trim()}
            onClick={() => {
              onAdd(draft.trim());
              onClose();
            }}
          >
            Add to all
          </button>
          <button
            type="button"
            class="secondary"
            disabled={!draft.trim()}
            onClick={() => {
              onRemove(draft.trim());
              onClose();
            }}
          >
            Remove from all
          </button>
        </form>
      )}
      <div class="dialog-actions">
        <button type="button" class="secondary" onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}
