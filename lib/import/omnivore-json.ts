// Omnivore's metadata_*.json: articles marked deleted are reported, not imported; an export zip adds
// each article's content and highlights by slug (see parse-import), merged after the inline ones.
import type { Highlight } from '../db/schema';
import { parseDate } from './dates';
import { checkUrl, progress, str } from './item';
import { dateField, eachObject, highlightsOf, plainTitle, tagNames, withOptional, type JsonContext } from './json-fields';
import type { ImportItem } from './types';

export interface OmnivoreExtras {
  content?: (slug: string) => string | undefined;
  highlights?: (slug: string) => Highlight[] | undefined;
}

export function readOmnivoreJson(ctx: JsonContext, arr: unknown[], indexes: number[] | undefined, extras: OmnivoreExtras): void {
  eachObject(ctx, arr, indexes, (o, where) => {
    const state = str(o.state);
    if (/^deleted$/i.test(state)) {
      ctx.errors.push({ where, reason: 'deleted in Omnivore (state "Deleted"): not imported' });
      return null;
    }
    const url = checkUrl(o.url, where, ctx.errors);
    if (!url) return null;
    const item: ImportItem = {
      url,
      title: plainTitle(o.title),
      tags: tagNames(o.labels),
      savedAt: dateField(ctx, where, o.savedAt, 'savedAt'),
      status: /^archived$/i.test(state) ? 'archived' : 'unread',
      favorite: false,
      where,
    };
    const p = progress(o.readingProgress, true);
    if (p !== undefined) item.progress = p;
    const slug = str(o.slug);
    const inline = Array.isArray(o.highlights) ? highlightsOf(o.highlights) : [];
    const hl = [...inline, ...((slug && extras.highlights?.(slug)) || [])];
    if (hl.length) item.highlights = hl;
    return withOptional(item, {
      excerpt: o.description,
      author: o.author,
      publishedAt: parseDate(o.publishedAt) ?? undefined,
      content: (slug && extras.content?.(slug)) || o.content,
    });
  });
}
