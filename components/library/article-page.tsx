import { useEffect, useState } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import type { ReaderSettings } from '../../lib/reader/settings';
import { minutesAt } from '../../lib/search/list-query';
import type { LibraryConnector, ReadableArticle } from './library-connector';
import { ReaderView } from './reader-view';
import { ReadAloud } from './read-aloud';

/** One article in the reader: its toolbar, read aloud and the text (route `#article/<id>`). */
export function ArticlePage({ id, connector, settings, onSettings, onSettingsPanel, article, onBack, onArchive, onFavorite, onDelete, onTags }: {
  id: number;
  onSettingsPanel(): void;
  connector: LibraryConnector;
  settings: ReaderSettings;
  onSettings(s: ReaderSettings): void;
  article: ArticleRecord | undefined;
  onBack(): void;
  onArchive(a: ArticleRecord): void;
  onFavorite(a: ArticleRecord): void;
  onDelete(a: ArticleRecord): void;
  onTags(a: ArticleRecord): void;
}) {
  const [item, setItem] = useState<ReadableArticle | null | undefined>(undefined);
  const [text, setText] = useState('');
  useEffect(() => {
    let live = true;
    setItem(undefined);
    connector.readable(id).then((r) => live && setItem(r ?? null), () => live && setItem(null));
    return () => { live = false; };
  }, [id]);
  useEffect(() => { window.scrollTo({ top: 0 }); }, [id]);
  if (item === undefined) return <p class="muted" role="status">Opening…</p>;
  if (item === null) return <p class="error">This article is no longer in your library. <button type="button" onClick={onBack}>Back</button></p>;
  const a = article ?? item.article;
  return (
    <div class="reader-page">
      <div class="reader-toolbar" role="toolbar" aria-label="Article">
        <button type="button" class="secondary" onClick={onBack} title="Back (Esc)">← Library</button>
        <span class="spacer" />
        <button type="button" class="secondary" aria-pressed={a.favorite === 1} title="Favorite (s)" onClick={() => onFavorite(a)}>{a.favorite ? '★ Favorite' : '☆ Favorite'}</button>
        <button type="button" class="secondary" title="Archive (e)" onClick={() => onArchive(a)}>{a.status === 'archived' ? 'Unarchive' : 'Archive'}</button>
        {connector.setTags && <button type="button" class="secondary" title="Tags (t)" onClick={() => onTags(a)}>Tags</button>}
        <button type="button" class="secondary" title="Delete (#)" onClick={() => onDelete(a)}>Delete</button>
        <a class="button secondary" href={a.originalUrl} target="_blank" rel="noopener noreferrer" title={`Open ${a.originalUrl} (o)`} data-testid="toolbar-original">Original ↗</a>
        <button type="button" class="secondary" aria-label="Reading settings" title="Reading settings" data-testid="reader-settings-button" onClick={onSettingsPanel}>Aa</button>
      </div>
      {a.contentState !== 'full' && (
        <p class="hint">Only the link is stored for this article. <a href={a.originalUrl} target="_blank" rel="noopener noreferrer">Open it on the web</a> and save it with Gist to read it here offline.</p>
      )}
      <ReadAloud speech={connector.speech ?? null} text={text} lang={a.lang} rate={settings.speechRate} voice={settings.voice}
        onRate={(speechRate) => onSettings({ ...settings, speechRate })} onVoice={(voice) => onSettings({ ...settings, voice })} />
      <ReaderView item={item} settings={settings} minutes={minutesAt(a, settings.wpm)} onText={setText}
        onProgress={(p) => void connector.setProgress?.(a.id, p).catch(() => { /* position only; next scroll retries */ })} />
    </div>
  );
}
