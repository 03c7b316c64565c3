// The per-tab badge memo behind redrawing every open tab's badge when the reading speed changes.
import { describe, expect, it } from 'vitest';
import { memoryArea } from '../../lib/save/preview-cache';
import { createTabBadgeMemo, MAX_TABS } from '../../lib/save/tab-badge-memo';

describe('tab badge memo', () => {
  it('keeps the last counts and saved flag per tab; a save or removal changes the flag only', async () => {
    const memo = createTabBadgeMemo(memoryArea());
    await memo.put(3, { words: 900, cjkChars: 4, images: 2 }, false);
    await memo.put(7, null, true);
    await memo.put(3, { words: 1200 }, false); // a later detection of the same tab replaces its entry
    await memo.setSaved(3, true);
    await memo.setSaved(9, true); // a tab never drawn stays absent
    expect(await memo.all()).toEqual([
      { tabId: 7, counts: null, saved: true },
      { tabId: 3, counts: { words: 1200, cjkChars: 0, images: 0 }, saved: true },
    ]);
    await memo.setSaved(7, false);
    await memo.drop(3);
    expect(await memo.all()).toEqual([{ tabId: 7, counts: null, saved: false }]);
  });

  it('keeps the newest tabs only and skips entries it did not write', async () => {
    const area = memoryArea();
    const memo = createTabBadgeMemo(area);
    for (let i = MAX_TABS; i >= 0; i--) await memo.put(i, { words: i }, false); // newest: the lowest ids
    const all = await memo.all();
    expect(all).toHaveLength(MAX_TABS);
    expect(all[0].tabId).toBe(MAX_TABS - 1); // the oldest went
    expect(all.at(-1)?.tabId).toBe(0);
    await area.set({ 'gist:tab-badges': { t1: ['x'], t2: [900, 0, 0, 1], tab: [1], 4: [1] } });
    expect(await memo.all()).toEqual([{ tabId: 2, counts: { words: 900, cjkChars: 0, images: 0 }, saved: true }]);
  });
});
