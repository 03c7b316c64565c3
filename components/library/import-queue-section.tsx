import { useEffect, useState } from 'preact/hooks';
import type { QueueBackend, QueueView } from './library-connector';
import { countOf } from '../../lib/format/count';

/** Links imported without content: fetch them in the background (progress, stop, retry, reasons). */
export function ImportQueueSection({ queue }: { queue: QueueBackend }) {
  const [view, setView] = useState<QueueView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  useEffect(() => queue.subscribe(setView), [queue]);
  if (!view) return null;
  const { counts, status } = view;
  const waiting = counts.pending + counts.images;
  if (!waiting && !counts.failed && !status.running && !status.done && !status.error) return null;

  // Called straight from the click: start() may ask for host access, which needs the user gesture.
  const start = (retryFailed = false) => {
    setError(null);
    setAsking(true);
    void queue
      .start({ retryFailed })
      .then((r) => {
        if (!r.ok) setError(r.error);
      })
      .catch((e: unknown) => setError(String(e)))
      .finally(() => setAsking(false));
  };
  const total = status.done + status.failed + waiting;
  return (
    <section
      data-testid="queue-section"
      data-running={status.running ? '1' : '0'}
      data-pending={counts.pending}
      data-images={counts.images}
      data-failed={counts.failed}
      data-done={status.done}
    >
      <h3>Fetch imported links</h3>
      <p data-testid="queue-counts">
        {counts.pending.toLocaleString()} not yet fetched
        {counts.images ? ` · ${counts.images.toLocaleString()} waiting for images` : ''}
        {` · ${counts.failed.toLocaleString()} failed`}
      </p>
      {status.running && (
        <div aria-live="polite" data-testid="queue-progress">
          <p>
            Fetching in the background ({status.done.toLocaleString()} done
            {status.failed ? `, ${status.failed.toLocaleString()} failed` : ''}); you can close this page.
            {status.resumeAt ? ` Waiting to retry at ${new Date(status.resumeAt).toLocaleTimeString()}.` : ''}
          </p>
          <progress max={total || 1} value={status.done + status.failed} />
        </div>
      )}
      <div class="ie-row">
        {status.running ? (
          <button type="button" data-testid="queue-stop" onClick={() => void queue.stop().catch((e: unknown) => setError(String(e)))}>
            Stop
          </button>
        ) : (
          waiting > 0 && (
            <button type="button" data-testid="queue-start" disabled={asking} onClick={() => start(false)}>
              Fetch {countOf(waiting, 'article')}
            </button>
          )
        )}
        {!status.running && counts.failed > 0 && (
          <button type="button" class="secondary" data-testid="queue-retry" disabled={asking} onClick={() => start(true)}>
            Retry {counts.failed.toLocaleString()} failed
          </button>
        )}
      </div>
      {view.needsPermission && !status.running && waiting > 0 && (
        <p class="muted">
          Gist needs access to all sites to download the imported pages: your browser will ask. Each page is fetched once, without your
          cookies.
        </p>
      )}
      {error && (
        <p class="error" role="alert" data-testid="queue-error">
          {error}
        </p>
      )}
      {status.error && (
        <p class="error" role="alert" data-testid="queue-run-error">
          Fetching stopped: {status.error}
        </p>
      )}
      {counts.failures.length > 0 && (
        <details>
          <summary>Why {counts.failed === 1 ? 'one link' : `${counts.failed.toLocaleString()} links`} failed</summary>
          <ul class="ie-list" data-testid="queue-failures">
            {counts.failures.map((f) => (
              <li key={f.id}>
                <a href={f.url} target="_blank" rel="noopener noreferrer">
                  {f.title}
                </a>
                : {f.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
