// Failures as sentences for the person using Gist, not stack traces. Errors cross the message boundary
// as plain strings, so the background words them once and the popup shows them as they are.

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
}

/** The error and whatever it wraps (Dexie puts the IndexedDB error in `inner`), outermost first. */
function chain(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  for (let x: unknown = e; x && typeof x === 'object' && out.length < 5;) {
    const o = x as ErrorLike;
    out.push(o);
    x = o.inner ?? o.cause;
  }
  return out;
}
const names = (e: unknown) => chain(e).map((o) => String(o.name ?? ''));
const messages = (e: unknown) =>
  chain(e)
    .map((o) => String(o.message ?? ''))
    .concat(typeof e === 'string' ? [e] : []);

export type ErrorKind = 'quota' | 'db-open' | 'db-version' | 'worker-stopped' | 'other';

export function classifyError(e: unknown): ErrorKind {
  const n = names(e);
  const m = messages(e).join('\n');
  if (n.includes('QuotaExceededError') || /quota|disk is full|no space/i.test(m)) return 'quota';
  if (n.includes('VersionError')) return 'db-version';
  if (
    n.some((x) => ['OpenFailedError', 'MissingAPIError', 'DatabaseClosedError', 'InvalidStateError', 'UnknownError'].includes(x)) ||
    (/indexeddb|database/i.test(m) && /open|closed|not allow|corrupt|internal error/i.test(m))
  )
    return 'db-open';
  if (
    /message port closed|message channel closed|receiving end does not exist|extension context invalidated|could not establish connection/i.test(
      m,
    )
  )
    return 'worker-stopped';
  return 'other';
}

/** One sentence that says what happened and what to do; nothing already saved is ever at stake. */
export function humanError(e: unknown, action = 'save this article'): string {
  switch (classifyError(e)) {
    case 'quota':
      return `Your disk is full (or the browser's storage quota is used up), so Gist could not ${action}. Articles already in your library are safe. Free some disk space or delete articles you no longer need, then try again.`;
    case 'db-open':
      return `Gist could not open its library database, so it could not ${action}. This happens in private windows or when the browser profile is damaged; your saved articles are not deleted. Try a normal window or restart the browser.`;
    case 'db-version':
      return `Your library was written by a newer version of Gist, so this one could not ${action}. Update the extension; your saved articles are untouched.`;
    case 'worker-stopped':
      return `Gist was interrupted before it could ${action}; nothing was half-saved. Try again.`;
    default: {
      const msg = chain(e)[0]?.message;
      const text = typeof msg === 'string' && msg ? msg : typeof e === 'string' && e ? e : 'Something went wrong.';
      return text.length > 300 ? `${text.slice(0, 297)}…` : text;
    }
  }
}
