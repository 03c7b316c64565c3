export interface TagSuggestionsProps {
  /** Candidate tags not applied yet, best first. */
  suggestions: string[];
  onAdd(tag: string): void;
  disabled?: boolean;
}

/** A row of one-click suggestion chips: clicking one applies it. Nothing shown when there are none. */
export function TagSuggestions({ suggestions, onAdd, disabled }: TagSuggestionsProps) {
  if (!suggestions.length) return null;
  return (
    <div class="tag-suggestions" data-testid="tag-suggestions" role="group" aria-label="Suggested tags">
      <span class="tag-suggestions-label">Suggested:</span>
      {suggestions.map((t) => (
        <button type="button" class="tag-suggestion" key={t} disabled={disabled} aria-label={`Add tag ${t}`} onClick={() => onAdd(t)}>
          + {t}
        </button>
      ))}
    </div>
  );
}
