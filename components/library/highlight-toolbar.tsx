import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren, JSX } from 'preact';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../lib/db/schema';
import { floatPosition, type Box } from '../../lib/highlights/float-position';

export const COLOR_NAMES: Record<HighlightColor, string> = { yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink' };

/** A box floating next to `target` (container coordinates), above it when there is room. */
export function Floating({
  target,
  minTop,
  class: cls,
  children,
  label,
  testid,
  role = 'toolbar',
  onKeyDown,
}: {
  target: Box;
  minTop: number;
  class: string;
  children: ComponentChildren;
  label: string;
  testid: string;
  role?: 'toolbar' | 'dialog';
  onKeyDown?(e: JSX.TargetedKeyboardEvent<HTMLDivElement>): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number; below: boolean } | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    const parent = el?.offsetParent as HTMLElement | null;
    if (!el) return;
    setPos(
      floatPosition(
        target,
        { width: el.offsetWidth, height: el.offsetHeight },
        { width: parent?.clientWidth ?? window.innerWidth },
        { minTop },
      ),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- by value: each render passes a new box object
  }, [target.top, target.left, target.width, target.height, minTop]);
  return (
    <div
      ref={box}
      class={`${cls}${pos?.below ? ' below' : ''}`}
      role={role}
      aria-label={label}
      data-testid={testid}
      style={{ top: `${pos?.top ?? target.top}px`, left: `${pos?.left ?? target.left}px`, visibility: pos ? 'visible' : 'hidden' }}
      onKeyDown={onKeyDown}
    >
      {children}
    </div>
  );
}

/** The four colours as buttons: `current` is the highlight's own (pressed), `preferred` what `h` uses. */
export function Swatches({
  current,
  preferred,
  onPick,
  verb,
}: {
  current?: HighlightColor;
  preferred?: HighlightColor;
  onPick(c: HighlightColor): void;
  verb: string;
}) {
  return (
    <span class="hl-swatches">
      {HIGHLIGHT_COLORS.map((c) => (
        <button
          type="button"
          key={c}
          class={`hl-tool-swatch hl-${c}${preferred === c ? ' hl-preferred' : ''}`}
          aria-label={`${verb} ${COLOR_NAMES[c].toLowerCase()}`}
          title={`${verb} ${COLOR_NAMES[c].toLowerCase()}${preferred === c ? ' (h)' : ''}`}
          aria-pressed={current === undefined ? undefined : current === c}
          data-testid={`swatch-${c}`}
          onClick={() => onPick(c)}
        />
      ))}
    </span>
  );
}

export interface SelectionToolbarProps {
  target: Box;
  minTop: number;
  /** The last colour used: first, and what `h` applies. */
  color: HighlightColor;
  onHighlight(c: HighlightColor): void;
  onNote(): void;
  onCopy(): void;
}

/** Shown over selected article text. Pressing its buttons must not clear the selection it acts on. */
export function SelectionToolbar({ target, minTop, color, onHighlight, onNote, onCopy }: SelectionToolbarProps) {
  return (
    <div onMouseDown={(e) => e.preventDefault()}>
      <Floating target={target} minTop={minTop} class="hl-float hl-toolbar" label="Highlight the selection" testid="selection-toolbar">
        <Swatches preferred={color} verb="Highlight" onPick={onHighlight} />
        <span class="hl-sep" aria-hidden="true" />
        <button type="button" class="hl-action" data-testid="selection-note" title="Highlight and add a note (n)" onClick={onNote}>
          Note
        </button>
        <button type="button" class="hl-action" data-testid="selection-copy" title="Copy the selected text" onClick={onCopy}>
          Copy
        </button>
      </Floating>
    </div>
  );
}
