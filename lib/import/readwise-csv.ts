// Readwise Reader's CSV export: tags as a Python list, the Location column tells archived documents.
import { cell, column } from './csv';
import { dateOf, eachRow, listCell, type CsvContext } from './csv-rows';
import { progress } from './item';
import type { ImportItem } from './types';

export function readReadwiseCsv(ctx: CsvContext): void {
  const h = ctx.table.header;
  const it = column(h, 'title'),
    ig = column(h, 'document tags', 'tags'),
    id = column(h, 'saved date');
  const ip = column(h, 'reading progress'),
    il = column(h, 'location');
  eachRow(ctx, (row, url, where) => {
    const p = progress(cell(row, ip));
    const item: ImportItem = {
      url,
      title: cell(row, it),
      tags: listCell(cell(row, ig), ','),
      savedAt: dateOf(ctx, row, id, 'Saved date'),
      status: cell(row, il).toLowerCase() === 'archive' ? 'archived' : 'unread',
      favorite: false,
      where,
    };
    if (p !== undefined) item.progress = p;
    return item;
  });
}
