// Pinboard's JSON export: space-separated tags; `description` is the title, `extended` the excerpt.
import { checkUrl, str } from './item';
import { dateField, eachObject, plainTitle, withOptional, type JsonContext } from './json-fields';
import { splitTags } from './text';
import type { ImportItem } from './types';

export function readPinboardJson(ctx: JsonContext, arr: unknown[], indexes: number[] | undefined): void {
  eachObject(ctx, arr, indexes, (o, where) => {
    const url = checkUrl(o.href, where, ctx.errors);
    if (!url) return null;
    const item: ImportItem = {
      url,
      title: plainTitle(o.description),
      tags: splitTags(o.tags, /\s+/),
      savedAt: dateField(ctx, where, o.time, 'time'),
      // toread "no" means the user did not queue it: archived (wallabag reads it the same way).
      status: str(o.toread) === 'no' ? 'archived' : 'unread',
      favorite: false,
      where,
    };
    return withOptional(item, { excerpt: o.extended });
  });
}
