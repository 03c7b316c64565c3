// Linkwarden's backup: links grouped in collections (the collection becomes a tag); pinned links are
// the favourites.
import { checkUrl, str } from './item';
import { dateField, isObj, plainTitle, tagNames, withOptional, type JsonContext, type Obj } from './json-fields';
import { cleanTags } from './text';
import type { ImportItem } from './types';

export function readLinkwardenJson(ctx: JsonContext, root: Obj): void {
  const pinned = new Set<unknown>();
  if (Array.isArray(root.pinnedLinks)) for (const p of root.pinnedLinks) pinned.add(isObj(p) ? p.id : p);
  const cols = root.collections as unknown[];
  cols.forEach((c, ci) => {
    if (!isObj(c)) {
      ctx.errors.push({ where: `${ctx.file}#collections[${ci}]`, reason: 'not an object' });
      return;
    }
    const links = Array.isArray(c.links) ? c.links : [];
    const colName = str(c.name).trim();
    links.forEach((l, li) => {
      const where = `${ctx.file}#collections[${ci}].links[${li}]`;
      if (!isObj(l)) {
        ctx.errors.push({ where, reason: 'not an object' });
        return;
      }
      const url = checkUrl(l.url, where, ctx.errors);
      if (!url) return;
      const tags = tagNames(l.tags);
      // The collection is the user's grouping; "Unorganized" is Linkwarden's default one.
      if (colName && colName.toLowerCase() !== 'unorganized') tags.push(colName);
      const item: ImportItem = {
        url,
        title: plainTitle(l.name),
        tags: cleanTags(tags),
        savedAt: dateField(ctx, where, l.importDate || l.createdAt, 'createdAt'),
        status: 'unread',
        favorite: l.id !== undefined && pinned.has(l.id),
        where,
      };
      ctx.items.push(withOptional(item, { excerpt: l.description }));
    });
  });
}
