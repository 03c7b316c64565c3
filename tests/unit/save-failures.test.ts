// @vitest-environment node
// A save either stores the whole article (record, body, images) or nothing, and a full disk or an
// unopenable database gives a sentence a person understands while everything saved before stays.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import { getReadable, saveArticle } from '../../lib/db/articles';
import { saveExtraction, type SaveDeps, type TabExtraction } from '../../lib/save/save-article';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { analyzePage } from '../../lib/save/analyze-page';
import { classifyError, humanError } from '../../lib/messaging/errors';
import { describeError } from '../../components/library/errors';

const { window } = new JSDOM('<!doctype html><body></body>');

function extraction(url: string, title: string, images: string[] = []): TabExtraction {
  const imgs = images.map((src) => `<img src="${src}" alt="">`).join('');
  return {
    url,
    detection: { isArticle: true, wordCount: 300 } as TabExtraction['detection'],
    article: {
      title,
      byline: null,
      siteName: 'Example',
      lang: 'en',
      publishedTime: null,
      excerpt: 'An excerpt.',
      content: `<p>${title} body text <a href="/next" onclick="steal()">next</a></p>${imgs}<script>alert(1)</script>`,
      text: `${title} body text next`,
      canonicalUrl: null,
      images,
      publisherTags: [],
    },
  };
}

function deps(db: GistDB, overrides: Partial<SaveDeps> = {}): SaveDeps {
  return {
    db,
    prepareHtml: async (html, base) => prepareStoredHtml(html, window as unknown as Window, base),
    analyzePage: async (req) => analyzePage(req),
    fetchImage: async (src) => new Blob([`img:${src}`], { type: 'image/png' }),
    ...overrides,
  };
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Tables whose writes fail like a full disk (a Dexie middleware reads it; middleware must be set before open). */
const fullDiskTables = new WeakMap<GistDB, Set<string>>();
function fullDisk(db: GistDB, tables: string[]) {
  for (const t of tables) fullDiskTables.get(db)!.add(t);
}

async function snapshot(db: GistDB) {
  const articles = await db.articles.toArray();
  const contents = await db.contents.toArray();
  const texts = await db.texts.toArray();
  const images = await Promise.all((await db.images.toArray()).map(async (i) => ({ ...i, blob: await i.blob.text() })));
  return { articles, contents, texts, images };
}

async function freshDb(): Promise<GistDB> {
  const db = openDb('gist', { indexedDB: new IDBFactory(), IDBKeyRange });
  const failing = new Set<string>();
  fullDiskTables.set(db, failing);
  db.use({
    stack: 'dbcore',
    name: 'full-disk',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          mutate: (req) => (failing.has(name) && (req.type === 'add' || req.type === 'put') ? Promise.reject(quotaError()) : t.mutate(req)),
        };
      },
    }),
  });
  await db.open();
  return db;
}

describe('saving', () => {
  it('stores record, sanitized body and images together', async () => {
    const db = await freshDb();
    const r = await saveExtraction(
      extraction('https://a.example/one', 'One', ['https://a.example/1.png', 'https://cdn.example/2.png']),
      undefined,
      deps(db),
    );
    expect(r).toMatchObject({ created: true, images: 2, imagesFailed: 0 });
    const stored = await getReadable(db, r.id);
    expect(stored?.images.map((i) => i.src).sort()).toEqual(['https://a.example/1.png', 'https://cdn.example/2.png']);
    expect(stored?.content?.html).not.toMatch(/script|onclick/i);
    expect(stored?.content?.html).toContain('href="https://a.example/next"');
    expect(stored?.content?.html).toContain('rel="noopener noreferrer"');
  });

  it('writes nothing when the transaction fails part-way (images refused after the article was added)', async () => {
    const db = await freshDb();
    await saveExtraction(extraction('https://a.example/keep', 'Keep', ['https://a.example/k.png']), undefined, deps(db));
    const before = await snapshot(db);
    fullDisk(db, ['images']);
    await expect(
      saveExtraction(extraction('https://a.example/new', 'New', ['https://a.example/n.png']), undefined, deps(db)),
    ).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });

  it('a failed re-save of an existing article keeps its old body and images', async () => {
    const db = await freshDb();
    const first = await saveExtraction(extraction('https://a.example/re', 'Old title', ['https://a.example/old.png']), undefined, deps(db));
    const before = await snapshot(db);
    fullDisk(db, ['contents']);
    await expect(
      saveExtraction(extraction('https://a.example/re', 'New title', ['https://a.example/new.png']), undefined, deps(db)),
    ).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
    expect((await getReadable(db, first.id))?.article.title).toBe('Old title');
  });

  it('a full disk gives a human message and loses nothing already saved', async () => {
    const db = await freshDb();
    for (let i = 0; i < 3; i++)
      await saveExtraction(extraction(`https://a.example/${i}`, `Article ${i}`, [`https://a.example/${i}.png`]), undefined, deps(db));
    const before = await snapshot(db);
    fullDisk(db, ['articles', 'contents', 'images']);
    const err = await saveExtraction(extraction('https://a.example/big', 'Big', ['https://a.example/big.png']), undefined, deps(db)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(classifyError(err)).toBe('quota');
    const msg = humanError(err);
    expect(msg).toMatch(/disk is full/i);
    expect(msg).toMatch(/already in your library are safe/i);
    expect(msg).not.toMatch(/QuotaExceededError|DOMException|Dexie|at \w+ \(/);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.articles.count()).toBe(3);
  });

  it('a plain add that throws QuotaExceededError (no Dexie wrapping) reads the same', async () => {
    const db = await freshDb();
    await saveArticle(db, {
      url: 'https://a.example/x',
      originalUrl: 'https://a.example/x',
      title: 'X',
      byline: null,
      siteName: null,
      lang: null,
      publishedTime: null,
      excerpt: null,
      html: '<p>x</p>',
      text: 'x',
      tags: [],
      tagCandidates: [],
      tagsEdited: false,
      wordCount: 1,
      cjkChars: 0,
      imageCount: 0,
      readingMinutes: 1,
      images: [],
    });
    const add = db.articles.add.bind(db.articles);
    db.articles.add = (() => Promise.reject(quotaError())) as unknown as typeof db.articles.add;
    const err = await saveExtraction(extraction('https://a.example/y', 'Y'), undefined, deps(db)).catch((e: unknown) => e);
    db.articles.add = add;
    expect(humanError(err)).toMatch(/disk is full/i);
    expect((await db.articles.toArray()).map((a) => a.url)).toEqual(['https://a.example/x']);
  });

  it('image download failures still save the article and are counted', async () => {
    const db = await freshDb();
    const r = await saveExtraction(
      extraction('https://a.example/imgs', 'Imgs', ['https://a.example/ok.png', 'https://a.example/bad.png']),
      undefined,
      deps(db, { fetchImage: async (src) => (src.includes('bad') ? null : new Blob(['x'], { type: 'image/png' })) }),
    );
    expect(r).toMatchObject({ images: 1, imagesFailed: 1 });
  });

  it('a page with no article fails with a clear message and writes nothing', async () => {
    const db = await freshDb();
    const ex: TabExtraction = {
      url: 'https://a.example/',
      detection: { isArticle: false, wordCount: 0 } as TabExtraction['detection'],
      article: null,
      error: 'Could not find readable text on this page.',
    };
    await expect(saveExtraction(ex, undefined, deps(db))).rejects.toThrow('Could not find readable text on this page.');
    expect(await db.articles.count()).toBe(0);
  });
});

describe('database open failures', () => {
  it('private mode (IndexedDB refuses to open) gives a human message', async () => {
    const refusing = new IDBFactory();
    refusing.open = () => {
      throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    };
    const db = openDb('gist', { indexedDB: refusing, IDBKeyRange });
    const err = await db.articles.count().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(classifyError(err)).toBe('db-open');
    expect(humanError(err, 'open your library')).toMatch(/could not open its library database.*private windows/i);
  });

  it('a corrupted profile (open request errors) gives the same message', async () => {
    const real = new IDBFactory();
    // Chromium fails the open request of a damaged LevelDB with an UnknownError.
    const broken = {
      open() {
        const req: Record<string, unknown> = {
          error: new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError'),
          readyState: 'done',
        };
        setTimeout(() =>
          (req.onerror as ((e: unknown) => void) | undefined)?.({ target: req, type: 'error', preventDefault() {}, stopPropagation() {} }),
        );
        return req;
      },
      deleteDatabase: real.deleteDatabase.bind(real),
      cmp: real.cmp.bind(real),
      databases: real.databases.bind(real),
    } as unknown as IDBFactory;
    const db = openDb('gist', { indexedDB: broken, IDBKeyRange });
    const err = await db.open().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(classifyError(err)).toBe('db-open');
    expect(humanError(err)).toMatch(/could not open its library database/);
  });

  it('a library written by a newer Gist (extension downgraded) still opens with its articles', async () => {
    const indexedDB = new IDBFactory();
    const newer = new Dexie('gist', { indexedDB, IDBKeyRange });
    newer.version(99).stores({
      articles: '++id, &url, savedAt, updatedAt, status, favorite, *tags, siteName, readingMinutes, readAt',
      contents: 'articleId',
      images: '++id, articleId',
      notes: '++id',
    });
    await newer.open();
    await newer.table('articles').add({ url: 'https://a.example/n', title: 'From the future', savedAt: 1, tags: ['t'] });
    newer.close();
    const db = openDb('gist', { indexedDB, IDBKeyRange });
    expect((await db.articles.toArray()).map((a) => a.title)).toEqual(['From the future']);
    expect(await db.articles.where('tags').equals('t').count()).toBe(1);
  });

  it('the library page words an unopenable database the same way, and a full disk as before', () => {
    const err = Object.assign(new Error('Dexie open failed'), {
      name: 'OpenFailedError',
      inner: new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError'),
    });
    expect(describeError('open your library', err)).toMatch(/could not open its library database, so it could not open your library/);
    expect(describeError('import', quotaError())).toMatch(/disk is full/i);
  });

  it('a VersionError reads as an update message', () => {
    const err = Object.assign(new Error('Database version mismatch'), {
      name: 'OpenFailedError',
      inner: new DOMException('The requested version (10) is less than the existing version (70).', 'VersionError'),
    });
    expect(classifyError(err)).toBe('db-version');
    expect(humanError(err)).toMatch(/newer version of Gist/);
  });

  it('a worker stopped mid-save reads as an interruption, not a crash', () => {
    expect(humanError(new Error('The message port closed before a response was received.'))).toMatch(
      /interrupted.*nothing was half-saved/i,
    );
    expect(humanError('Error: Could not establish connection. Receiving end does not exist.')).toMatch(/interrupted/);
    // Chrome's words when the service worker is stopped while a listener owes an answer.
    expect(
      humanError(
        new Error(
          'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
        ),
      ),
    ).toMatch(/interrupted/);
  });

  it('other errors keep their own message, shortened', () => {
    expect(humanError(new Error('Gist can only save web pages (http or https).'))).toBe('Gist can only save web pages (http or https).');
    expect(humanError(new Error('x'.repeat(1000))).length).toBeLessThanOrEqual(300);
  });
});
