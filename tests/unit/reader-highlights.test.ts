// The reader's pure highlight logic: which records anchoring rewrites, reading order, what a selection
// stores, where floating boxes go, the deep-link route, the h / n keys and the settings they use.
import { describe, expect, it } from 'vitest';
import { anchorHighlights, selectionTarget } from '../../lib/annotate/reader-highlights';
import { describeRange } from '../../lib/highlights/selectors';
import { floatPosition } from '../../lib/highlights/float-position';
import { parseRoute, routeHash } from '../../components/library/route';
import { keyCommand, type KeyPress, type KeyState } from '../../components/library/keymap';
import { normalizeSettings } from '../../lib/reader/settings';
import type { HighlightRecord } from '../../lib/db/schema';

const TEXT = 'Bees forage up to three kilometres from the hive. Lime blossom in early July produces most of the honey.';

function rec(id: string, exact: string, p: Partial<HighlightRecord> = {}): HighlightRecord {
  const start = TEXT.indexOf(exact);
  return {
    id,
    articleId: 1,
    ...describeRange(TEXT, start, start + exact.length),
    color: 'yellow',
    note: null,
    createdAt: 1,
    updatedAt: 1,
    anchor: 'placed',
    source: 'gist',
    ...p,
  };
}

describe('anchorHighlights', () => {
  it('writes nothing for a highlight still where it was stored, and lists placed ones in reading order', () => {
    const later = rec('later', 'Lime blossom', { createdAt: 1 });
    const earlier = rec('earlier', 'three kilometres', { createdAt: 2 });
    const a = anchorHighlights(TEXT, [later, earlier]);
    expect(a.updates).toEqual([]);
    expect(a.placed.map((p) => [p.record.id, TEXT.slice(p.start, p.end)])).toEqual([
      ['earlier', 'three kilometres'],
      ['later', 'Lime blossom'],
    ]);
  });

  it('a highlight moved by text inserted above gets its new position and context written back', () => {
    const h = rec('h', 'three kilometres');
    const changed = `A new first sentence. ${TEXT}`;
    const a = anchorHighlights(changed, [h]);
    const at = changed.indexOf('three kilometres');
    expect(a.placed.map((p) => [p.start, p.end])).toEqual([[at, at + 16]]);
    expect(a.updates).toEqual([{ id: 'h', changes: { ...describeRange(changed, at, at + 16), anchor: 'placed' } }]);
    expect(a.placed[0].record.position).toEqual({ type: 'TextPositionSelector', start: at, end: at + 16 });
  });

  it('an imported (waiting) quote is placed and marked placed; one whose text is gone is unplaced, never placed', () => {
    const imported = {
      ...rec('imp', 'Lime blossom'),
      position: null,
      anchor: 'waiting' as const,
      quote: { type: 'TextQuoteSelector' as const, exact: 'Lime blossom', prefix: '', suffix: '' },
    };
    const gone = {
      ...rec('gone', 'Bees'),
      quote: { type: 'TextQuoteSelector' as const, exact: 'wasps nest under the eaves', prefix: '', suffix: '' },
    };
    const a = anchorHighlights(TEXT, [imported, gone]);
    expect(a.placed.map((p) => p.record.id)).toEqual(['imp']);
    expect(a.unplaced.map((r) => r.id)).toEqual(['gone']);
    expect(a.updates).toContainEqual({ id: 'gone', changes: { anchor: 'unplaced' } });
    expect(a.updates.find((u) => u.id === 'imp')!.changes).toMatchObject({ anchor: 'placed', position: { start: TEXT.indexOf('Lime') } });
    // Already marked unplaced: not written again.
    expect(anchorHighlights(TEXT, [{ ...gone, anchor: 'unplaced' }]).updates).toEqual([]);
  });

  it('with no text yet (a link not downloaded) every highlight waits and nothing is written', () => {
    const a = anchorHighlights(null, [rec('x', 'Bees', { anchor: 'waiting' }), rec('y', 'hive')]);
    expect(a.waiting.map((r) => r.id)).toEqual(['x', 'y']);
    expect(a.placed).toEqual([]);
    expect(a.updates).toEqual([]);
  });
});

describe('selectionTarget', () => {
  it('drops the whitespace a drag picks up and describes the rest', () => {
    const s = TEXT.indexOf(' three');
    const t = selectionTarget(TEXT, s, s + ' three kilometres '.length)!;
    expect(t.quote.exact).toBe('three kilometres');
    expect(t.position).toEqual({ type: 'TextPositionSelector', start: s + 1, end: s + 17 });
    expect(t.quote.prefix.endsWith('forage up to ')).toBe(true);
    expect(selectionTarget(TEXT, 4, 5)).toBeNull(); // a lone space
  });
});

describe('floatPosition', () => {
  const size = { width: 200, height: 40 };
  it('centres above the target, below when the sticky toolbar leaves no room, and never off either side', () => {
    expect(floatPosition({ top: 300, left: 400, width: 100, height: 20 }, size, { width: 1000 }, { minTop: 60 })).toEqual({
      top: 252,
      left: 350,
      below: false,
    });
    expect(floatPosition({ top: 80, left: 400, width: 100, height: 20 }, size, { width: 1000 }, { minTop: 60 })).toEqual({
      top: 108,
      left: 350,
      below: true,
    });
    expect(floatPosition({ top: 300, left: 0, width: 20, height: 20 }, size, { width: 1000 }).left).toBe(4);
    expect(floatPosition({ top: 300, left: 990, width: 10, height: 20 }, size, { width: 1000 }).left).toBe(796);
  });
});

describe('routes', () => {
  it('#article/<id>?h=<highlight> opens at a highlight; the plain route still works', () => {
    expect(parseRoute('#article/12')).toEqual({ kind: 'article', id: 12 });
    expect(parseRoute('#article/12?h=3f2a-9c')).toEqual({ kind: 'article', id: 12, highlightId: '3f2a-9c' });
    expect(parseRoute(routeHash({ kind: 'article', id: 7, highlightId: 'a b' }))).toEqual({ kind: 'article', id: 7, highlightId: 'a b' });
    expect(routeHash({ kind: 'article', id: 7 })).toBe('#article/7');
    expect(parseRoute('#nope')).toEqual({ kind: 'list' });
  });
});

describe('keys', () => {
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
  const state = (p: Partial<KeyState> = {}): KeyState => ({
    view: 'article',
    dialogOpen: false,
    hasQuery: false,
    filtersActive: false,
    resultCount: 0,
    hasCursorRow: false,
    hasTargets: true,
    selectedCount: 0,
    hasArticle: true,
    ...p,
  });
  it('h and n act in the reader, never while typing, with a modifier, in a dialog or in the list', () => {
    expect(keyCommand(press('h'), state())).toBe('highlight');
    expect(keyCommand(press('n'), state())).toBe('highlight-note');
    expect(keyCommand(press('h', { typing: true }), state())).toBeNull();
    expect(keyCommand(press('n', { modified: true }), state())).toBeNull();
    expect(keyCommand(press('h'), state({ dialogOpen: true }))).toBeNull();
    expect(keyCommand(press('h'), state({ view: 'list' }))).toBeNull();
  });
});

describe('settings', () => {
  it('keep the last highlight colour and the panel state; anything else falls back', () => {
    expect(normalizeSettings({ highlightColor: 'pink', notesPanel: true })).toMatchObject({ highlightColor: 'pink', notesPanel: true });
    expect(normalizeSettings({ highlightColor: 'red', notesPanel: 'yes' })).toMatchObject({ highlightColor: 'yellow', notesPanel: false });
  });
});
