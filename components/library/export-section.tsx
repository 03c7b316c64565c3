import { useState } from 'preact/hooks';
import { saveBlob } from './export-download';
import { formatBytes } from '../../lib/format/bytes';
import type { ExportKind, TransferBackend } from './library-connector';

const KINDS: [ExportKind, string, string][] = [
  ['gist-json', 'Gist JSON Lines', 'everything, with images: restores the library exactly'],
  ['netscape-html', 'Bookmarks HTML', 'links, tags and dates for browsers and other read-later apps'],
  ['markdown-zip', 'Markdown ZIP', 'one file per article, with images'],
  ['highlights-markdown', 'Highlights (Markdown)', 'every highlight and note in one file, by article, most recent first'],
  ['highlights-zip', 'Highlights ZIP (Obsidian)', 'one Markdown file per highlighted article, with links back to each quote'],
];

/** Export buttons; the exporters read the library page by page, so the page stays responsive. */
export function ExportSection({
  transfer,
  empty,
}: {
  transfer: TransferBackend;
  /** Nothing to export: the buttons are disabled and say why. */ empty?: boolean;
}) {
  const [running, setRunning] = useState<{ kind: ExportKind; done: number; total: number } | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const run = async (kind: ExportKind) => {
    setMessage(null);
    setRunning({ kind, done: 0, total: 0 });
    try {
      const { blob, fileName } = await transfer.exportLibrary(kind, (done, total) => setRunning({ kind, done, total }));
      saveBlob(blob, fileName);
      setMessage({ error: false, text: `Saved ${fileName} (${formatBytes(blob.size)}).` });
    } catch (e) {
      setMessage({ error: true, text: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setRunning(null);
    }
  };
  return (
    <section data-testid="export-section">
      <h3>Export</h3>
      <ul class="ie-list" style={{ listStyle: 'none', paddingLeft: 0, maxHeight: 'none' }}>
        {KINDS.map(([kind, label, what]) => (
          <li key={kind}>
            <button
              type="button"
              class="secondary"
              disabled={!!running || empty}
              data-testid={`export-${kind}`}
              onClick={() => void run(kind)}
            >
              {label}
            </button>{' '}
            <span class="muted">{what}</span>
          </li>
        ))}
      </ul>
      {empty && (
        <p class="muted" data-testid="export-empty">
          Your library is empty: there is nothing to export yet.
        </p>
      )}
      {running && (
        <div aria-live="polite" data-testid="export-progress">
          <p>
            Exporting {running.done.toLocaleString()}
            {running.total ? ` of ${running.total.toLocaleString()}` : ''} articles…
          </p>
          <progress max={running.total || 1} value={running.total ? running.done : undefined} />
        </div>
      )}
      {message && (
        <p class={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'} data-testid="export-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
