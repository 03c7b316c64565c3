// Karakeep's (formerly Hoarder) export: only link bookmarks are web pages; lists become tags.
import { bool, checkUrl, str } from './item';
import { dateField, eachObject, isObj, plainTitle, tagNames, withOptional, type JsonContext, type Obj } from './json-fields';
import { cleanTags } from './text';
import type { ImportItem } from './types';

export function readKarakeepJson(ctx: JsonContext, root: Obj): void {
  const listNames = new Map<string, string>();
  if (Array.isArray(root.lists)) for (const l of root.lists) if (isObj(l)) listNames.set(str(l.id), str(l.name));
  eachObject(ctx, root.bookmarks as unknown[], undefined, (o, where) => {
    const content = isObj(o.content) ? o.content : null;
    if (content && content.type !== 'link') {
      ctx.errors.push({ where, reason: `a ${str(content.type) || 'non-link'} bookmark (no web page to save)` });
      return null;
    }
    const url = checkUrl(content?.url ?? o.url, where, ctx.errors);
    if (!url) return null;
    const lists = Array.isArray(o.lists) ? o.lists.map((x) => listNames.get(str(x)) ?? (isObj(x) ? x.name : x)) : [];
    const item: ImportItem = {
      url,
      title: plainTitle(o.title),
      tags: cleanTags([...tagNames(o.tags), ...lists]),
      savedAt: dateField(ctx, where, o.createdAt, 'createdAt'),
      status: bool(o.archived) ? 'archived' : 'unread',
      favorite: bool(o.favourited ?? o.favorite),
      where,
    };
    return withOptional(item, { excerpt: o.note });
  });
}
