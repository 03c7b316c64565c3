import { useEffect, useState } from 'preact/hooks';
import type { Preview, Result, SaveResult } from '../../lib/messaging/protocol';
import { TagEditor } from '../shared/tag-editor';
import { TagSuggestions } from '../shared/tag-suggestions';
import { humanError } from '../../lib/messaging/errors';
import { minutesForSpeed } from '../../lib/reading-time/index';
import { tagSuggestions } from '../../lib/tags/suggestions';

/** Everything the popup needs from the outside world; the entrypoint wires it to the background. */
export interface PopupConnector {
  preview(): Promise<Result<Preview>>;
  save(tags: string[] | undefined): Promise<Result<SaveResult>>;
  /** Stores the page as a link only (URL + title; its text can be fetched later). */
  saveLink?(): Promise<Result<SaveResult>>;
  remove(id: number): Promise<Result<null>>;
  setTags(id: number, tags: string[]): Promise<Result<null>>;
  openLibrary(articleId?: number): void;
  /** Whether images from these origins can be downloaded already. */
  hasImageAccess(origins: string[]): Promise<boolean>;
  /** Asks for host access to these image origins (only these). Must be called synchronously in the
   *  click handler (Firefox drops the user gesture after an await); false when the user declines. */
  requestImageAccess(origins: string[]): Promise<boolean>;
  /** The user's reading speed (words per minute); the reading time is shown at it. */
  readingSpeed?(): Promise<number>;
  /** The popup belongs to a private window: what is saved still goes to the one, lasting library. */
  privateWindow?: boolean;
}

/** A background answer, or a human error when it threw or never answered (worker stopped mid-request). */
async function settle<T>(p: Promise<Result<T>>, action: string): Promise<Result<T>> {
  try {
    const r = (await p) as Result<T> | undefined;
    return r && typeof r === 'object' && 'ok' in r
      ? r
      : { ok: false, error: humanError(new Error('The message port closed before a response was received.'), action) };
  } catch (e) {
    return { ok: false, error: humanError(e, action) };
  }
}

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | {
      kind: 'ready';
      preview: Preview;
      tags: string[];
      edited: boolean;
      busy: boolean;
      message: string | null;
      failed: boolean;
      imageAccess: boolean;
    };

export function Popup({ connector }: { connector: PopupConnector }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [wpm, setWpm] = useState<number | null>(null);
  useEffect(() => {
    connector.readingSpeed?.().then(setWpm, () => {});
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once: main.tsx creates the connector once per popup
  }, []);

  const load = async () => {
    setState({ kind: 'loading' });
    const r = await settle(connector.preview(), 'read this page');
    if (!r.ok) setState({ kind: 'error', message: r.error });
    else {
      const imageAccess = r.value.imageOrigins.length === 0 || (await connector.hasImageAccess(r.value.imageOrigins).catch(() => false));
      setState({
        kind: 'ready',
        preview: r.value,
        tags: r.value.tags,
        edited: false,
        busy: false,
        message: null,
        failed: false,
        imageAccess,
      });
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- preview once on open; Retry calls load() again
  }, []);

  if (state.kind === 'loading')
    return (
      <main class="popup">
        <p class="muted" role="status">
          Reading this page…
        </p>
      </main>
    );
  if (state.kind === 'error') {
    return (
      <main class="popup">
        <p class="error" role="alert">
          {state.message}
        </p>
        <div class="actions">
          <button type="button" onClick={() => void load()}>
            Retry
          </button>
          <button type="button" class="secondary" onClick={() => connector.openLibrary()}>
            Open library
          </button>
        </div>
      </main>
    );
  }

  const { preview: p, tags, busy, message, failed } = state;
  const patch = (changes: Partial<Extract<State, { kind: 'ready' }>>) => setState({ ...state, ...changes });

  const save = async () => {
    // The permission prompt first, before any await, while the click still counts as a user gesture.
    const access = state.imageAccess ? Promise.resolve(true) : connector.requestImageAccess(p.imageOrigins).catch(() => false);
    patch({ busy: true, message: 'Saving…', failed: false });
    const imagesAllowed = await access;
    // The background may be stopped mid-save (MV3): the save is one transaction, so Retry is always safe.
    const r = await settle(connector.save(state.edited ? tags : undefined), 'save this article');
    if (!r.ok) {
      setState({ ...state, busy: false, failed: true, message: `Not saved: ${r.error}` });
      return;
    }
    const note =
      r.value.imagesFailed && imagesAllowed
        ? ` (${r.value.imagesFailed} image${r.value.imagesFailed > 1 ? 's' : ''} could not be downloaded)`
        : !imagesAllowed && p.imageOrigins.length
          ? ' (images stay online only: access declined)'
          : '';
    setState({
      ...state,
      busy: false,
      failed: false,
      edited: false,
      imageAccess: imagesAllowed,
      message: note ? `Saved${note}` : null,
      preview: { ...p, saved: { id: r.value.id, tags, savedAt: Date.now() } },
    });
  };

  const saveLink = async () => {
    if (!connector.saveLink) return;
    patch({ busy: true, message: 'Saving…', failed: false });
    const r = await settle(connector.saveLink(), 'save this link');
    if (!r.ok) setState({ ...state, busy: false, failed: true, message: `Not saved: ${r.error}` });
    else
      setState({
        ...state,
        busy: false,
        failed: false,
        message: r.value.created ? 'Saved as a link: the library can download the page later' : null,
        preview: { ...p, saved: { id: r.value.id, tags: [], savedAt: Date.now() } },
      });
  };

  const remove = async () => {
    if (!p.saved) return;
    patch({ busy: true });
    const r = await settle(connector.remove(p.saved.id), 'remove this article');
    if (!r.ok) patch({ busy: false, failed: true, message: `Not removed: ${r.error}` });
    else setState({ ...state, busy: false, failed: false, message: 'Removed from your library', preview: { ...p, saved: null } });
  };

  const changeTags = async (next: string[]) => {
    setState({ ...state, tags: next, edited: true });
    if (p.saved) {
      const r = await settle(connector.setTags(p.saved.id, next), 'change the tags');
      if (!r.ok) setState({ ...state, tags: next, edited: true, failed: true, message: `Tags not saved: ${r.error}` });
    }
  };

  return (
    <main class="popup" data-state={p.saved ? 'saved' : 'unsaved'}>
      {!p.isArticle && !p.saved && (
        <p class="notice" data-testid="not-article">
          This page doesn’t look like an article.
        </p>
      )}
      <h1 class="title" data-testid="title">
        {p.title}
      </h1>
      <p class="meta">
        {p.siteName && <span data-testid="site">{p.siteName}</span>}
        {/* Not an article: no byline, reading time or tags, which would describe whatever text was found. */}
        {p.isArticle && p.byline && <span data-testid="byline">{p.byline}</span>}
        {p.isArticle && (
          <span data-testid="reading-time">
            {wpm === null ? p.readingMinutes : minutesForSpeed({ words: p.wordCount, cjkChars: p.cjkChars, images: p.imageCount }, wpm)} min
            read
          </span>
        )}
      </p>
      {p.excerpt && (
        <p class="excerpt" data-testid="excerpt">
          {p.excerpt}
        </p>
      )}
      {p.isArticle && <TagEditor tags={tags} onChange={(t) => void changeTags(t)} disabled={busy} />}
      {p.isArticle && (
        <TagSuggestions
          suggestions={tagSuggestions(p.tagSuggestions ?? [], tags)}
          onAdd={(t) => void changeTags([...tags, t])}
          disabled={busy}
        />
      )}
      <div class="actions">
        {p.saved ? (
          <>
            <span class="saved-state" data-testid="saved">
              ✓ Saved
            </span>
            <button type="button" onClick={() => connector.openLibrary(p.saved!.id)}>
              Open in library
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={() => void remove()}>
              Remove
            </button>
          </>
        ) : p.isArticle ? (
          <>
            <button type="button" data-testid="save" disabled={busy || !p.canExtract} onClick={() => void save()}>
              {failed ? 'Retry' : 'Save'}
            </button>
            <button type="button" class="secondary" onClick={() => connector.openLibrary()}>
              Library
            </button>
          </>
        ) : (
          <>
            <button type="button" data-testid="save-link" disabled={busy || !connector.saveLink} onClick={() => void saveLink()}>
              Save as link
            </button>
            <button type="button" class="secondary" data-testid="save" disabled={busy || !p.canExtract} onClick={() => void save()}>
              Save the page text anyway
            </button>
          </>
        )}
      </div>
      {!p.canExtract && <p class="error">Gist found no readable text on this page.</p>}
      {connector.privateWindow && (
        <p class="muted" data-testid="private-note">
          Private window: {p.saved ? 'this page is' : 'what you save goes'} in your Gist library, which stays after this window closes.
        </p>
      )}
      {message && (
        <p class={failed ? 'error' : 'muted'} role="status" data-testid="message">
          {message}
        </p>
      )}
    </main>
  );
}
