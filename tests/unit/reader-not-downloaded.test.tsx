// @vitest-environment happy-dom
// A link whose page was never downloaded opens with nothing to read through: no progress bar, and
// scrolling writes no position (an imported position must survive until the text arrives).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReaderView } from '../../components/library/reader-view';
import { articleRecord } from '../helpers/article-record';
import { ArticlePage } from '../../components/library/article-page';
import { DEFAULT_SETTINGS } from '../../lib/reader/settings';
import type { ArticleRecord } from '../../lib/db/schema';
import { mockConnector } from '../helpers/library-page-harness';

const root = () =>
  document.body.querySelector('#root') ?? document.body.appendChild(Object.assign(document.createElement('div'), { id: 'root' }));
afterEach(() => render(null, root()));

function open(downloaded: boolean, onProgress: (p: number) => void) {
  const article = articleRecord(1, {
    url: 'https://news.example/1',
    originalUrl: 'https://news.example/1',
    title: 'City news',
    progress: 0.4,
    contentState: downloaded ? 'full' : 'pending',
  });
  const html = downloaded ? '<div><p>Some text to read.</p></div>' : '';
  act(() => render(<ReaderView item={{ article, html, images: new Map() }} downloaded={downloaded} onProgress={onProgress} />, root()));
}

async function scrollOnce() {
  await act(async () => {
    window.dispatchEvent(new Event('wheel'));
    window.dispatchEvent(new Event('scroll'));
    await new Promise((r) => setTimeout(r, 50));
    window.dispatchEvent(new Event('pagehide'));
  });
}

describe('reader of a link not downloaded', () => {
  it('shows no progress bar and writes no reading position', async () => {
    const onProgress = vi.fn();
    open(false, onProgress);
    expect(root().querySelector('[data-testid="reading-progress"]')).toBeNull();
    await scrollOnce();
    expect(onProgress).not.toHaveBeenCalled();
  });

  it('a downloaded article has its progress bar and stores its position', async () => {
    const onProgress = vi.fn();
    open(true, onProgress);
    expect(root().querySelector('[data-testid="reading-progress"]')).not.toBeNull();
    await scrollOnce();
    expect(onProgress).toHaveBeenCalled();
  });
});

describe('reader of a link, once its page is downloaded', () => {
  it('keeps the notice on screen (no "Opening…", no progress bar over an empty body) until the text is read, then shows time, bar and end buttons together', async () => {
    const pending = articleRecord(1, { title: 'City news', contentState: 'pending', wordCount: 0 });
    const full = { ...pending, contentState: 'full' as const, wordCount: 900 };
    let release: () => void = () => {};
    const readable = vi
      .fn()
      .mockResolvedValueOnce({ article: pending, html: '', images: new Map() })
      .mockImplementationOnce(
        () => new Promise((r) => (release = () => r({ article: full, html: '<p>The whole text, downloaded.</p>', images: new Map() }))),
      );
    const connector = mockConnector([pending], {}, { readable });
    const page = (article: ArticleRecord) => (
      <ArticlePage
        id={1}
        connector={connector}
        settings={{ ...DEFAULT_SETTINGS }}
        onSettings={() => {}}
        onSettingsPanel={() => {}}
        article={article}
        nextUnread={undefined}
        onOpen={() => {}}
        onBack={() => {}}
        onArchive={() => {}}
        onFavorite={() => {}}
        onDelete={() => {}}
        onTags={() => {}}
        notify={() => {}}
        run={(_, fn) => fn()}
      />
    );
    const has = (id: string) => root().querySelector(`[data-testid="${id}"]`) !== null;
    await act(async () => render(page(pending), root()));
    await act(async () => {});
    expect(has('not-downloaded')).toBe(true);

    // The fetch queue stored the text: the record says 'full' while the text is still being read.
    await act(async () => render(page(full), root()));
    expect(readable).toHaveBeenCalledTimes(2);
    expect(root().textContent).not.toContain('Opening…');
    expect([has('not-downloaded'), has('reading-progress'), has('reader-minutes'), has('reader-end')]).toEqual([true, false, false, false]);

    await act(async () => release());
    await act(async () => {});
    expect([has('not-downloaded'), has('reading-progress'), has('reader-minutes'), has('reader-end')]).toEqual([false, true, true, true]);
    expect(root().querySelector('[data-testid="reader-body"]')?.textContent).toBe('The whole text, downloaded.');
  });
});
