// A short confirmation shown in the page after a keyboard-shortcut save. Injected by the background with
// scripting.executeScript({ func: showPageToast, args }), so it references nothing outside itself.
// The text lives in a closed shadow root styled by a constructed stylesheet (not subject to the page's
// style-src CSP); the host element's own properties are set through the CSSOM with !important, which
// beats any page rule, so page CSS can neither hide nor restyle it, and page scripts cannot reach in.

export const TOAST_TAG = 'gist-toast';
export const TOAST_MS = 2000;

export function showPageToast(message: string, ok: boolean, ms: number): void {
  const tag = 'gist-toast';
  for (const old of document.querySelectorAll(tag)) old.remove(); // one at a time
  const host = document.createElement(tag);
  const hostStyle: [string, string][] = [
    ['all', 'initial'],
    ['display', 'block'],
    ['position', 'fixed'],
    ['top', '16px'],
    ['right', '16px'],
    ['z-index', '2147483647'],
    ['pointer-events', 'none'],
    ['visibility', 'visible'],
    ['opacity', '1'],
    ['transform', 'none'],
  ];
  for (const [k, v] of hostStyle) host.style.setProperty(k, v, 'important');
  const root = host.attachShadow({ mode: 'closed' });
  const css = `:host { all: initial; }
    .toast { box-sizing: border-box; max-width: 320px; padding: 10px 14px; border-radius: 8px;
      font: 500 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; letter-spacing: normal; text-align: left;
      color: #fff; background: ${ok ? '#2b8a3e' : '#c92a2a'}; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25); }`;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style'); // browsers without constructed stylesheets
    style.textContent = css;
    root.append(style);
  }
  const box = document.createElement('div');
  box.className = 'toast';
  box.setAttribute('role', 'status');
  box.textContent = message;
  root.append(box);
  document.documentElement.append(host);
  setTimeout(() => host.remove(), ms);
}
