import { useEffect, useRef, useState } from 'preact/hooks';
import { formatBytes } from '../../lib/format/bytes';
import { countOf } from '../../lib/format/count';
import { DROP_MONTHS, type DropImagesPlan } from '../../lib/storage/drop-images';
import type { StorageParts } from '../../lib/storage/usage';
import type { LibraryConnector, StorageInfo } from './library-connector';
import './import-export.css';
import './dialogs.css';

const favoritesNote = (n: number) =>
  n === 1 ? ' 1 favorite that old keeps its images.' : ` ${countOf(n, 'favorite')} that old keep their images.`;
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

type Step =
  | { kind: 'idle' }
  | { kind: 'confirm' }
  | { kind: 'dropping'; done: number; total: number }
  | { kind: 'done'; text: string }
  | { kind: 'error'; text: string };

/** Space per part next to the browser's total, and dropping the images of old archived articles. */
export function StoragePanel({ storage, onClose }: { storage: NonNullable<LibraryConnector['storage']>; onClose(): void }) {
  const box = useRef<HTMLDivElement>(null);
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [parts, setParts] = useState<StorageParts | null>(null);
  const [months, setMonths] = useState<number>(12);
  const [plan, setPlan] = useState<DropImagesPlan | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [tick, setTick] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>('button')?.focus();
    return () => prev?.focus?.();
  }, []);
  // Measured on opening and after each drop (a full pass over bodies and images: not on every change).
  useEffect(() => {
    let live = true;
    storage.info().then(
      (i) => live && setInfo(i),
      () => {},
    );
    storage.parts?.().then(
      (p) => live && setParts(p),
      (e) => live && setError(`Could not measure the library: ${describe(e)}`),
    );
    return () => {
      live = false;
    };
  }, [storage, tick]);
  useEffect(() => {
    let live = true;
    setPlan(null);
    storage.planImageDrop?.(months).then(
      (p) => live && setPlan(p),
      (e) => live && setError(`Could not look for old images: ${describe(e)}`),
    );
    return () => {
      live = false;
    };
  }, [storage, months, tick]);

  const drop = async () => {
    if (!plan || !storage.dropImages) return;
    setStep({ kind: 'dropping', done: 0, total: plan.articleIds.length });
    try {
      const r = await storage.dropImages(plan, (done, total) => setStep({ kind: 'dropping', done, total }));
      setStep({
        kind: 'done',
        text: `Dropped ${countOf(r.images, 'image')} from ${countOf(r.articles, 'article')}: about ${formatBytes(r.bytes)} freed. The browser may take a while to give the space back.`,
      });
    } catch (e) {
      setStep({ kind: 'error', text: `Dropping images failed (nothing after the last finished batch was changed): ${describe(e)}` });
    }
    setTick((t) => t + 1);
  };

  const busy = step.kind === 'dropping';
  const rows: [string, string, number | undefined, string][] = parts
    ? [
        ['text', 'Text', parts.text, `bodies of ${countOf(parts.articles, 'article')}`],
        ['images', 'Images', parts.images, countOf(parts.imageCount, 'image')],
        ['index', 'Search index', parts.index, parts.index ? 'saved for fast opening' : 'not saved yet'],
        ['metadata', 'Articles and highlights', parts.metadata, 'titles, tags, notes, highlights'],
      ]
    : [];
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div
        class="dialog ie-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="storage-title"
        data-testid="storage-panel"
        ref={box}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !busy) {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="storage-title">Storage</h2>
        <section>
          <p data-testid="storage-total">
            {info
              ? `${formatBytes(info.usage)} used in all, as the browser counts it${info.quota ? ` (of ${formatBytes(info.quota)} available)` : ''}${info.persisted ? ' · kept permanently' : ''}.`
              : 'The browser does not say how much space the library uses.'}
          </p>
          {parts ? (
            <table class="storage-parts" data-testid="storage-parts">
              <tbody>
                {rows.map(([key, label, bytes, what]) => (
                  <tr key={key} data-testid={`storage-part-${key}`}>
                    <th scope="row">{label}</th>
                    <td class="num">{formatBytes(bytes ?? 0)}</td>
                    <td class="muted">{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            !error && <p class="muted">Measuring…</p>
          )}
          <p class="muted">
            Estimates of the data itself; the browser's total also counts the database's own bookkeeping (and may lag behind deletions).
          </p>
        </section>
        {storage.planImageDrop && storage.dropImages && (
          <section data-testid="drop-images-section">
            <h3>Reclaim space</h3>
            <p>
              Drop the images of archived articles unchanged for more than{' '}
              <select
                aria-label="Months"
                data-testid="drop-months"
                value={months}
                disabled={busy || step.kind === 'confirm'}
                onChange={(e) => setMonths(Number((e.target as HTMLSelectElement).value))}
              >
                {DROP_MONTHS.map((m) => (
                  <option key={m} value={m}>
                    {m} months
                  </option>
                ))}
              </select>
              . Their text stays; each image becomes a link to the original. Favorites and unread articles keep their images.
            </p>
            <p data-testid="drop-preview" aria-live="polite">
              {!plan
                ? 'Looking for old images…'
                : plan.articleIds.length
                  ? `Will free about ${formatBytes(plan.bytes)} from ${countOf(plan.articleIds.length, 'article')} (${countOf(plan.images, 'image')}).`
                  : 'No archived article that old has images left.'}
              {plan && plan.favoritesKept > 0 && favoritesNote(plan.favoritesKept)}
            </p>
            {step.kind === 'confirm' && plan ? (
              <div role="alertdialog" aria-label="Confirm" class="storage-confirm" data-testid="drop-confirm">
                <p>
                  Drop {countOf(plan.images, 'image')} from {countOf(plan.articleIds.length, 'archived article')}? This cannot be undone
                  here; fetching an article's page again can bring its images back.
                </p>
                <button type="button" class="secondary danger" data-testid="drop-confirm-yes" onClick={() => void drop()}>
                  Drop images
                </button>{' '}
                <button type="button" class="secondary" onClick={() => setStep({ kind: 'idle' })}>
                  Cancel
                </button>
              </div>
            ) : (
              <button
                type="button"
                class="secondary"
                data-testid="drop-images"
                disabled={busy || !plan?.articleIds.length}
                onClick={() => setStep({ kind: 'confirm' })}
              >
                Drop images…
              </button>
            )}
            {step.kind === 'dropping' && (
              <div aria-live="polite" data-testid="drop-progress">
                <p>
                  Dropping images: {step.done.toLocaleString()} of {step.total.toLocaleString()} articles…
                </p>
                <progress max={step.total || 1} value={step.done} />
              </div>
            )}
            {(step.kind === 'done' || step.kind === 'error') && (
              <p
                class={step.kind === 'error' ? 'error' : 'muted'}
                role={step.kind === 'error' ? 'alert' : 'status'}
                data-testid="drop-result"
              >
                {step.text}
              </p>
            )}
          </section>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" data-testid="storage-close" disabled={busy} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
