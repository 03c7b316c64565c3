import { useEffect, useRef, useState } from 'preact/hooks';
import { ExportSection } from './export-section';
import { ImportQueueSection } from './import-queue-section';
import { ImportSection } from './import-section';
import type { ImportRun, LibraryConnector } from './library-connector';
import './import-export.css';
import './dialogs.css';

/** Import (file picker or drop), the fetch queue for imported links, and export. */
export function ImportExportPanel({
  connector,
  onClose,
  file,
  libraryEmpty,
  runs,
  onImported,
}: {
  connector: LibraryConnector;
  onClose(): void;
  file?: File | null;
  libraryEmpty?: boolean;
  /** The reports of the files imported since the page opened, oldest first (kept by the page). */
  runs?: ImportRun[];
  onImported?(run: ImportRun): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    (box.current?.querySelector('button:not([disabled])') as HTMLElement | null)?.focus();
    return () => prev?.focus?.();
  }, []);
  const { transfer, queue } = connector;
  // The queue counts recount the whole library on every write: not while an import is writing.
  const [importing, setImporting] = useState(false);
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        class="dialog ie-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ie-title"
        data-testid="import-export-panel"
        ref={box}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="ie-title">Import / Export</h2>
        {transfer ? (
          <ImportSection
            transfer={transfer}
            file={file}
            onBusy={setImporting}
            runs={runs}
            onImported={onImported}
            fetchOne={queue?.fetchOne ? (id, url) => queue.fetchOne!(id, url) : undefined}
          />
        ) : (
          <p class="muted">Import is not available here.</p>
        )}
        {queue && !importing && <ImportQueueSection queue={queue} />}
        {transfer && <ExportSection transfer={transfer} empty={libraryEmpty} />}
        <div class="dialog-actions">
          <button type="button" data-testid="import-export-close" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
