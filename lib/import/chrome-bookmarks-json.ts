// Chrome's profile `Bookmarks` file: a tree of folders under `roots`; dates are µs since 1601-01-01,
// as strings.
import { epochToIso } from './dates';
import { checkUrl } from './item';
import { isObj, plainTitle, type JsonContext, type Obj } from './json-fields';

export function readChromeBookmarks(ctx: JsonContext, root: Obj): void {
  const EPOCH_1601_MS = 11_644_473_600_000;
  const walk = (node: unknown, path: string) => {
    if (!isObj(node)) return;
    if (node.type === 'url') {
      const where = `${ctx.file}#${path}`;
      const url = checkUrl(node.url, where, ctx.errors);
      if (!url) return;
      const us = Number(node.date_added);
      const savedAt = Number.isFinite(us) && us > 0 ? epochToIso(us / 1000 - EPOCH_1601_MS) : undefined;
      if (savedAt === null)
        ctx.errors.push({ where, reason: `unreadable date_added ${JSON.stringify(node.date_added)}; saved date left empty` });
      ctx.items.push({ url, title: plainTitle(node.name), tags: [], savedAt: savedAt ?? null, status: 'unread', favorite: false, where });
    }
    if (Array.isArray(node.children)) node.children.forEach((c, i) => walk(c, `${path}/${i}`));
  };
  for (const [k, v] of Object.entries(root.roots as Obj)) walk(v, k);
}
