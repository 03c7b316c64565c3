import { describe, expect, it } from 'vitest';
import { keyCommand, type KeyPress, type KeyState } from '../../components/library/keymap';

const press = (key: string, p: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  modified: false,
  defaultPrevented: false,
  typing: false,
  inSearchBox: false,
  onControl: false,
  ...p,
});
const state = (s: Partial<KeyState> = {}): KeyState => ({
  view: 'list',
  dialogOpen: false,
  hasQuery: false,
  filtersActive: false,
  resultCount: 3,
  hasCursorRow: true,
  hasTargets: true,
  selectedCount: 0,
  hasArticle: true,
  ...s,
});

describe('library keymap', () => {
  it('maps the list keys to commands', () => {
    const keys = ['j', 'ArrowDown', 'k', 'ArrowUp', 'o', 'Enter', 'e', 's', '#', 't', 'x', '/', '?', 'z'];
    expect(keys.map((k) => keyCommand(press(k), state()))).toEqual([
      'cursor-down',
      'cursor-down',
      'cursor-up',
      'cursor-up',
      'open',
      'open',
      'archive',
      'favorite',
      'delete',
      'tags',
      'select',
      'focus-search',
      'shortcuts',
      'undo',
    ]);
    expect(keyCommand(press('x', { shiftKey: true }), state())).toBe('select-range');
  });

  it('leaves keys alone that have nothing to act on, carry modifiers, or belong to a focused control', () => {
    expect(keyCommand(press('o'), state({ hasCursorRow: false }))).toBeNull();
    expect(keyCommand(press('t'), state({ hasTargets: false }))).toBeNull();
    expect(keyCommand(press('Escape'), state())).toBeNull();
    expect(keyCommand(press('j', { modified: true }), state())).toBeNull();
    expect(keyCommand(press('j', { defaultPrevented: true }), state())).toBeNull();
    expect(keyCommand(press('Enter', { onControl: true }), state())).toBeNull();
    expect(keyCommand(press(' ', { onControl: true }), state())).toBeNull();
    expect(keyCommand(press('j', { typing: true }), state())).toBeNull();
  });

  it('Escape and u clear the selection first, then the search and filters', () => {
    expect(keyCommand(press('Escape'), state({ selectedCount: 2, hasQuery: true }))).toBe('clear-selection');
    expect(keyCommand(press('u'), state({ hasQuery: true }))).toBe('clear-filters');
    expect(keyCommand(press('Escape'), state({ filtersActive: true }))).toBe('clear-filters');
  });

  it('in the search box: Escape clears then blurs; ArrowDown and Enter go to the results when there are any', () => {
    const inBox = (k: string) => press(k, { typing: true, inSearchBox: true });
    expect(keyCommand(inBox('Escape'), state({ hasQuery: true }))).toBe('search-clear');
    expect(keyCommand(inBox('Escape'), state())).toBe('search-blur');
    expect(keyCommand(inBox('ArrowDown'), state())).toBe('search-to-results');
    expect(keyCommand(inBox('Enter'), state())).toBe('search-to-first-result');
    expect(keyCommand(inBox('Enter'), state({ resultCount: 0 }))).toBeNull();
    expect(keyCommand(inBox('j'), state())).toBeNull();
  });

  it('with a dialog open only Escape (closing it) is ours', () => {
    expect(keyCommand(press('Escape'), state({ dialogOpen: true }))).toBe('close-dialog');
    expect(keyCommand(press('j'), state({ dialogOpen: true }))).toBeNull();
  });

  it('reading an article: back, scroll, act on it, open the original when its record is known', () => {
    const s = state({ view: 'article' });
    expect(['Escape', 'u', 'j', 'k', 'e', 's', '#', 't', 'o'].map((k) => keyCommand(press(k), s))).toEqual([
      'back',
      'back',
      'scroll-down',
      'scroll-up',
      'archive',
      'favorite',
      'delete',
      'tags',
      'open-original',
    ]);
    expect(keyCommand(press('o'), state({ view: 'article', hasArticle: false }))).toBeNull();
    expect(keyCommand(press('x'), s)).toBeNull();
  });
  it('All highlights: move, open, search and clear like the list, but no article commands', () => {
    const s = state({ view: 'highlights' });
    const keys = ['j', 'k', 'Enter', 'o', '/', 'e', 's', '#', 't', 'x'];
    expect(keys.map((k) => keyCommand(press(k), s))).toEqual([
      'cursor-down',
      'cursor-up',
      'open',
      'open',
      'focus-search',
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(keyCommand(press('Escape'), state({ view: 'highlights', filtersActive: true }))).toBe('clear-filters');
  });
});
