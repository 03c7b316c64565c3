import { useState } from 'preact/hooks';
import { describeError } from './errors';

/** The page's error message, and `run`, which performs an edit and shows its failure there. */
export function useErrorBanner() {
  const [error, setError] = useState<string | null>(null);
  /** Runs an edit, showing its error as "could not <action>"; undefined when it failed. */
  const run = async <T,>(action: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (e) {
      setError(describeError(action, e));
      return undefined;
    }
  };
  return { error, setError, run };
}

export function ErrorBanner({ error, onDismiss }: { error: string | null; onDismiss(): void }) {
  if (!error) return null;
  return (
    <p class="error banner" role="alert">
      {error}{' '}
      <button type="button" class="link" onClick={onDismiss}>
        Dismiss
      </button>
    </p>
  );
}
