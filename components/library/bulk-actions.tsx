import type { ArticleRecord } from '../../lib/db/schema';
import type { ArticleSnapshot } from '../../lib/db/articles';
import type { LibraryConnector } from './library-connector';
import './list-controls.css';
import { countOf } from '../../lib/format/count';

const titleOf = (a: ArticleRecord) => `“${a.title.length > 60 ? `${a.title.slice(0, 57)}…` : a.title}”`;

export interface ActionDeps {
  connector: LibraryConnector;
  /** Runs an edit, showing its error as "could not <action>"; undefined when it failed. */
  run<T>(action: string, fn: () => Promise<T>): Promise<T | undefined>;
  /** Shows a message, with Undo when `undo` is given. */
  notify(message: string, undo?: () => Promise<void>): void;
  /** After a delete: clear the selection, leave the reader. */
  afterRemove(): void;
}

/**
 * Archive, favorite, delete and tag one article or many, each with an Undo where it makes sense. Many go
 * through the connector's bulk edits (one transaction, what changed kept for Undo) when it has them.
 */
export function articleActions({ connector, run, notify, afterRemove }: ActionDeps) {
  const archive = async (list: ArticleRecord[]) => {
    if (!list.length) return;
    const to = list.every((a) => a.status === 'archived') ? 'unread' : 'archived';
    if (list.length === 1 || !connector.bulk) {
      const prev = list.map((a) => [a.id, a.status] as const);
      await run('change the article', () => Promise.all(list.map((a) => connector.setStatus(a.id, to))));
      notify(
        to === 'archived'
          ? `Archived ${list.length === 1 ? titleOf(list[0]) : countOf(list.length, 'article')}.`
          : `Moved ${list.length === 1 ? titleOf(list[0]) : countOf(list.length, 'article')} to unread.`,
        async () => {
          await Promise.all(prev.map(([id, s]) => connector.setStatus(id, s)));
        },
      );
    } else {
      const prev = await run('archive the articles', () =>
        connector.bulk!.setStatus(
          list.map((a) => a.id),
          to,
        ),
      );
      if (prev)
        notify(`${to === 'archived' ? 'Archived' : 'Moved to unread'} ${countOf(prev.size, 'article')}.`, () =>
          connector.bulk!.restoreValues(prev),
        );
    }
  };
  const favorite = async (list: ArticleRecord[]) => {
    if (!list.length) return;
    const to = !list.every((a) => a.favorite === 1);
    if (list.length > 1 && connector.bulk)
      await run('change favorites', () =>
        connector.bulk!.setFavorite(
          list.map((a) => a.id),
          to,
        ),
      );
    else await run('change the article', () => Promise.all(list.map((a) => connector.setFavorite(a.id, to))));
  };
  const remove = async (list: ArticleRecord[]) => {
    if (!list.length) return;
    let snaps: ArticleSnapshot[] | undefined;
    if (list.length > 1 && connector.bulk) snaps = await run('delete the articles', () => connector.bulk!.remove(list.map((a) => a.id)));
    else
      snaps = (await run('delete the article', () => Promise.all(list.map((a) => connector.remove(a.id)))))?.filter(
        (s): s is ArticleSnapshot => !!s,
      );
    if (!snaps?.length) return;
    const s = snaps;
    notify(s.length === 1 ? `Deleted ${titleOf(s[0].article)}.` : `Deleted ${countOf(s.length, 'article')}.`, async () => {
      if (connector.bulk && s.length > 1) await connector.bulk.restore(s);
      else for (const x of s) await connector.restore(x);
    });
    afterRemove();
  };
  const addTag = async (ids: number[], t: string) => {
    const prev = await run('add the tag', () => connector.bulk!.addTag(ids, t));
    if (prev) notify(`Tagged ${countOf(prev.size, 'article')} “${t}”.`, () => connector.bulk!.restoreValues(prev));
  };
  const removeTag = async (ids: number[], t: string) => {
    const prev = await run('remove the tag', () => connector.bulk!.removeTag(ids, t));
    if (prev) notify(`Removed “${t}” from ${countOf(prev.size, 'article')}.`, () => connector.bulk!.restoreValues(prev));
  };
  return { archive, favorite, remove, addTag, removeTag };
}

/** The toolbar shown while articles are selected. */
export function BulkBar({
  count,
  total,
  onArchive,
  onFavorite,
  onTag,
  onDelete,
  onSelectAll,
  onClear,
}: {
  count: number;
  /** How many the list shows (Select all). */
  total: number;
  onArchive(): void;
  onFavorite(): void;
  /** Absent when the connector has no bulk tag edits. */
  onTag?: () => void;
  onDelete(): void;
  onSelectAll(): void;
  onClear(): void;
}) {
  return (
    <div class="bulkbar" role="toolbar" aria-label="Selected articles" data-testid="bulkbar">
      <strong>{countOf(count, 'article')} selected</strong>
      <button type="button" class="secondary" onClick={onArchive}>
        Archive
      </button>
      <button type="button" class="secondary" onClick={onFavorite}>
        Favorite
      </button>
      {onTag && (
        <button type="button" class="secondary" onClick={onTag}>
          Tag…
        </button>
      )}
      <button type="button" class="secondary danger" data-testid="bulk-delete" onClick={onDelete}>
        Delete selected
      </button>
      <button type="button" class="link" onClick={onSelectAll}>
        Select all {total.toLocaleString()}
      </button>
      <button type="button" class="link" onClick={onClear}>
        Clear
      </button>
    </div>
  );
}
