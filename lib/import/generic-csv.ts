// Any other CSV with a URL column: the other columns are guessed from the names services commonly use.
import { cell, column } from './csv';
import { dateOf, eachRow, listCell, type CsvContext } from './csv-rows';
import { bool } from './item';

export function readGenericCsv(ctx: CsvContext): void {
  const h = ctx.table.header;
  const it = column(h, 'title', 'name', 'description');
  const ig = column(h, 'tags', 'tag', 'labels', 'keywords');
  const id = column(
    h,
    'saved',
    'saved at',
    'saved date',
    'saved_at',
    'created',
    'created at',
    'created_at',
    'date added',
    'added',
    'added at',
    'date',
    'timestamp',
    'time',
  );
  const iff = column(h, 'favorite', 'favourite', 'starred', 'is_favorite', 'is_starred');
  const ir = column(h, 'archived', 'is_archived', 'read', 'is_read', 'status', 'state');
  eachRow(ctx, (row, url, where) => {
    const st = cell(row, ir).toLowerCase();
    return {
      url,
      title: cell(row, it),
      tags: listCell(cell(row, ig), /[,|;]/),
      savedAt: dateOf(ctx, row, id, h[id] ?? 'date'),
      status: bool(st) || /^(?:archived?|read)$/.test(st) ? 'archived' : 'unread',
      favorite: bool(cell(row, iff)),
      where,
    };
  });
}
