// Where the sanitizer parses untrusted HTML. In a browser, every inline handler attribute parsed into any
// document of a window (DOMParser, createHTMLDocument, <template>) is checked against that window's CSP:
// Chromium reports each one as a 'script-src-attr' violation (nothing runs, but the page logs an error and
// fires securitypolicyviolation; the XSS E2E counted them whenever the reader opened a raw stored article).
// A frame sandboxed without allow-scripts cannot run script at all, so its parser builds no handlers and
// checks nothing: DOMPurify parses there. Extension pages only (the tab never sanitizes, lib/sanitize/
// sanitize-html.ts). DOMs without CSP (jsdom, happy-dom under Node) parse in their own window.

const frames = new WeakMap<Window, HTMLIFrameElement>();

/** The window whose DOMParser the sanitizer should use for `win`: a script-less same-origin frame's. */
export function parsingWindow(win: Window): Window {
  // Only a DOM that enforces CSP has the reports to avoid (neither jsdom nor happy-dom implements it).
  if (typeof (win as Window & { SecurityPolicyViolationEvent?: unknown }).SecurityPolicyViolationEvent !== 'function') return win;
  let frame = frames.get(win);
  if (!frame?.isConnected || !frame.contentWindow) {
    const doc = win.document;
    frame = doc.createElement('iframe');
    // allow-same-origin lets this page use the frame's DOMParser; without allow-scripts nothing runs there.
    frame.setAttribute('sandbox', 'allow-same-origin');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.hidden = true;
    (doc.body ?? doc.documentElement).append(frame);
    frames.set(win, frame);
  }
  const inert = frame.contentWindow as (Window & typeof globalThis) | null;
  if (!inert?.DOMParser) throw new Error('sanitizer: the sandboxed parsing frame has no DOMParser');
  return inert;
}
