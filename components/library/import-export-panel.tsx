import type { LibraryConnector } from './library-connector';

/** Placeholder for the Import / Export panel (replaced by the import/export work). */
export function ImportExportPanel({ onClose }: { connector: LibraryConnector; onClose(): void }) {
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="ie-title" data-testid="import-export-panel">
        <h2 id="ie-title">Import / Export</h2>
        <p class="muted">Import and export arrive here.</p>
        <div class="dialog-actions"><button type="button" onClick={onClose}>Close</button></div>
      </div>
    </div>
  );
}
