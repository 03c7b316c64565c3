import { useState } from 'preact/hooks';

export interface TagEditorProps {
  tags: string[];
  onChange(tags: string[]): void;
  disabled?: boolean;
}

/** Tags as removable chips plus an input: Enter or comma adds, Backspace on empty removes the last. */
export function TagEditor({ tags, onChange, disabled }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const add = (raw: string) => {
    const parts = raw
      .split(',')
      .map((t) => t.trim().replace(/\s+/g, ' '))
      .filter((t) => t && t.length <= 60);
    const next = [...tags];
    for (const p of parts) if (!next.some((t) => t.toLowerCase() === p.toLowerCase())) next.push(p);
    if (next.length !== tags.length) onChange(next);
    setDraft('');
  };
  return (
    <div class="tag-editor" data-testid="tag-editor">
      {tags.map((t) => (
        <span class="tag" key={t}>
          {t}
          <button
            type="button"
            class="tag-remove"
            aria-label={`Remove tag ${t}`}
            disabled={disabled}
            onClick={() => onChange(tags.filter((x) => x !== t))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        class="tag-input"
        aria-label="Add a tag"
        placeholder={tags.length ? 'Add tag' : 'Add a tag'}
        value={draft}
        disabled={disabled}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add(draft);
          } else if (e.key === 'Backspace' && !draft && tags.length) onChange(tags.slice(0, -1));
        }}
        onBlur={() => draft.trim() && add(draft)}
      />
    </div>
  );
}
