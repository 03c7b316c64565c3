// GoodLinks' JSON export: a link with a readAt date has been read.
import { bool, checkUrl } from './item';
import { dateField, eachObject, plainTitle, tagNames, withOptional, type JsonContext } from './json-fields';
import type { ImportItem } from './types';

export function readGoodlinksJson(ctx: JsonContext, arr: unknown[], indexes: number[] | undefined): void {
  eachObject(ctx, arr, indexes, (o, where) => {
    const url = checkUrl(o.url ?? o.originalURL, where, ctx.errors);
    if (!url) return null;
    const item: ImportItem = {
      url,
      title: plainTitle(o.title),
      tags: tagNames(o.tags),
      savedAt: dateField(ctx, where, o.addedAt, 'addedAt'),
      status: o.readAt ? 'archived' : 'unread',
      favorite: bool(o.starred),
      where,
    };
    return withOptional(item, { excerpt: o.summary, author: o.author });
  });
}
