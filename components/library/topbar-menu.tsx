import { useEffect, useRef, useState } from 'preact/hooks';
import './topbar-menu.css';

/** On narrow screens the topbar's buttons fold into this menu, so Import / Export stays reachable. */
export function TopbarMenu({ onImportExport, onSync, onShortcuts }: { onImportExport(): void; onSync?(): void; onShortcuts(): void }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    (box.current?.querySelector('[role=menuitem]') as HTMLElement | null)?.focus();
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);
  const pick = (f: () => void) => () => {
    setOpen(false);
    f();
  };
  return (
    <div
      class="topbar-menu narrow-only"
      ref={box}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        class="secondary"
        aria-label="More"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="menu-button"
        onClick={() => setOpen(!open)}
      >
        ⋯
      </button>
      {open && (
        <div class="menu" role="menu" data-testid="topbar-menu">
          <button type="button" role="menuitem" data-testid="menu-import-export" onClick={pick(onImportExport)}>
            Import / Export…
          </button>
          {onSync && (
            <button type="button" role="menuitem" data-testid="menu-sync" onClick={pick(onSync)}>
              Sync…
            </button>
          )}
          <button type="button" role="menuitem" onClick={pick(onShortcuts)}>
            Keyboard shortcuts
          </button>
        </div>
      )}
    </div>
  );
}
