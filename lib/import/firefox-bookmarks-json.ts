// Firefox's JSON bookmark backup: `dateAdded` in µs since the Unix epoch, tags as "a,b".
import { checkUrl } from './item';
import { dateField, isObj, plainTitle, type JsonContext, type Obj } from './json-fields';
import { splitTags } from './text';

export function readFirefoxBookmarks(ctx: JsonContext, root: Obj): void {
  const walk = (node: unknown, path: string) => {
    if (!isObj(node)) return;
    if (node.type === 'text/x-moz-place' && typeof node.uri === 'string') {
      const where = `${ctx.file}#${path}`;
      const url = checkUrl(node.uri, where, ctx.errors);
      if (!url) return;
      ctx.items.push({
        url,
        title: plainTitle(node.title),
        tags: splitTags(node.tags, ','),
        savedAt: dateField(ctx, where, node.dateAdded, 'dateAdded'),
        status: 'unread',
        favorite: false,
        where,
      });
    }
    if (Array.isArray(node.children)) node.children.forEach((c, i) => walk(c, `${path}/${i}`));
  };
  walk(root, 'root');
}
