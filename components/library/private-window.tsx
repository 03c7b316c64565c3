import './private-window.css';

/**
 * The library page opened in a private window (Firefox): pages there get their own storage, empty and
 * erased when the window closes, so the library is not shown there; it opens in a normal window.
 */
export function PrivateWindowNotice({ onOpenNormal }: { onOpenNormal(): void }) {
  return (
    <main class="private-window" data-testid="private-window">
      <h1>Gist’s library opens in a normal window</h1>
      <p>
        This is a private window. Firefox gives pages in private windows their own storage, which starts empty and is erased when the window
        closes, so your saved articles are not here.
      </p>
      <p>Articles you save from a private window still go to your library and stay there after the window closes.</p>
      <button type="button" data-testid="open-normal-library" onClick={onOpenNormal}>
        Open the library in a normal window
      </button>
    </main>
  );
}
