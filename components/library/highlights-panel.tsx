import { useEffect, useRef, useState } from 'preact/hooks';
import type { HighlightRecord } from '../../lib/db/schema';
import type { PlacedHighlight } from '../../lib/annotate/reader-highlights';
import { COLOR_NAMES } from './highlight-toolbar';
import './highlights-panel.css';

const NOTE_SAVE_MS = 600;

export interface HighlightsPanelProps {
  /** Keyed by article: the note field starts from this value once per article. */
  articleId: number;
  articleNote: string;
  onArticleNote(note: string): Promise<unknown>;
  placed: PlacedHighlight[];
  unplaced: HighlightRecord[];
  waiting: HighlightRecord[];
  /** Scrolls to it; `edit` also opens its colour and note. */
  onPick(id: string, edit?: boolean): void;
  onDelete(id: string): void;
  onClose(): void;
  /** Downloads the note and highlights as Markdown (absent when the library cannot export). */
  onExport?(): void;
}

/** The article's note, then its highlights and their notes in reading order, then those not drawn. */
export function HighlightsPanel({
  articleId,
  articleNote,
  onArticleNote,
  placed,
  unplaced,
  waiting,
  onPick,
  onDelete,
  onClose,
  onExport,
}: HighlightsPanelProps) {
  return (
    <aside class="hl-panel" aria-label="Highlights and notes" data-testid="highlights-panel">
      <header class="hl-panel-head">
        <h2>Notes &amp; highlights</h2>
        <button type="button" class="link hl-close" aria-label="Close the panel" title="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <ArticleNote key={articleId} initial={articleNote} onSave={onArticleNote} />
      {placed.length === 0 && unplaced.length === 0 && waiting.length === 0 && (
        <p class="muted hl-panel-empty" data-testid="notes-panel-empty">
          No highlights yet. Select text in the article, then pick a colour (or press <kbd>h</kbd>).
        </p>
      )}
      {placed.length > 0 && (
        <ol class="hl-list" data-testid="highlights-list">
          {placed.map(({ record }) => (
            <li key={record.id}>
              <button type="button" class={`hl-item hl-${record.color}`} data-testid="highlight-item" onClick={() => onPick(record.id)}>
                <span class="sr-only">{COLOR_NAMES[record.color]} highlight: </span>
                <q class="hl-panel-quote">{record.quote.exact}</q>
                {record.note && <span class="hl-item-note">{record.note}</span>}
              </button>
              <button type="button" class="link small hl-edit" data-testid="highlight-edit" onClick={() => onPick(record.id, true)}>
                Edit
              </button>
            </li>
          ))}
        </ol>
      )}
      {unplaced.length > 0 && (
        <Section
          title="Couldn't place"
          why="The article's text no longer holds these quotes, so they are not marked in it."
          list={unplaced}
          testid="highlights-unplaced"
          onDelete={onDelete}
        />
      )}
      {waiting.length > 0 && (
        <Section
          title="Waiting for the article's text"
          why="They will be placed once the article is downloaded."
          list={waiting}
          testid="highlights-waiting"
          onDelete={onDelete}
        />
      )}
      {onExport && (placed.length > 0 || unplaced.length > 0 || waiting.length > 0 || articleNote) && (
        <p class="hl-export">
          <button type="button" class="link small" data-testid="highlights-export" onClick={onExport}>
            Export highlights (Markdown)
          </button>
        </p>
      )}
    </aside>
  );
}

function Section(p: { title: string; why: string; list: HighlightRecord[]; testid: string; onDelete(id: string): void }) {
  return (
    <section class="hl-unplaced" data-testid={p.testid}>
      <h3>{p.title}</h3>
      <p class="muted small">{p.why}</p>
      <ul class="hl-list">
        {p.list.map((r) => (
          <li key={r.id} class={`hl-item static hl-${r.color}`}>
            <q class="hl-panel-quote">{r.quote.exact}</q>
            {r.note && <span class="hl-item-note">{r.note}</span>}
            <button type="button" class="link small" onClick={() => p.onDelete(r.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Free text about the whole article, saved a moment after typing stops, on leaving the field and on closing. */
function ArticleNote({ initial, onSave }: { initial: string; onSave(note: string): Promise<unknown> }) {
  const [text, setText] = useState(initial);
  const [status, setStatus] = useState<'' | 'saving' | 'saved'>('');
  const timer = useRef(0);
  const state = useRef({ text: initial, saved: initial, onSave });
  state.current.onSave = onSave;
  const flush = () => {
    clearTimeout(timer.current);
    const s = state.current;
    if (s.text === s.saved) return;
    const value = s.text;
    s.saved = value;
    setStatus('saving');
    s.onSave(value).then(
      () => setStatus((x) => (x === 'saving' ? 'saved' : x)),
      () => setStatus(''),
    );
  };
  useEffect(() => () => flush(), []); // flush once, on closing
  return (
    <label class="hl-article-note">
      <span class="hl-label">Article note {status && <span class="muted small">{status === 'saving' ? 'Saving…' : 'Saved'}</span>}</span>
      <textarea
        rows={4}
        value={text}
        placeholder="Your thoughts on the whole article…"
        data-testid="article-note"
        onInput={(e) => {
          const v = (e.target as HTMLTextAreaElement).value;
          setText(v);
          state.current.text = v;
          setStatus('');
          clearTimeout(timer.current);
          timer.current = window.setTimeout(flush, NOTE_SAVE_MS);
        }}
        onBlur={flush}
      />
    </label>
  );
}
