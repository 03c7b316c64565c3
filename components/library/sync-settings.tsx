import { useEffect, useRef, useState } from 'preact/hooks';
import { EMPTY_SYNC_FORM, validateSyncInput, type FieldErrors, type SyncSettings, type SyncSettingsInput } from '../../lib/sync/settings';
import type { CheckResult } from '../../lib/sync/connection-check';
import { SYNC_ALARM_MINUTES } from '../../lib/sync/keys';
import type { SyncBackend } from './library-connector';
import { describeError } from './errors';
import { SyncActions } from './sync-actions';
import './sync-settings.css';

// Settings → Sync (#settings/sync): where the user's CouchDB is, Test connection (with the offer to
// create a missing database and CORS instructions), Save; the status and actions are in sync-actions.tsx.

type Busy = null | 'test' | 'save' | 'create';
/** The last answer shown under the form: a connection test, or a plain message. */
type Outcome = { check: CheckResult } | { ok: boolean; message: string };

const FIELDS: { key: keyof Omit<SyncSettingsInput, 'autoSync'>; label: string; type: string; auto: string; hint?: string }[] = [
  { key: 'serverUrl', label: 'Server address', type: 'url', auto: 'url', hint: 'https://… (http:// only for this computer)' },
  { key: 'database', label: 'Database', type: 'text', auto: 'off', hint: 'One database per person, e.g. gist-anna' },
  { key: 'username', label: 'User name', type: 'text', auto: 'username' },
  { key: 'password', label: 'Password', type: 'password', auto: 'current-password' },
];

export function SyncSettingsPage({ sync, onBack }: { sync: SyncBackend; onBack(): void }) {
  const [form, setForm] = useState<SyncSettingsInput | null>(null);
  const [saved, setSaved] = useState<SyncSettings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [accessRefused, setAccessRefused] = useState<string | null>(null);
  /** Counts Test / Save clicks: a late answer to an older click does not overwrite a newer one. */
  const runs = useRef(0);
  useEffect(() => {
    sync.load().then(
      (l) => {
        setForm(l.form);
        setSaved(l.settings);
        setProblem(l.problem);
      },
      (e: unknown) => {
        setForm({ ...EMPTY_SYNC_FORM });
        setProblem(describeError('read the sync settings', e));
      },
    );
  }, [sync]);
  if (!form) return <section class="sync-page" aria-busy="true" />;

  const set = (key: keyof SyncSettingsInput, value: string | boolean) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  };
  /**
   * Validates, asks for access to the server's origin synchronously in the click (user gesture), and
   * runs `first` at once without waiting for the answer: the browser's prompt may stay open a while.
   * Access granted later re-checks a result it can change (CORS, unreachable): with host access,
   * Chromium and Firefox need no CORS from the server.
   */
  const withAccess = (kind: Busy, first: (s: SyncSettings) => Promise<Outcome>) => {
    const v = validateSyncInput(form);
    if (!v.ok) {
      setErrors(v.errors);
      setOutcome(null);
      return;
    }
    const run = ++runs.current;
    setErrors({});
    setBusy(kind);
    setOutcome(null);
    setAccessRefused(null);
    const host = new URL(v.settings.serverUrl).host;
    const access = sync.requestAccess(v.settings.serverUrl);
    const firstRun = first(v.settings).catch((e: unknown): Outcome => ({ ok: false, message: describeError('test the connection', e) }));
    void firstRun.then((o) => run === runs.current && setOutcome(o)).finally(() => setBusy(null));
    void Promise.all([access, firstRun]).then(async ([granted, o]) => {
      if (run !== runs.current) return;
      if (!granted) return setAccessRefused(host);
      if ('check' in o && (o.check.kind === 'cors' || o.check.kind === 'unreachable')) {
        const again = await sync.check(v.settings);
        if (run === runs.current) setOutcome({ check: again });
      }
    });
  };
  const test = () => withAccess('test', async (s) => ({ check: await sync.check(s) }));
  const save = () =>
    withAccess('save', async (s) => {
      const r = await sync.save({ ...s });
      if (!r.ok) {
        setErrors(r.errors);
        return { ok: false, message: 'Not saved: check the fields marked above.' };
      }
      setSaved(r.settings);
      setProblem(null);
      return { check: await sync.check(r.settings) };
    });
  const create = (s: SyncSettings) => {
    runs.current++;
    setBusy('create');
    void sync
      .createDatabase(s)
      .then(async (r) => (r.ok ? { check: await sync.check(s) } : r))
      .then(setOutcome, (e: unknown) => setOutcome({ ok: false, message: describeError('create the database', e) }))
      .finally(() => setBusy(null));
  };
  const forgotten = (message: string) => {
    runs.current++;
    setSaved(null);
    setForm({ ...EMPTY_SYNC_FORM });
    setOutcome({ ok: true, message });
  };

  const current = validateSyncInput(form);
  const unsaved = !saved || !current.ok || JSON.stringify(current.settings) !== JSON.stringify(saved);
  return (
    <section class="sync-page" data-testid="sync-settings" aria-labelledby="sync-title">
      <div class="sync-head">
        <button type="button" class="link" onClick={onBack}>
          ← Library
        </button>
        <h1 id="sync-title">Sync</h1>
      </div>
      <p class="muted sync-intro">
        Keep this library in step across your browsers and computers through a CouchDB server you run. Your articles go to that server only;
        the password stays in this browser and is never exported.
      </p>
      {problem && (
        <p class="error banner" role="alert" data-testid="sync-problem">
          {problem}
        </p>
      )}
      {saved && <SyncActions sync={sync} settings={saved} onForgotten={forgotten} />}
      <form
        class="sync-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {FIELDS.map((f) => (
          <label key={f.key} class="sync-field">
            <span class="sync-label">{f.label}</span>
            <input
              type={f.type}
              value={form[f.key]}
              autocomplete={f.auto}
              spellcheck={false}
              data-testid={`sync-${f.key}`}
              aria-invalid={!!errors[f.key]}
              aria-describedby={errors[f.key] ? `sync-err-${f.key}` : undefined}
              placeholder={f.key === 'serverUrl' ? 'https://couch.example.org' : undefined}
              onInput={(e) => set(f.key, (e.target as HTMLInputElement).value)}
            />
            {errors[f.key] ? (
              <span class="sync-field-error error" id={`sync-err-${f.key}`}>
                {errors[f.key]}
              </span>
            ) : (
              f.hint && <span class="sync-hint muted">{f.hint}</span>
            )}
          </label>
        ))}
        <label class="sync-check">
          <input
            type="checkbox"
            checked={form.autoSync}
            data-testid="sync-auto"
            onChange={(e) => set('autoSync', (e.target as HTMLInputElement).checked)}
          />
          Sync automatically (live while the library is open, and every {SYNC_ALARM_MINUTES} minutes in the background)
        </label>
        <div class="sync-buttons">
          <button type="button" class="secondary" data-testid="sync-test" disabled={!!busy} onClick={test}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" data-testid="sync-save" disabled={!!busy}>
            {busy === 'save' ? 'Saving…' : saved ? 'Save changes' : 'Save'}
          </button>
          {saved && !unsaved && <span class="muted sync-note">Saved</span>}
        </div>
      </form>
      {accessRefused && outcome && !('check' in outcome && outcome.check.kind === 'ok') && (
        <p class="muted sync-note" data-testid="sync-access-refused">
          Gist was not given access to {accessRefused}; without it the server must allow this extension through CORS.
        </p>
      )}
      {outcome && <OutcomeView outcome={outcome} busy={busy === 'create'} onCreate={() => current.ok && create(current.settings)} />}
    </section>
  );
}

function OutcomeView({ outcome, busy, onCreate }: { outcome: Outcome; busy: boolean; onCreate(): void }) {
  if (!('check' in outcome))
    return (
      <p class={`sync-result ${outcome.ok ? 'ok' : 'bad'}`} role="status" data-testid="sync-result">
        {outcome.message}
      </p>
    );
  const c = outcome.check;
  return (
    <div
      class={`sync-result ${c.kind === 'ok' ? 'ok' : c.kind === 'database-missing' ? 'info' : 'bad'}`}
      role="status"
      data-testid="sync-result"
      data-kind={c.kind}
    >
      <p>
        {c.kind === 'ok' && <strong>Connected. </strong>}
        {c.message}
      </p>
      {c.kind === 'database-missing' && (
        <button type="button" data-testid="sync-create" disabled={busy} onClick={onCreate}>
          {busy ? 'Creating…' : 'Create the database'}
        </button>
      )}
      {c.corsHelp && (
        <>
          <p class="sync-note">In CouchDB's local.ini:</p>
          <pre class="sync-code" data-testid="sync-cors-ini">
            {c.corsHelp.ini}
          </pre>
          <details>
            <summary class="sync-note">Or with curl (as the server admin)</summary>
            <pre class="sync-code">{c.corsHelp.curl}</pre>
          </details>
        </>
      )}
    </div>
  );
}
