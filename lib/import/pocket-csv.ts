// Pocket's CSV export. It comes in two column orders, so every column is found by name.
import { cell, column } from './csv';
import { dateOf, eachRow, type CsvContext } from './csv-rows';
import { bool } from './item';
import { splitTags } from './text';

export function readPocketCsv(ctx: CsvContext): void {
  const h = ctx.table.header;
  const it = column(h, 'title'),
    ia = column(h, 'time_added'),
    ig = column(h, 'tags'),
    is = column(h, 'status');
  const iff = column(h, 'favorite', 'is_favorite', 'starred');
  eachRow(ctx, (row, url, where) => ({
    url,
    title: cell(row, it),
    tags: splitTags(cell(row, ig), '|'),
    savedAt: dateOf(ctx, row, ia, 'time_added'),
    status: /^archive/i.test(cell(row, is)) ? 'archived' : 'unread',
    favorite: bool(cell(row, iff)),
    where,
  }));
}
