// wallabag's CSV export, which carries each article's content and language.
import { cell, column } from './csv';
import { dateOf, eachRow, type CsvContext } from './csv-rows';
import { splitTags } from './text';
import type { ImportItem } from './types';

export function readWallabagCsv(ctx: CsvContext): void {
  const h = ctx.table.header;
  const it = column(h, 'title'),
    ic = column(h, 'content'),
    ig = column(h, 'tags'),
    il = column(h, 'language');
  const id = column(h, 'creation date');
  eachRow(ctx, (row, url, where) => {
    const item: ImportItem = {
      url,
      title: cell(row, it),
      tags: splitTags(cell(row, ig), ','),
      // wallabag writes d/m/Y with a 12-hour clock and no AM/PM: the time of day may be 12 h off.
      savedAt: dateOf(ctx, row, id, 'Creation date', { dayFirst: true }),
      status: 'unread',
      favorite: false,
      where,
    };
    const content = cell(row, ic);
    if (content) item.content = content;
    const lang = cell(row, il);
    if (lang) item.lang = lang;
    return item;
  });
}
