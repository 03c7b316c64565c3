// The CSV exports, told apart by their header names (never by column position: Pocket alone has two
// column orders), and handed to their reader (one file each, <format>-csv.ts). Each maps a row to an
// ImportItem; a bad row is reported with its line and skipped.
import type { CsvTable } from './csv';
import { URL_NAMES, type CsvContext } from './csv-rows';
import { readGenericCsv } from './generic-csv';
import { readInstapaperCsv } from './instapaper-csv';
import { readMatterCsv, type MatterHighlight } from './matter-csv';
import { readPocketCsv } from './pocket-csv';
import { readRaindropCsv } from './raindrop-csv';
import { readReadwiseCsv } from './readwise-csv';
import type { ImportFormat, ImportItem, ImportProblem } from './types';
import { readWallabagCsv } from './wallabag-csv';

// parse-import reads Matter's highlights file itself, before the history it belongs to.
export { matterHighlights, type MatterHighlight } from './matter-csv';

export type CsvKind =
  | Extract<ImportFormat, 'pocket-csv' | 'instapaper-csv' | 'readwise-csv' | 'matter' | 'raindrop-csv' | 'wallabag-csv' | 'csv'>
  | 'matter-highlights';

export function detectCsv(h: string[]): CsvKind | null {
  const has = (...n: string[]) => n.every((x) => h.includes(x));
  if (has('time_added') || (has('status') && has('cursor'))) return 'pocket-csv';
  if (has('selection') || (has('folder') && has('timestamp') && has('url') && !has('excerpt'))) return 'instapaper-csv';
  if (has('document tags') || has('saved date', 'location')) return 'readwise-csv';
  if (has('highlighted date', 'text')) return 'matter-highlights';
  if (has('file id') || has('word count', 'saved', 'read')) return 'matter';
  if (has('excerpt', 'folder') || has('cover', 'highlights') || has('note', 'folder', 'created')) return 'raindrop-csv';
  if (has('mime type') || has('creation date', 'content')) return 'wallabag-csv';
  if (URL_NAMES.some((n) => h.includes(n))) return 'csv';
  return null;
}

export interface CsvExtras {
  matterHighlights?: MatterHighlight[];
  matterContent?: (fileId: string) => string | undefined;
}

export function parseCsvKind(
  kind: CsvKind,
  file: string,
  table: CsvTable,
  items: ImportItem[],
  errors: ImportProblem[],
  extras: CsvExtras = {},
): void {
  const ctx: CsvContext = { file, table, items, errors };
  for (const e of table.errors) errors.push({ where: `${file}:${e.line}`, reason: e.reason });
  switch (kind) {
    case 'pocket-csv':
      return readPocketCsv(ctx);
    case 'instapaper-csv':
      return readInstapaperCsv(ctx);
    case 'readwise-csv':
      return readReadwiseCsv(ctx);
    case 'matter':
      return readMatterCsv(ctx, extras.matterHighlights ?? [], extras.matterContent);
    case 'raindrop-csv':
      return readRaindropCsv(ctx);
    case 'wallabag-csv':
      return readWallabagCsv(ctx);
    case 'csv':
      return readGenericCsv(ctx);
    case 'matter-highlights':
      errors.push({
        where: file,
        reason: "this is Matter's highlights file, which has no URLs: import the whole Matter zip or _matter_history.csv",
      });
      return;
  }
}
