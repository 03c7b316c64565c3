import './welcome.css';

/** The empty library on first run: what Gist does, how to save, and the way in for an existing library. */
export function Welcome({ onImport, shortcut }: { onImport(): void; shortcut: string }) {
  const keys = shortcut.split('+').filter(Boolean);
  return (
    <section class="welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to Gist</h1>
      <p class="welcome-lead">
        Save articles to read later, with their text and images kept in your browser: they open offline, without ads, in a clean reader. No
        account, nothing leaves your computer.
      </p>
      <ol class="welcome-steps">
        <li>
          <strong>Save a page.</strong> Click the Gist button in the toolbar on any article
          {keys.length > 0 && (
            <>
              {' '}
              or press{' '}
              {keys.map((k, i) => (
                <span key={i}>
                  {i > 0 && '+'}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </>
          )}
          . The button shows how long the article takes to read.
        </li>
        <li>
          <strong>Read it here.</strong> Search, tag, favorite and archive; press <kbd>?</kbd> for keyboard shortcuts.
        </li>
        <li>
          <strong>Bring your library.</strong>{' '}
          <button type="button" data-testid="welcome-import" onClick={onImport}>
            Import from Pocket, Instapaper, …
          </button>
          <span class="muted small"> Also Omnivore, wallabag, Readwise, Matter, Raindrop, Pinboard and browser bookmarks.</span>
        </li>
      </ol>
    </section>
  );
}
