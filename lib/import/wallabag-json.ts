// wallabag's JSON export, version 2 and the version 1 PHP dump: content, language and annotations.
import { parseDate } from './dates';
import { bool, checkUrl } from './item';
import { dateField, eachObject, highlightsOf, plainTitle, tagNames, withOptional, type JsonContext } from './json-fields';
import type { ImportItem } from './types';

export function readWallabagJson(ctx: JsonContext, arr: unknown[], indexes: number[] | undefined): void {
  eachObject(ctx, arr, indexes, (o, where) => {
    const url = checkUrl(o.url, where, ctx.errors);
    if (!url) return null;
    // v2 has is_archived/is_starred (booleans or 0/1); v1 (a PHP dump) has is_read/is_fav as "0"/"1".
    const item: ImportItem = {
      url,
      title: plainTitle(o.title),
      tags: tagNames(o.tags),
      savedAt: dateField(ctx, where, o.created_at, 'created_at'),
      status: bool(o.is_archived ?? o.is_read) ? 'archived' : 'unread',
      favorite: bool(o.is_starred ?? o.is_fav),
      where,
    };
    if (Array.isArray(o.annotations)) {
      const hl = highlightsOf(o.annotations);
      if (hl.length) item.highlights = hl;
    }
    return withOptional(item, {
      content: o.content,
      lang: o.language,
      author: Array.isArray(o.published_by) ? o.published_by.filter((x) => typeof x === 'string').join(', ') : undefined,
      publishedAt: parseDate(o.published_at) ?? undefined,
    });
  });
}
