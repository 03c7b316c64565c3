// @vitest-environment happy-dom
// A link whose page was never downloaded opens with nothing to read through: no progress bar, and
// scrolling writes no position (an imported position must survive until the text arrives).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReaderView } from '../../components/library/reader-view';
import { articleRecord } from '../helpers/article-record';

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
