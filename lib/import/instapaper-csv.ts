// Instapaper's CSV export: its Folder column holds both its own states (Unread, Archive, Starred) and
// the user's folders; a Selection, when present, is the one highlight it exports.
import { cell, column } from './csv';
import { dateOf, eachRow, listCell, type CsvContext } from './csv-rows';
import { cleanTags } from './text';
import type { ImportItem } from './types';

const INSTAPAPER_FOLDERS: Record<string, Partial<ImportItem>> = {
  unread: { status: 'unread' },
  archive: { status: 'archived' },
  starred: { favorite: true },
};

export function readInstapaperCsv(ctx: CsvContext): void {
  const h = ctx.table.header;
  const it = column(h, 'title'),
    isel = column(h, 'selection'),
    ifo = column(h, 'folder');
  const its = column(h, 'timestamp'),
    ig = column(h, 'tags');
  eachRow(ctx, (row, url, where) => {
    const folder = cell(row, ifo);
    const known = INSTAPAPER_FOLDERS[folder.toLowerCase()];
    const tags = listCell(cell(row, ig), ',');
    // A user folder is the user's own grouping: keep it as a tag (wallabag and readeck do the same).
    if (folder && !known) tags.push(folder);
    const item: ImportItem = {
      url,
      title: cell(row, it),
      tags: cleanTags(tags),
      savedAt: dateOf(ctx, row, its, 'Timestamp'),
      status: known?.status ?? 'unread',
      favorite: known?.favorite ?? false,
      where,
    };
    const sel = cell(row, isel);
    if (sel) item.highlights = [{ text: sel }];
    return item;
  });
}
