import { useEffect, useRef, useState } from 'preact/hooks';
import type { MutableRef } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import type { ReaderSettings } from '../../lib/reader/settings';
import { minutesAt } from '../../lib/search/list-query';
import type { LibraryConnector, ReadableArticle } from './library-connector';
import { ReaderView } from './reader-view';
import { ReadAloud } from './read-aloud';
import { NotDownloaded } from './not-downloaded';
import { useReaderHighlights } from './use-reader-highlights';
import { ReaderHighlights, type HighlightCommand } from './reader-highlights';
import { saveBlob } from './export-download';
import './article-page.css';

export interface ArticlePageProps {
  id: number;
  onSettingsPanel(): void;
  connector: LibraryConnector;
  settings: ReaderSettings;
  onSettings(s: ReaderSettings): void;
  article: ArticleRecord | undefined;
  /** The unread article to offer after this one. */
  nextUnread: ArticleRecord | undefined;
  onOpen(id: number): void;
  onBack(): void;
  onArchive(a: ArticleRecord): void;
  onFavorite(a: ArticleRecord): void;
  onDelete(a: ArticleRecord): void;
  onTags(a: ArticleRecord): void;
  /** Open scrolled to this highlight (route `#article/<id>?h=<highlight id>`) instead of the reading position. */
  highlightId?: string;
  /** The library's toast (with Undo) and error banner. */
  notify(message: string, undo?: () => Promise<void>): void;
  run<T>(action: string, fn: () => Promise<T>): Promise<T | undefined>;
  /** Where the library's `h` / `n` keys are sent. */
  commands?: MutableRef<((c: HighlightCommand) => void) | null>;
}

/** One article in the reader: its toolbar (the page's only one), read aloud, the text and what comes next (route `#article/<id>`). */
export function ArticlePage({
  id,
  connector,
  settings,
  onSettings,
  onSettingsPanel,
  article,
  nextUnread,
  onOpen,
  onBack,
  onArchive,
  onFavorite,
  onDelete,
  onTags,
  highlightId,
  notify,
  run,
  commands,
}: ArticlePageProps) {
  const [item, setItem] = useState<ReadableArticle | null | undefined>(undefined);
  const [text, setText] = useState('');
  const [offer, setOffer] = useState(false);
  const [page, setPage] = useState<HTMLDivElement | null>(null);
  const [body, setBody] = useState<{ el: HTMLElement; version: number } | null>(null);
  const hl = useReaderHighlights({
    backend: connector.highlights,
    articleId: item ? item.article.id : undefined,
    hasText: item?.article.contentState === 'full', // the text on screen (see `downloaded` below)
    body: body?.el ?? null,
    bodyVersion: body?.version ?? 0,
    run,
    notify,
  });
  const openedId = useRef<number | null>(null);
  useEffect(() => {
    let live = true;
    // A new article shows "Opening…"; the same one read again (its text just downloaded) stays on screen
    // until the new read arrives, so the reader does not blink away under the person reading it.
    if (openedId.current !== id) {
      openedId.current = id;
      setItem(undefined);
      setOffer(false);
    }
    connector.readable(id).then(
      (r) => live && setItem(r ?? null),
      () => live && setItem(null),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one DB read per opened article, and again once a link-only one has been downloaded; the connector is made once per page
  }, [id, article?.contentState]); // read again once a link-only article has been downloaded
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [id]);
  if (item === undefined)
    return (
      <p class="muted" role="status">
        Opening…
      </p>
    );
  if (item === null)
    return (
      <p class="error">
        This article is no longer in your library.{' '}
        <button type="button" onClick={onBack}>
          Back
        </button>
      </p>
    );
  const a = article ?? item.article;
  const archived = a.status === 'archived';
  // Read to the end: archive it if the reader asked for that, else offer to (once per opening).
  const finished = () => {
    if (a.status !== 'unread') return;
    if (settings.autoArchive) onArchive(a);
    else setOffer(true);
  };
  const next = nextUnread && nextUnread.id !== a.id ? nextUnread : undefined;
  // A link whose page was never downloaded: its notice stands where the text would, with no end-of-text actions.
  // Judged by the text on screen, not the record: just after a download the record says 'full' while the
  // text is still being read, and an empty body under a progress bar would store a position of its own.
  const downloaded = item.article.contentState === 'full';
  const panelOpen = settings.notesPanel && !!connector.highlights;
  const count = hl.state.placed.length + hl.state.unplaced.length + hl.state.waiting.length;
  const nextButton = next && (
    <button type="button" class="secondary" data-testid="next-unread" title={next.title} onClick={() => onOpen(next.id)}>
      Next unread →
    </button>
  );
  return (
    <div class={`reader-page${panelOpen ? ' panel-open' : ''}`} ref={setPage}>
      <div class="reader-toolbar" role="toolbar" aria-label="Article">
        <button type="button" class="secondary" onClick={onBack} title="Back (Esc)">
          ← <span class="narrow-hide">Library</span>
        </button>
        <span class="spacer" />
        <button type="button" class="secondary" aria-pressed={a.favorite === 1} title="Favorite (s)" onClick={() => onFavorite(a)}>
          {a.favorite ? '★' : '☆'} <span class="narrow-hide">Favorite</span>
        </button>
        <button type="button" class="secondary" title="Archive (e)" onClick={() => onArchive(a)}>
          {archived ? 'Unarchive' : 'Archive'}
        </button>
        {connector.setTags && (
          <button type="button" class="secondary" title="Tags (t)" onClick={() => onTags(a)}>
            Tags
          </button>
        )}
        <button type="button" class="secondary" title="Delete (#)" onClick={() => onDelete(a)}>
          Delete
        </button>
        <a
          class="button secondary"
          href={a.originalUrl}
          target="_blank"
          rel="noopener noreferrer"
          title={`Open ${a.originalUrl} (o)`}
          data-testid="toolbar-original"
        >
          {/* The space inside the span: a flex container (a.button) drops a text item's leading space in Firefox. */}
          <span class="narrow-hide">Original{'\u00a0'}</span>↗
        </a>
        {connector.highlights && (
          <button
            type="button"
            class="secondary"
            aria-pressed={panelOpen}
            title="Highlights and notes"
            data-testid="notes-button"
            onClick={() => onSettings({ ...settings, notesPanel: !panelOpen })}
          >
            Notes{count > 0 && <span class="count-badge">{count}</span>}
          </button>
        )}
        <button
          type="button"
          class="secondary"
          aria-label="Reading settings"
          title="Reading settings"
          data-testid="settings-button"
          onClick={onSettingsPanel}
        >
          Aa
        </button>
      </div>
      <ReaderView
        item={item}
        settings={settings}
        minutes={downloaded ? minutesAt(a, settings.wpm) : null}
        onText={setText}
        onFinish={finished}
        downloaded={downloaded}
        onBody={(el) => setBody((b) => ({ el, version: (b?.version ?? 0) + 1 }))}
        restorePosition={!highlightId}
        onProgress={(p) =>
          void connector.setProgress?.(a.id, p).catch(() => {
            /* position only; next scroll retries */
          })
        }
        beforeBody={
          !downloaded ? (
            <NotDownloaded article={a} queue={connector.queue} />
          ) : (
            <ReadAloud
              speech={connector.speech ?? null}
              text={text}
              lang={a.lang}
              rate={settings.speechRate}
              voice={settings.voice}
              onRate={(speechRate) => onSettings({ ...settings, speechRate })}
              onVoice={(voice) => onSettings({ ...settings, voice })}
            />
          )
        }
        afterBody={
          downloaded && (
            <div class="reader-end" data-testid="reader-end">
              <button type="button" class={archived ? 'secondary' : ''} data-testid="end-archive" onClick={() => onArchive(a)}>
                {archived ? 'Archived ✓ · Move to unread' : 'Archive'}
              </button>
              {nextButton}
              {!next && <span class="muted small">No other unread articles.</span>}
            </div>
          )
        }
      />
      {connector.highlights && (
        <ReaderHighlights
          hl={hl}
          body={body?.el ?? null}
          container={page}
          color={settings.highlightColor}
          onColor={(highlightColor) => onSettings({ ...settings, highlightColor })}
          panelOpen={panelOpen}
          onPanel={(notesPanel) => onSettings({ ...settings, notesPanel })}
          articleId={a.id}
          articleNote={a.note ?? ''}
          onArticleNote={(note) =>
            run('save the note', () => connector.highlights!.setArticleNote(a.id, note).then(() => true)).then((ok) => {
              if (!ok) throw new Error('The note was not saved.');
            })
          }
          focusId={highlightId}
          commands={commands}
          notify={notify}
          onExport={
            connector.transfer?.exportArticleHighlights &&
            (() =>
              void run('export the highlights', () => connector.transfer!.exportArticleHighlights!(a.id)).then(
                (file) => file && saveBlob(file.blob, file.fileName),
              ))
          }
        />
      )}
      {offer && !archived && (
        <div class="finish-offer" role="status" data-testid="finish-offer">
          <span>Finished? Archive it to keep your list short.</span>
          <button
            type="button"
            data-testid="offer-archive"
            onClick={() => {
              setOffer(false);
              onArchive(a);
            }}
          >
            Archive
          </button>
          {nextButton}
          <button type="button" class="link" aria-label="Not now" onClick={() => setOffer(false)}>
            Not now
          </button>
        </div>
      )}
    </div>
  );
}
