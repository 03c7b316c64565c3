// Bodies: an article's HTML and its plain text live in two tables (`contents`, `texts`; schema 7) so
// the search index and snippets read the text without deserialising the HTML. Every write of a body
// goes through here and writes both rows; readers that need only one side read only that table.
import type { ContentRecord, GistDB } from './schema';

/** The two body tables: the db's, or a transaction's (`tx.table(...)`, as imports bind them). */
export type BodyTables = Pick<GistDB, 'contents' | 'texts'>;

/** The tables a transaction writing or reading whole bodies must cover. */
export const bodyTables = (db: BodyTables) => [db.contents, db.texts];

export async function putBody(db: BodyTables, c: ContentRecord): Promise<void> {
  await db.contents.put({ articleId: c.articleId, html: c.html });
  await db.texts.put({ articleId: c.articleId, text: c.text });
}

export async function bulkPutBodies(db: BodyTables, rows: ContentRecord[]): Promise<void> {
  if (!rows.length) return;
  await db.contents.bulkPut(rows.map((c) => ({ articleId: c.articleId, html: c.html })));
  await db.texts.bulkPut(rows.map((c) => ({ articleId: c.articleId, text: c.text })));
}

/** Undefined when the article has no stored body (an import waiting for its fetch). */
export async function getBody(db: BodyTables, id: number): Promise<ContentRecord | undefined> {
  return (await bulkGetBodies(db, [id]))[0];
}

/** Bodies by article id, in the order asked. */
export async function bulkGetBodies(db: BodyTables, ids: number[]): Promise<(ContentRecord | undefined)[]> {
  const [html, text] = await Promise.all([db.contents.bulkGet(ids), db.texts.bulkGet(ids)]);
  return ids.map((articleId, k) => {
    const h = html[k];
    const t = text[k];
    return h || t ? { articleId, html: h?.html ?? '', text: t?.text ?? '' } : undefined;
  });
}

export async function deleteBody(db: BodyTables, id: number): Promise<void> {
  await db.contents.delete(id);
  await db.texts.delete(id);
}

/** Plain-text bodies by article id, in the order asked (undefined when not stored). */
export async function textsOf(db: Pick<GistDB, 'texts'>, ids: number[]): Promise<(string | undefined)[]> {
  const rows = await db.texts.bulkGet(ids);
  return rows.map((r) => r?.text);
}
