import { liveQuery } from 'dexie';
import type { GistDB } from '../../lib/db/schema';
import { deleteArticle, getReadable, listArticles, restoreArticle, updateArticle } from '../../lib/db/articles';
import type { LibraryConnector } from '../../components/library/library-connector';

// The library is an extension page: it shares the extension origin's database and reads it directly.
export function dexieConnector(db: GistDB): LibraryConnector {
  return {
    subscribe(cb, onError) {
      const sub = liveQuery(() => listArticles(db)).subscribe({ next: cb, error: onError });
      return () => sub.unsubscribe();
    },
    async readable(id) {
      const r = await getReadable(db, id);
      if (!r) return undefined;
      return { article: r.article, html: r.content?.html ?? '', images: new Map(r.images.map((i) => [i.src, i.blob])) };
    },
    setStatus: (id, status) => updateArticle(db, id, { status }),
    setFavorite: (id, favorite) => updateArticle(db, id, { favorite: favorite ? 1 : 0 }),
    remove: (id) => deleteArticle(db, id),
    restore: (snap) => restoreArticle(db, snap),
  };
}
