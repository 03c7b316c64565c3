import { useState } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import type { ImportRun, LibraryConnector } from './library-connector';
import { ShortcutsHelp, TagDialog } from './dialogs';
import { ImportExportPanel } from './import-export-panel';
import { StoragePanel } from './storage-panel';

/** The dialog open over the library, if any: one at a time. */
export type Dialog =
  | null
  | { kind: 'shortcuts' }
  | { kind: 'settings' }
  | { kind: 'import-export'; file?: File }
  | { kind: 'tags'; ids: number[] }
  | { kind: 'storage' };

export interface LibraryDialogsProps {
  dialog: Dialog;
  onClose(): void;
  connector: LibraryConnector;
  articles: ArticleRecord[] | null;
  byId(id: number): ArticleRecord | undefined;
  /** Every tag in the library with its count, for the tag dialog's suggestions. */
  tagCounts: [string, number][];
  run<T>(action: string, fn: () => Promise<T>): Promise<T | undefined>;
  addTag(ids: number[], tag: string): Promise<void>;
  removeTag(ids: number[], tag: string): Promise<void>;
}

/** The shortcuts, import / export, storage and tag dialogs (reading settings open under the top bar instead). */
export function LibraryDialogs({ dialog, onClose, connector, articles, byId, tagCounts, run, addTag, removeTag }: LibraryDialogsProps) {
  // Every file imported while the page is open keeps its report (closing the dialog loses none): this
  // component stays mounted while the dialogs come and go.
  const [importRuns, setImportRuns] = useState<ImportRun[]>([]);
  const dialogTargets = dialog?.kind === 'tags' ? dialog.ids.map(byId).filter((a): a is ArticleRecord => !!a) : [];
  return (
    <>
      {dialog?.kind === 'shortcuts' && <ShortcutsHelp onClose={onClose} />}
      {dialog?.kind === 'import-export' && (
        <ImportExportPanel
          connector={connector}
          file={dialog.file}
          onClose={onClose}
          libraryEmpty={articles !== null && articles.length === 0}
          runs={importRuns}
          onImported={(r) => setImportRuns((rs) => [...rs, r])}
        />
      )}
      {dialog?.kind === 'storage' && connector.storage && <StoragePanel storage={connector.storage} onClose={onClose} />}
      {dialog?.kind === 'tags' && dialogTargets.length > 0 && (
        <TagDialog
          count={dialogTargets.length}
          tags={dialogTargets[0].tags}
          candidates={dialogTargets[0].tagCandidates ?? []}
          allTags={tagCounts.map(([t]) => t)}
          onSet={(tags) =>
            void run('save the tags', () => (connector.setTags ? connector.setTags(dialogTargets[0].id, tags) : Promise.resolve()))
          }
          onAdd={(t) =>
            void addTag(
              dialogTargets.map((a) => a.id),
              t,
            )
          }
          onRemove={(t) =>
            void removeTag(
              dialogTargets.map((a) => a.id),
              t,
            )
          }
          onClose={onClose}
        />
      )}
    </>
  );
}
