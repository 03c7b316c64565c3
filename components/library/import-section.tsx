import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { buildReportSliced, reportCounts, reportCsvSliced, summaryText, type ImportReport } from './import-report';
import { saveBlob } from './export-download';
import type { FetchOneAnswer, ImportPhase, ImportRun, TransferBackend } from './library-connector';
import { ImportLinks } from './import-links';
import { VirtualList } from './virtual-list';

const FORMATS =
  'Pocket (HTML, CSV, ZIP), Instapaper CSV, Omnivore, wallabag, Readwise, Matter, Raindrop, Pinboard, GoodLinks, Linkwarden, Karakeep, browser bookmarks, Gist (.jsonl, or the older .json)';
/** Report rows are one line high (the full text in their tooltip and the saved report). */
const ROW_PX = 22;
const BOX_PX = 264;

type State =
  | { kind: 'idle' }
  | { kind: 'running'; file: string; phase: ImportPhase; done: number; total: number }
  | { kind: 'done'; run: ImportRun }
  | { kind: 'error'; file: string; message: string };

/** File picker + drop zone, progress bar, and the report of every item's outcome. */
export function ImportSection({
  transfer,
  file,
  runs,
  onImported,
  onBusy,
  fetchOne,
}: {
  transfer: TransferBackend;
  /** "Fetch now" on each link-only article of the report (the fetch queue's; absent without one). */
  fetchOne?(id: number, url: string): Promise<FetchOneAnswer>;
  file?: File | null;
  /** Every file imported since the page opened (kept by the page, so closing the dialog loses none). */
  runs?: ImportRun[];
  onImported?(run: ImportRun): void;
  onBusy?(busy: boolean): void;
}) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const busy = state.kind === 'running';

  const run = async (f: File) => {
    if (busy) return;
    setState({ kind: 'running', file: f.name, phase: 'reading', done: 0, total: 0 });
    onBusy?.(true);
    try {
      const bytes = new Uint8Array(await f.arrayBuffer());
      const result = await transfer.importFile(f.name, bytes, (done, total, phase) =>
        setState({ kind: 'running', file: f.name, phase, done, total }),
      );
      performance.mark('gist:import-report');
      setState({ kind: 'done', run: result });
      onImported?.(result);
    } catch (e) {
      setState({ kind: 'error', file: f.name, message: e instanceof Error ? e.message : String(e) });
    } finally {
      onBusy?.(false);
    }
  };
  const handled = useRef<File | null>(null);
  useEffect(() => {
    if (file && handled.current !== file) {
      handled.current = file;
      void run(file);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a newly dropped file starts an import; `run` is this render's own
  }, [file]);

  return (
    <section data-testid="import-section">
      <h3>Import</h3>
      <div
        class={`ie-drop${over ? ' over' : ''}`}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOver(false);
          const f = e.dataTransfer?.files[0];
          if (f) void run(f);
        }}
      >
        <p>
          Drop an export file here, or{' '}
          <button type="button" class="secondary" disabled={busy} data-testid="import-choose" onClick={() => input.current?.click()}>
            choose a file…
          </button>
        </p>
        <p class="muted">{FORMATS}.</p>
        <input
          ref={input}
          type="file"
          class="ie-sr"
          tabIndex={-1}
          aria-label="Export file to import"
          data-testid="import-file"
          accept=".html,.htm,.csv,.json,.jsonl,.ndjson,.zip,.txt,text/html,text/csv,application/json,application/x-ndjson,application/zip"
          onChange={(e) => {
            const el = e.target as HTMLInputElement;
            const f = el.files?.[0];
            el.value = '';
            if (f) void run(f);
          }}
        />
      </div>
      {state.kind === 'running' && (
        <div data-testid="import-progress" aria-live="polite">
          <p>
            {state.phase === 'reading'
              ? `Reading ${state.file}…`
              : `Importing ${state.done.toLocaleString()} of ${state.total.toLocaleString()}…`}
          </p>
          <progress max={state.total || 1} value={state.phase === 'reading' ? undefined : state.done} />
        </div>
      )}
      {state.kind === 'error' && (
        <p class="error" role="alert" data-testid="import-error">
          Nothing was imported. {state.message}
        </p>
      )}
      {runs?.length ? (
        <ImportResultView key={runs.length} run={runs[runs.length - 1]} latest fetchOne={fetchOne} />
      ) : (
        state.kind === 'done' && <ImportResultView run={state.run} latest fetchOne={fetchOne} />
      )}
      {runs && runs.length > 1 && (
        <details class="ie-earlier" data-testid="import-earlier">
          <summary>Earlier imports since this page opened ({runs.length - 1})</summary>
          {runs
            .slice(0, -1)
            .reverse()
            .map((r, i) => (
              <ImportResultView key={runs.length - 1 - i} run={r} latest={false} fetchOne={fetchOne} />
            ))}
        </details>
      )}
    </section>
  );
}

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));
const reports = new WeakMap<ImportRun, Promise<ImportReport>>();
/** One report per run, built once and a slice per task (a 100,000-item run has as many rows). */
function reportOf(run: ImportRun): Promise<ImportReport> {
  let r = reports.get(run);
  if (!r) {
    r = buildReportSliced(run, nextTask);
    reports.set(run, r);
  }
  return r;
}

/** The run's rows once built (null meanwhile: the counts are shown first). */
function useReportRows(run: ImportRun): ImportReport | null {
  const [report, setReport] = useState<{ run: ImportRun; report: ImportReport } | null>(null);
  useEffect(() => {
    let live = true;
    void reportOf(run).then((r) => live && setReport({ run, report: r }));
    return () => {
      live = false;
    };
  }, [run]);
  return report?.run === run ? report.report : null;
}

/** One file's report; `latest` is the one just imported (the others sit folded under "Earlier imports"). */
function ImportResultView({
  run,
  latest,
  fetchOne,
}: {
  run: ImportRun;
  latest: boolean;
  fetchOne?(id: number, url: string): Promise<FetchOneAnswer>;
}) {
  const id = (name: string) => (latest ? name : `${name}-earlier`);
  // Counts first (one pass, painted with the summary); the rows follow, built a slice per task.
  const report = useMemo(() => reportCounts(run), [run]);
  const rows = useReportRows(run);
  const notableCount = report.counts.merged + report.counts.duplicate + report.counts.failed + report.counts.problem;
  const [saving, setSaving] = useState(false);
  // The CSV is built a slice per task too (100,000 lines), then handed over as a download.
  const save = () => {
    if (saving) return;
    setSaving(true);
    void reportOf(run)
      .then((r) => reportCsvSliced(r, nextTask))
      .then((parts) => saveBlob(new Blob(parts, { type: 'text/csv' }), `gist-import-report-${run.file.replace(/\.[^.]+$/, '')}.csv`))
      .finally(() => setSaving(false));
  };
  return (
    <div
      data-testid={id('import-result')}
      data-file={run.file}
      data-imported={report.counts.imported}
      data-merged={report.counts.merged}
      data-duplicate={report.counts.duplicate}
      data-failed={report.counts.failed}
      data-problem={report.counts.problem}
    >
      <p role={latest ? 'status' : undefined} data-testid={id('import-summary')}>
        {summaryText(run, report)}
      </p>
      {report.toFetch > 0 && (
        <p class="muted">
          {report.toFetch === 1
            ? '1 imported link has no content yet: fetch it now (or below, with any others) to read it offline.'
            : `${report.toFetch.toLocaleString()} imported links have no content yet: fetch each now, or all of them below, to read them offline.`}
        </p>
      )}
      <div class="ie-row">
        <button type="button" class="secondary" data-testid={id('import-save-report')} disabled={saving} onClick={save}>
          {saving ? 'Saving the report…' : 'Save report (CSV)'}
        </button>
      </div>
      {fetchOne && rows && <ImportLinks items={rows.links} fetchOne={fetchOne} testId={id('import-links')} />}
      {notableCount > 0 && (
        <details open={notableCount <= 20}>
          <summary>Merged, duplicates, failures and problems ({notableCount.toLocaleString()})</summary>
          {/* Windowed: a 100,000-row report renders the ~20 rows in view, not all of them. */}
          {rows ? (
            <VirtualList
              items={rows.notable}
              rowHeight={ROW_PX}
              boxHeight={BOX_PX}
              boxClass="ie-list ie-vlist"
              overscan={10}
              attrs={{ 'data-testid': id('import-report-rows'), 'data-count': rows.notable.length }}
              renderRow={(r, i) => {
                const text = `${r.where}${r.url ? ` ${r.url}` : ''}: ${r.reason}`;
                return (
                  <li key={i} class={`ie-outcome-${r.outcome}`} title={`${r.outcome} ${text}`} style={{ height: `${ROW_PX}px` }}>
                    <strong>{r.outcome}</strong> {text}
                  </li>
                );
              }}
            />
          ) : (
            <p class="muted" data-testid={id('import-report-preparing')}>
              Preparing the list…
            </p>
          )}
        </details>
      )}
    </div>
  );
}
