import { useState } from 'preact/hooks';
import './undo-toast.css';

interface Toast {
  message: string;
  undo?: () => Promise<void>;
  timer: number;
}

/** How long a message, and its Undo, stays up. */
const UNDO_MS = 8000;

/**
 * The library's one message at a time, with Undo when the edit can be taken back; a new message replaces
 * the last (its Undo is gone). `run` performs the undo, showing its error like any edit's.
 */
export function useUndoToast(run: (action: string, fn: () => Promise<void>) => Promise<unknown>) {
  const [toast, setToast] = useState<Toast | null>(null);
  const notify = (message: string, undo?: () => Promise<void>) => {
    if (toast) clearTimeout(toast.timer);
    setToast({ message, undo, timer: window.setTimeout(() => setToast(null), UNDO_MS) });
  };
  const undoNow = () => {
    if (!toast?.undo) return;
    clearTimeout(toast.timer);
    const u = toast.undo;
    setToast(null);
    void run('undo', u);
  };
  return { toast, notify, undoNow };
}

export function UndoToast({ toast, onUndo }: { toast: Toast | null; onUndo(): void }) {
  if (!toast) return null;
  return (
    <div class="toast" role="status" data-testid="undo-toast">
      <span>{toast.message}</span>
      {toast.undo && (
        <button type="button" onClick={onUndo}>
          Undo
        </button>
      )}
    </div>
  );
}
