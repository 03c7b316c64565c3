// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupConnector } from '../../components/popup/popup';
import { TagDialog } from '../../components/library/dialogs';
import type { Preview } from '../../lib/messaging/protocol';

const preview = (over: Partial<Preview> = {}): Preview => ({
  url: 'https://example.com/a',
  isArticle: true,
  title: 'Bees on the roof',
  siteName: 'The Ledger',
  byline: null,
  excerpt: null,
  readingMinutes: 4,
  wordCount: 900,
  tags: ['beekeeping', 'cities'],
  tagSuggestions: ['honey', 'rooftops', 'Cities'],
  imageOrigins: [],
  canExtract: true,
  saved: null,
  ...over,
});

function connector(p: Preview): PopupConnector {
  return {
    preview: vi.fn(async () => ({ ok: true as const, value: p })),
    save: vi.fn(async () => ({ ok: true as const, value: { id: 7, created: true, images: 0, imagesFailed: 0 } })),
    remove: vi.fn(async () => ({ ok: true as const, value: null })),
    setTags: vi.fn(async () => ({ ok: true as const, value: null })),
    openLibrary: vi.fn(),
    hasImageAccess: vi.fn(async () => true),
    requestImageAccess: vi.fn(async () => true),
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
const applied = () => [...root.querySelectorAll('.tag')].map((t) => t.firstChild?.textContent);
const offered = () => [...root.querySelectorAll('.tag-suggestion')].map((b) => b.textContent?.replace(/^\+\s*/, ''));
const chip = (tag: string) => root.querySelector(`button[aria-label="Add tag ${tag}"]`) as HTMLButtonElement;

describe('tag suggestions in the popup', () => {
  it('offers candidates not applied (case-insensitively) as chips; one click applies it and the save sends it', async () => {
    const c = connector(preview());
    await act(() => render(<Popup connector={c} />, root));
    await flush();
    expect(applied()).toEqual(['beekeeping', 'cities']);
    expect(offered()).toEqual(['honey', 'rooftops']);
    await act(() => chip('honey').click());
    expect(applied()).toEqual(['beekeeping', 'cities', 'honey']);
    expect(offered()).toEqual(['rooftops']);
    await act(() => (root.querySelector('[data-testid="save"]') as HTMLButtonElement).click());
    await flush();
    expect(c.save).toHaveBeenCalledWith(['beekeeping', 'cities', 'honey']);
  });

  it('on a saved article a click stores the tag at once', async () => {
    const c = connector(preview({ saved: { id: 3, tags: ['beekeeping', 'cities'], savedAt: 1 } }));
    await act(() => render(<Popup connector={c} />, root));
    await flush();
    await act(() => chip('rooftops').click());
    await flush();
    expect(c.setTags).toHaveBeenCalledWith(3, ['beekeeping', 'cities', 'rooftops']);
  });

  it('shows no row when there is nothing to suggest', async () => {
    await act(() => render(<Popup connector={connector(preview({ tagSuggestions: ['Beekeeping'] }))} />, root));
    await flush();
    expect(root.querySelector('[data-testid="tag-suggestions"]')).toBeNull();
  });
});

describe('tag suggestions in the library tag dialog', () => {
  it("offers the article's stored candidates that are not applied", async () => {
    const onSet = vi.fn();
    await act(() =>
      render(
        <TagDialog
          count={1}
          tags={['bees']}
          candidates={['bees', 'honey']}
          allTags={[]}
          onSet={onSet}
          onAdd={vi.fn()}
          onRemove={vi.fn()}
          onClose={vi.fn()}
        />,
        root,
      ),
    );
    expect(offered()).toEqual(['honey']);
    await act(() => chip('honey').click());
    expect(onSet).toHaveBeenCalledWith(['bees', 'honey']);
  });
});
