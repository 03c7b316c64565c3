// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { emptyState, mergeContent, mergeRevisions, mergeState, withDelete, withLocalEdits } from '../../lib/sync/merge';
import { isAlive, tagList, type ContentDoc, type HighlightDoc, type StateDoc } from '../../lib/sync/doc-types';
import type { ArticleRecord } from '../../lib/db/schema';
import { storedLink } from '../helpers/article-record';

const S = (over: Partial<StateDoc> = {}): StateDoc => ({ ...emptyState('s:k', 'https://e.com/a'), ...over });
const tag = (name: string, at: number, removed = false) => ({ name, at, removed });

function article(over: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: 1,
    ...storedLink('https://e.com/a', { title: 'A', wordCount: 1, readingMinutes: 1, contentState: 'full', ...over }),
  };
}

describe('mergeState', () => {
  it('tags: union of tags added on either side', () => {
    const m = mergeState(S({ tags: { x: tag('x', 10) } }), S({ tags: { y: tag('y', 20) } }));
    expect(tagList(m)).toEqual(['x', 'y']);
  });

  it('tags: a removal newer than the add wins, an older one loses', () => {
    const added = S({ tags: { x: tag('x', 10), y: tag('y', 30) } });
    const removed = S({ tags: { x: tag('x', 20, true), y: tag('y', 20, true) } });
    expect(tagList(mergeState(added, removed))).toEqual(['y']);
    expect(tagList(mergeState(removed, added))).toEqual(['y']);
  });

  it('tags: an add and a removal at the same time keep the tag', () => {
    expect(tagList(mergeState(S({ tags: { x: tag('x', 10, true) } }), S({ tags: { x: tag('x', 10) } })))).toEqual(['x']);
  });

  it('progress: the maximum, whichever edit is later', () => {
    expect(mergeState(S({ progress: 0.6, touchedAt: 1 }), S({ progress: 0.2, touchedAt: 9 })).progress).toBe(0.6);
  });

  it('status, favorite and note: the later edit of each field, independently', () => {
    const a = S({ status: 'archived', statusAt: 30, favorite: 0, favoriteAt: 40, note: 'old', noteAt: 5 });
    const b = S({ status: 'unread', statusAt: 20, favorite: 1, favoriteAt: 10, note: 'new', noteAt: 6 });
    for (const m of [mergeState(a, b), mergeState(b, a)]) {
      expect([m.status, m.favorite, m.note]).toEqual(['archived', 0, 'new']);
    }
  });

  it('a delete wins over an older edit and loses to a newer one', () => {
    const deleted = withDelete(S({ touchedAt: 10 }), 50);
    expect(isAlive(mergeState(deleted, S({ touchedAt: 40, progress: 0.6 })))).toBe(false);
    const revived = mergeState(deleted, S({ touchedAt: 60, progress: 0.6 }));
    expect(isAlive(revived)).toBe(true);
    expect(revived.progress).toBe(0.6);
    // The delete time is kept: a later delete of the revived article still wins.
    expect(isAlive(mergeState(revived, withDelete(S({ touchedAt: 10 }), 70)))).toBe(false);
  });

  it('is commutative and order-free over many revisions', () => {
    const revs = [
      S({ _rev: '3-a', tags: { x: tag('x', 1) }, status: 'archived', statusAt: 5, progress: 0.3, touchedAt: 5 }),
      S({ _rev: '3-b', tags: { x: tag('x', 4, true), y: tag('y', 2) }, favorite: 1, favoriteAt: 3, touchedAt: 4 }),
      S({ _rev: '3-c', tags: { z: tag('z', 3) }, status: 'unread', statusAt: 5, progress: 0.7, deletedAt: 2, touchedAt: 1 }),
    ];
    const one = mergeRevisions(revs);
    expect(mergeRevisions([revs[2], revs[0], revs[1]])).toEqual(one);
    expect(JSON.stringify(mergeState(revs[0], revs[1]))).toBe(JSON.stringify(mergeState(revs[1], revs[0])));
    expect(tagList(one)).toEqual(['y', 'z']);
    expect([one.status, one.favorite, one.progress, isAlive(one)]).toEqual(['unread', 1, 0.7, true]);
    expect(one._rev).toBeUndefined();
  });
});

describe('mergeContent and highlights', () => {
  const C = (over: Partial<ContentDoc>): ContentDoc =>
    ({
      _id: 'a:k',
      type: 'content',
      url: 'u',
      title: 't',
      savedAt: 10,
      updatedAt: 10,
      html: '<p>x</p>',
      text: 'x',
      images: [],
      ...over,
    }) as ContentDoc;

  it('keeps the later save with the earliest first-saved date', () => {
    const m = mergeContent(C({ savedAt: 5, updatedAt: 10, title: 'old' }), C({ savedAt: 8, updatedAt: 20, title: 'new' }));
    expect([m.title, m.savedAt]).toEqual(['new', 5]);
  });

  it('a highlight keeps its later edit', () => {
    const H = (note: string, updatedAt: number) => ({ _id: 'h:k:1', type: 'highlight', note, updatedAt, createdAt: 1 }) as HighlightDoc;
    expect(mergeRevisions([H('later', 9), H('earlier', 3)]).note).toBe('later');
  });

  it('refuses to merge documents of different kinds', () => {
    expect(() => mergeRevisions([S(), C({})] as never[])).toThrow(/Cannot merge/);
  });
});

describe('withLocalEdits', () => {
  it('takes the fields this device edited, dated by the outbox', () => {
    const next = withLocalEdits(S(), article({ status: 'archived', tags: ['x'], progress: 0.5 }), {
      status: 100,
      tags: 100,
      progress: 100,
    });
    expect([next.status, next.statusAt, tagList(next), next.progress, next.touchedAt]).toEqual(['archived', 100, ['x'], 0.5, 100]);
  });

  it('never overwrites a newer edit the document already holds', () => {
    const prev = S({ status: 'archived', statusAt: 200, progress: 0.9 });
    const next = withLocalEdits(prev, article({ status: 'unread', progress: 0.4 }), { status: 100, progress: 100 });
    expect([next.status, next.progress]).toEqual(['archived', 0.9]);
  });

  it('an explicit tag edit removes tags; a whole-record save only adds', () => {
    const prev = S({ tags: { x: tag('x', 10), y: tag('y', 10) } });
    expect(tagList(withLocalEdits(prev, article({ tags: ['y'] }), { tags: 20 }))).toEqual(['y']);
    expect(tagList(withLocalEdits(prev, article({ tags: ['z'] }), { '*': 20 }))).toEqual(['x', 'y', 'z']);
  });
});
