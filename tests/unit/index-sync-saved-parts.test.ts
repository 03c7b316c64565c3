// @vitest-environment node
// IndexSync's saved index in parts: the phrase part loading after the word part (and rebuilding when
// it is unusable), older saved formats, and postings decoded in the background.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { saveArticle } from '../../lib/db/articles';
import { IndexSync } from '../../lib/search/index-sync';
import { dexieIndexStore, INDEX_KEY } from '../../lib/search/index-store';
import { TextIndex } from '../../lib/search/text-index';
import { input, db, ids, harness, hits, freshLibraryEachTest } from '../helpers/library-db-fixture';

freshLibraryEachTest();
describe('IndexSync', () => {
  it('opens from the word part alone; the phrase part loads after and answers as a fresh build does', async () => {
    await saveArticle(db, input(5, { title: 'Tram news', text: 'The white house by the tram depot. House painted white.' }), 9000);
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    expect(await h.kv.count()).toBe(2); // words and phrases, apart
    let phraseReads = 0;
    const read = h.cache.getPhrases;
    h.cache.getPhrases = () => (phraseReads++, read());
    const next = h.open();
    await next.sync();
    expect(next.opened).toBe('loaded');
    expect(next.state.ready).toBe(true);
    // Word search at once, before a byte of phrase data was asked for (its read starts after ready).
    expect(hits(next, 'honeyb')).toEqual(hits(first, 'honeyb'));
    expect(await next.phrasesReady()).toBe(true);
    expect(phraseReads).toBe(1);
    const fresh = new IndexSync(
      dexieIndexStore(db, { get: async () => undefined, getPhrases: async () => undefined, put: async () => {} }),
    );
    await fresh.sync();
    expect(fresh.opened).toBe('rebuilt');
    for (const p of [
      ['white', 'house'],
      ['house', 'white'],
      ['tram', 'depot'],
      ['house', 'painted'],
    ]) {
      const all = [...ids, ids[3] + 1];
      expect(all.filter((id) => next.index!.hasPhrases(id, [p]))).toEqual(all.filter((id) => fresh.index!.hasPhrases(id, [p])));
    }
    expect(next.index!.hasPhrases(ids[3] + 1, [['white', 'house']])).toBe(true);
    expect(next.index!.hasPhrases(ids[3] + 1, [['house', 'white']])).toBe(false);
  });

  it('rebuilds when the phrase part is missing, damaged or from another save', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    const phrases = (await h.cache.getPhrases())!;
    const breakings = [
      () => h.kv.delete(`${INDEX_KEY}:phrases`),
      () => h.kv.put({ key: `${INDEX_KEY}:phrases`, value: { ...phrases, stamp: phrases.stamp + 1 } }),
      () =>
        h.kv.put({ key: `${INDEX_KEY}:phrases`, value: { ...phrases, phrases: { ...phrases.phrases, pairStart: new Uint32Array(2) } } }),
    ];
    for (const breakIt of breakings) {
      await h.kv.put({ key: `${INDEX_KEY}:phrases`, value: phrases });
      await breakIt();
      const next = h.open();
      await next.sync();
      expect(next.opened).toBe('loaded');
      expect(await next.phrasesReady()).toBe(false);
      await vi.waitFor(() => expect(next.opened).toBe('rebuilt'));
      await next.sync();
      expect(next.index!.phrasesReady).toBe(true);
      expect(next.index!.hasPhrases(ids[0], [['number', '1']])).toBe(true);
      expect(hits(next, 'honeyb')).toEqual([...ids].sort());
    }
  });

  it('saves over the single-value format of before, and drops it', async () => {
    const h = harness();
    await h.kv.put({ key: 'text-index-v2', value: { watermark: 1, index: { version: 2 } } });
    const first = h.open();
    await first.sync();
    await first.saveNow();
    expect((await h.kv.toCollection().primaryKeys()).sort()).toEqual([INDEX_KEY, `${INDEX_KEY}:phrases`]);
    expect(TextIndex.deserialize((await h.cache.get())!.words).size).toBe(4);
  });

  it('drops an index saved in the whole-decode format (v3): not misread, rebuilt and saved over', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    const saved = (await h.cache.get())!;
    const phrases = (await h.cache.getPhrases())!;
    // As version 3 stored it: no per-term byte offsets, under its own keys.
    const { byteStart: _dropped, ...v3base } = saved.words.base;
    await h.kv.clear();
    await h.kv.put({ key: 'text-index-v3', value: { ...saved, words: { ...saved.words, version: 3, base: v3base } } });
    await h.kv.put({ key: 'text-index-v3:phrases', value: phrases });
    const next = h.open();
    await next.sync();
    expect(next.opened).toBe('rebuilt');
    expect(hits(next, 'honeyb')).toEqual([...ids].sort());
    // Even under the current key, a version-3 part is refused.
    await h.kv.put({ key: INDEX_KEY, value: { ...saved, words: { ...saved.words, version: 3, base: v3base } } });
    const again = h.open();
    await again.sync();
    expect(again.opened).toBe('rebuilt');
    await again.saveNow();
    expect((await h.kv.toCollection().primaryKeys()).sort()).toEqual([INDEX_KEY, `${INDEX_KEY}:phrases`]);
  });

  it('opens without decoding the postings; damaged postings found after ready mean a rebuild', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    const saved = (await h.cache.get())!;
    const { packed, byteStart } = saved.words.base;
    // The last byte of the first term's postings gets a continuation bit: offsets and sizes still check out.
    const end = byteStart[1] - 1;
    const bad = packed.map((x, i) => (i === end ? x | 0x80 : x));
    await h.kv.put({ key: INDEX_KEY, value: { ...saved, words: { ...saved.words, base: { ...saved.words.base, packed: bad } } } });
    const next = h.open();
    await next.open();
    expect(next.opened).toBe('loaded');
    expect(next.state.ready).toBe(true);
    await vi.waitFor(() => expect(next.opened).toBe('rebuilt'));
    await vi.waitFor(() => expect(next.state.ready).toBe(true));
    expect(hits(next, 'honeyb')).toEqual([...ids].sort());
  });

  it('decodes a loaded index once in the background, not again on every later sync', async () => {
    const h = harness();
    const first = h.open();
    await first.sync();
    await first.saveNow();
    const decoded = () => performance.getEntriesByName('gist:postings-decoded').length;
    const before = decoded();
    const next = h.open();
    await next.sync();
    await vi.waitFor(() => expect(decoded()).toBe(before + 1));
    for (let i = 0; i < 3; i++) await next.sync();
    await new Promise((r) => setTimeout(r, 20));
    expect(decoded()).toBe(before + 1);
    expect(next.opened).toBe('loaded');
  });
});
