import { useEffect, useState } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import type { QueueBackend, QueueView } from './library-connector';
import './not-downloaded.css';

/**
 * In place of the text of an article whose page was never downloaded (a link saved or imported): says
 * so, and Fetch starts the background fetch queue, which downloads this page with the other waiting
 * links (one request per site at a time). A failed download says why and offers to try again.
 */
export function NotDownloaded({ article: a, queue }: { article: ArticleRecord; queue?: QueueBackend }) {
  const [view, setView] = useState<QueueView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  useEffect(() => queue?.subscribe(setView), [queue]);
  const failed = a.contentState === 'failed';
  const running = !!view?.status.running;
  const fetchNow = () => {
    if (!queue) return;
    setError(null);
    setAsking(true);
    // Called straight from the click: start() may ask for host access, which needs the user gesture.
    void queue
      .start({ retryFailed: failed })
      .then((r) => {
        if (!r.ok) setError(r.error);
      })
      .catch((e: unknown) => setError(String(e)))
      .finally(() => setAsking(false));
  };
  return (
    <div class="not-downloaded hint" data-testid="not-downloaded" role="status">
      <p>
        <strong>{failed ? 'Could not download this page' : 'Not downloaded yet'}</strong>
        {failed ? `: ${a.fetchError ?? 'unknown reason'}.` : ': only the link is stored, so there is no text or reading time yet.'}
      </p>
      <p>
        {queue && (
          <button type="button" data-testid="fetch-article" disabled={asking || running} onClick={fetchNow}>
            {running ? 'Fetching…' : failed ? 'Try again' : 'Fetch'}
          </button>
        )}{' '}
        <a href={a.originalUrl} target="_blank" rel="noopener noreferrer">
          Open it on the web
        </a>
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
