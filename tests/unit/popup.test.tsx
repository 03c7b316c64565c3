// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup, type PopupConnector } from '../../components/popup/popup';
import { popupConnector } from '../../entrypoints/popup/connector';
import type { Preview } from '../../lib/messaging/protocol';
import { originPatterns } from '../../lib/url/match-patterns';

const preview = (over: Partial<Preview> = {}): Preview => ({
  url: 'https://example.com/a',
  isArticle: true,
  title: 'Bees on the roof',
  siteName: 'The Ledger',
  byline: 'Maren Solberg',
  excerpt: 'City beekeepers…',
  readingMinutes: 4,
  wordCount: 900,
  tags: ['beekeeping', 'cities'],
  imageOrigins: ['https://img.example.com'],
  canExtract: true,
  saved: null,
  ...over,
});

function connector(over: Partial<PopupConnector> = {}): PopupConnector {
  return {
    preview: vi.fn(async () => ({ ok: true as const, value: preview() })),
    save: vi.fn(async () => ({ ok: true as const, value: { id: 7, created: true, images: 2, imagesFailed: 0 } })),
    remove: vi.fn(async () => ({ ok: true as const, value: null })),
    setTags: vi.fn(async () => ({ ok: true as const, value: null })),
    openLibrary: vi.fn(),
    hasImageAccess: vi.fn(async () => true),
    requestImageAccess: vi.fn(async () => true),
    ...over,
  };
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const flush = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  });
const q = (sel: string) => root.querySelector(sel) as HTMLElement | null;
const byTestId = (id: string) => q(`[data-testid="${id}"]`);
const button = (text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;

describe('Popup', () => {
  it('shows title, site, byline, time, tags and Save', async () => {
    await act(() => render(<Popup connector={connector()} />, root));
    await flush();
    expect(byTestId('title')?.textContent).toBe('Bees on the roof');
    expect(byTestId('site')?.textContent).toBe('The Ledger');
    expect(byTestId('byline')?.textContent).toBe('Maren Solberg');
    expect(byTestId('reading-time')?.textContent).toBe('4 min read');
    expect([...root.querySelectorAll('.tag')].map((t) => t.firstChild?.textContent)).toEqual(['beekeeping', 'cities']);
    expect(byTestId('save')?.textContent).toBe('Save');
    expect(byTestId('not-article')).toBeNull();
  });

  it("shows the reading time at the user's speed (from storage.local, through the connector)", async () => {
    const c = connector({
      preview: vi.fn(async () => ({ ok: true as const, value: preview({ readingMinutes: 10, wordCount: 2380 }) })),
      readingSpeed: vi.fn(async () => 476),
    });
    await act(() => render(<Popup connector={c} />, root));
    await flush();
    expect(byTestId('reading-time')?.textContent).toBe('5 min read');
    render(null, root);
    // Chinese text counts characters; images add seconds: 1000 chars at 500/min + 2 min of words at 476.
    const cjk = connector({
      preview: vi.fn(async () => ({
        ok: true as const,
        value: preview({ readingMinutes: 8, wordCount: 952, cjkChars: 1000, imageCount: 0 }),
      })),
      readingSpeed: vi.fn(async () => 476),
    });
    await act(() => render(<Popup connector={cjk} />, root));
    await flush();
    expect(byTestId('reading-time')?.textContent).toBe('4 min read');
  });

  it('sends edited tags with the save and then shows Saved', async () => {
    const c = connector();
    await act(() => render(<Popup connector={c} />, root));
    await flush();
    await act(() => (root.querySelector('.tag-remove') as HTMLButtonElement).click());
    const inputEl = root.querySelector('.tag-input') as HTMLInputElement;
    await act(() => {
      inputEl.value = 'later';
      inputEl.dispatchEvent(new Event('input'));
    });
    await act(() => {
      inputEl.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    });
    await act(() => byTestId('save')!.click());
    await flush();
    expect(c.save).toHaveBeenCalledWith(['cities', 'later']);
    expect(byTestId('saved')).not.toBeNull();
    expect(c.requestImageAccess).not.toHaveBeenCalled();
  });

  it('sends no tags when the user did not edit them (suggestions are not user edits)', async () => {
    const c = connector();
    await act(() => render(<Popup connector={c} />, root));
    await flush();
    await act(() => byTestId('save')!.click());
    await flush();
    expect(c.save).toHaveBeenCalledWith(undefined);
  });

  it('asks for image access on Save when it is missing, and saves even if declined', async () => {
    const c = connector({ hasImageAccess: vi.fn(async () => false), requestImageAccess: vi.fn(async () => false) });
    await act(() => render(<Popup connector={c} />, root));
    await flush();
    await act(() => byTestId('save')!.click());
    await flush();
    expect(c.requestImageAccess).toHaveBeenCalledTimes(1);
    expect(c.save).toHaveBeenCalled();
    expect(byTestId('message')?.textContent).toContain('images stay online only');
  });

  it('on a page that is not an article: no time, byline or tags; Save as link first, the page text second', async () => {
    const c = connector({
      preview: async () => ({ ok: true, value: preview({ isArticle: false }) }),
      saveLink: vi.fn(async () => ({ ok: true as const, value: { id: 9, created: true, images: 0, imagesFailed: 0 } })),
    });
    await act(() => render(<Popup connector={c} />, root));
    await flush();
    expect(byTestId('not-article')).not.toBeNull();
    expect(byTestId('reading-time')).toBeNull();
    expect(byTestId('byline')).toBeNull();
    expect(root.querySelectorAll('.tag').length).toBe(0);
    expect(root.querySelector('.tag-editor, input')).toBeNull();
    const buttons = [...root.querySelectorAll('.actions button')].map((b) => b.textContent);
    expect(buttons).toEqual(['Save as link', 'Save the page text anyway']);
    expect(byTestId('save-link')?.className).not.toContain('secondary');
    expect(byTestId('save')?.className).toContain('secondary');
    await act(() => byTestId('save-link')!.click());
    await flush();
    expect(c.saveLink).toHaveBeenCalledTimes(1);
    expect(c.save).not.toHaveBeenCalled();
    expect(byTestId('saved')).not.toBeNull();
    expect(byTestId('message')?.textContent).toContain('Saved as a link');
  });

  it('saves the page text of a non-article when asked ("Save the page text anyway")', async () => {
    const c = connector({ preview: async () => ({ ok: true, value: preview({ isArticle: false }) }), saveLink: vi.fn() });
    await act(() => render(<Popup connector={c} />, root));
    await flush();
    await act(() => byTestId('save')!.click());
    await flush();
    expect(c.save).toHaveBeenCalledWith(undefined);
    expect(c.saveLink).not.toHaveBeenCalled();
    expect(byTestId('saved')).not.toBeNull();
  });

  it('shows Saved with Open in library and Remove for a saved page', async () => {
    const c = connector({ preview: async () => ({ ok: true, value: preview({ saved: { id: 3, tags: ['x'], savedAt: 1 } }) }) });
    await act(() => render(<Popup connector={c} />, root));
    await flush();
    expect(byTestId('saved')).not.toBeNull();
    await act(() => button('Open in library')!.click());
    expect(c.openLibrary).toHaveBeenCalledWith(3);
    await act(() => button('Remove')!.click());
    await flush();
    expect(c.remove).toHaveBeenCalledWith(3);
    expect(byTestId('save')).not.toBeNull();
  });

  it('shows a failed save with Retry, and Retry saves', async () => {
    let calls = 0;
    const c = connector({
      save: vi.fn(async () =>
        ++calls === 1
          ? { ok: false as const, error: 'The extension was restarted during the save.' }
          : { ok: true as const, value: { id: 1, created: true, images: 0, imagesFailed: 0 } },
      ),
    });
    await act(() => render(<Popup connector={c} />, root));
    await flush();
    await act(() => byTestId('save')!.click());
    await flush();
    expect(byTestId('message')?.textContent).toContain('Not saved: The extension was restarted during the save.');
    expect(byTestId('save')?.textContent).toBe('Retry');
    await act(() => byTestId('save')!.click());
    await flush();
    expect(byTestId('saved')).not.toBeNull();
  });

  it('shows a clear error with Retry when the page cannot be read', async () => {
    let n = 0;
    const c = connector({
      preview: vi.fn(async () =>
        ++n === 1
          ? { ok: false as const, error: 'Gist can only save web pages (http or https).' }
          : { ok: true as const, value: preview() },
      ),
    });
    await act(() => render(<Popup connector={c} />, root));
    await flush();
    expect(q('[role="alert"]')?.textContent).toBe('Gist can only save web pages (http or https).');
    await act(() => button('Retry')!.click());
    await flush();
    expect(byTestId('title')?.textContent).toBe('Bees on the roof');
  });

  it('Save asks host access for exactly the origins the preview listed, never all sites', async () => {
    fakeBrowser.reset();
    const origins = ['https://img.example.com', 'https://cdn.example.net:8443'];
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (msg: unknown) => {
      const m = msg as { type: string };
      if (m.type === 'popup:preview') return { ok: true, value: preview({ imageOrigins: origins }) };
      if (m.type === 'article:save') return { ok: true, value: { id: 1, created: true, images: 2, imagesFailed: 0 } };
      return undefined;
    });
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await act(() => render(<Popup connector={popupConnector(fakeBrowser, Promise.resolve(12))} />, root));
    await flush();
    expect(request).not.toHaveBeenCalled(); // nothing is asked before the click
    await act(() => byTestId('save')!.click());
    await flush();
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({ origins: ['https://cdn.example.net/*', 'https://img.example.com/*'] });
    expect(send).toHaveBeenCalledWith({ type: 'article:save', tabId: 12 });
    expect(byTestId('saved')).not.toBeNull();
  });

  it('Save with no images asks for no access', async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (msg: unknown) =>
      (msg as { type: string }).type === 'popup:preview'
        ? { ok: true, value: preview({ imageOrigins: [] }) }
        : { ok: true, value: { id: 1, created: true, images: 0, imagesFailed: 0 } },
    );
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await act(() => render(<Popup connector={popupConnector(fakeBrowser, Promise.resolve(12))} />, root));
    await flush();
    await act(() => byTestId('save')!.click());
    await flush();
    expect(request).not.toHaveBeenCalled();
    expect(byTestId('saved')).not.toBeNull();
  });
});

describe('Popup in a private window', () => {
  it('says the save goes to the lasting library, before and after saving; a normal window says nothing', async () => {
    await act(() => render(<Popup connector={connector({ privateWindow: true })} />, root));
    await flush();
    expect(byTestId('private-note')?.textContent).toMatch(/Private window: what you save goes in your Gist library, which stays after/);
    await act(() => byTestId('save')!.click());
    await flush();
    expect(byTestId('private-note')?.textContent).toMatch(/Private window: this page is in your Gist library/);
    render(null, root);
    await act(() => render(<Popup connector={connector()} />, root));
    await flush();
    expect(byTestId('private-note')).toBeNull();
  });

  it('the connector sees the private window, and opens the library in a normal window from it', async () => {
    fakeBrowser.reset();
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const windows = { create: vi.fn(async () => ({})) };
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    const priv = popupConnector({ ...fakeBrowser, windows, extension: { inIncognitoContext: true } }, Promise.resolve(3));
    expect(priv.privateWindow).toBe(true);
    priv.openLibrary(5);
    expect(windows.create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL('/library.html#article/5'), incognito: false });
    expect(create).not.toHaveBeenCalled();
    const normal = popupConnector({ ...fakeBrowser, windows, extension: { inIncognitoContext: false } }, Promise.resolve(3));
    expect(normal.privateWindow).toBe(false);
    normal.openLibrary();
    expect(create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL('/library.html') });
    expect(windows.create).toHaveBeenCalledTimes(1);
    close.mockRestore();
  });
});

describe('originPatterns', () => {
  it('turns http(s) origins into port-less match patterns and skips the rest', () => {
    expect(
      originPatterns([
        'https://a.example',
        'http://127.0.0.1:8080',
        'https://a.example:444',
        'data:',
        'null',
        'chrome-extension://x',
        'http://[::1]:3000',
      ]),
    ).toEqual(['http://127.0.0.1/*', 'http://[::1]/*', 'https://a.example/*']);
  });
});
