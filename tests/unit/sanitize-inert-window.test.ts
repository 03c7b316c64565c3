// @vitest-environment node
// Where the sanitizer parses: in a DOM that enforces CSP, a hidden frame sandboxed without scripts (whose
// parser compiles and checks no inline handler); elsewhere the window itself. The CSP effect itself is only
// visible in a real browser: tests/e2e/xss.test.ts counts 0 parse-time reports.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parsingWindow } from '../../lib/sanitize/inert-window';
import { sanitizeArticleHtml } from '../../lib/sanitize/sanitize-html';

/** A jsdom window that, like a browser's, has CSP violation events (jsdom itself has none). */
function cspWindow(): Window {
  const win = new JSDOM('<!doctype html><body><div id="app"></div></body>').window as unknown as Window;
  (win as unknown as Record<string, unknown>).SecurityPolicyViolationEvent = function SecurityPolicyViolationEvent() {};
  return win;
}

describe('parsingWindow (lib/sanitize/inert-window.ts)', () => {
  it('parses in the window itself where the DOM has no CSP (jsdom, happy-dom)', () => {
    const win = new JSDOM('<!doctype html><body></body>').window as unknown as Window;
    expect(parsingWindow(win) === win).toBe(true);
    expect(win.document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('parses in one hidden frame sandboxed without scripts, made again if it was removed', () => {
    const win = cspWindow();
    const inert = parsingWindow(win);
    const frames = win.document.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    const frame = frames[0];
    expect(inert === win).toBe(false);
    expect(inert === frame.contentWindow).toBe(true);
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin'); // no allow-scripts
    expect(frame.hidden).toBe(true);
    expect(frame.getAttribute('aria-hidden')).toBe('true');
    expect(parsingWindow(win) === inert).toBe(true);
    expect(win.document.querySelectorAll('iframe')).toHaveLength(1);
    frame.remove();
    const again = parsingWindow(win);
    expect(again === inert).toBe(false);
    expect(again === win.document.querySelector('iframe')!.contentWindow).toBe(true);
    expect(win.document.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('sanitizes the same through the frame as in the window', () => {
    const dirty =
      '<p onclick="alert(1)">Text <a href="javascript:alert(2)">link</a><img src="https://x.example/a.png" onerror="alert(3)"></p><script>alert(4)</script>';
    const plain = sanitizeArticleHtml(dirty, new JSDOM('').window as unknown as Window);
    const win = cspWindow();
    expect(sanitizeArticleHtml(dirty, win)).toBe(plain);
    expect(plain).toBe('<p>Text <a>link</a><img src="https://x.example/a.png"></p>');
    expect(win.document.querySelectorAll('iframe')).toHaveLength(1);
  });
});
