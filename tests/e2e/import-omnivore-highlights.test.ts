// An Omnivore export with highlights, imported in real Chromium as a person does (Import → Choose file):
// the report says where the highlights went; the article whose content came with the export shows its
// highlights drawn over the right words (across an <em>, across two paragraphs into a link, a note's
// marker), the notes panel lists them in reading order and the quote the text no longer holds under
// "Couldn't place", never drawn; the link-only article lists its highlight as waiting, and once the fetch
// queue brings its page the highlight is placed (keepAnchoring) and drawn. All highlights lists them all
// with their article's title; importing the file again adds nothing. The zip is built here the way
// Omnivore's exporter wrote it (metadata_<from>_to_<to>.json, content/<slug>.html, highlights/<slug>.md).
// Screenshots under test-results/screenshots/ for review.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, ROOT, serveGeneratedPages, type ExtensionSession } from './harness';

const SHOTS = join(ROOT, 'test-results/screenshots');

const MILLS_TITLE = 'The tide mills of the estuary';
const FERRY_TITLE = 'The last chain ferry';
const MILLS_SLUG = 'the-tide-mills-of-the-estuary-18f2a1b3c4d';
const FERRY_SLUG = 'the-last-chain-ferry-18f2a9e0b7a';

// Quotes as Omnivore stored them: plain text, paragraphs joined by "\n".
const Q_NOTE = 'Twelve tide mills still worked the estuary in 1900';
const NOTE = 'Compare with the 1900 county survey.';
const Q_EM = 'the mill pond filled through a one-way gate, and at low water it emptied through the wheel';
const Q_TWO_PARAS =
  'A miller might start work at two in the morning and stop at dawn, then start again in the afternoon.\nThe last working mill, at Eling, still grinds flour';
const Q_GONE = 'The mill was pulled down in 1962 to make room for a car park.';
const Q_FERRY = 'Chain ferries pull themselves across the river on two chains laid on the bed.';

// Omnivore's readable content: every element carries its anchor index.
const MILLS_HTML = `<DIV class="page" id="readability-page-1"><div data-omnivore-anchor-idx="1">
<h2 data-omnivore-anchor-idx="2">A working shore</h2>
<p data-omnivore-anchor-idx="3">Twelve tide mills still worked the estuary in 1900, grinding grain for the villages on both banks and for the bakers of the port.</p>
<p data-omnivore-anchor-idx="4">At high water the mill pond <em data-omnivore-anchor-idx="5">filled through a one-way gate</em>, and at low water it emptied through the wheel, turning the stones for four or five hours on every tide.</p>
<p data-omnivore-anchor-idx="6">The millers' hours followed the moon rather than the clock. A miller might start work at two in the morning and stop at dawn, then start again in the afternoon.</p>
<p data-omnivore-anchor-idx="7">The last working mill, at <a href="https://example.org/eling" data-omnivore-anchor-idx="8">Eling</a>, still grinds flour on summer weekends for visitors who come to watch the wheel turn.</p>
<p data-omnivore-anchor-idx="9">Restoring a tide mill is slow work: the oak of the wheel has to be cut green and shaped by hand, and the sluice gates rebuilt every generation.</p>
</div></DIV>`;

/** One highlight as Omnivore's exporter wrote it (api/src/utils/parser.ts highlightToMarkdown). */
function omnivoreMd(quote: string, labels: string[] = [], note = ''): string {
  const q = quote.replace(/^(?=\n)$|^\s*?\n/gm, '> '); // its formatHighlightQuote
  return `> ${q} ${labels.length ? `\n\n${labels.map((l) => `#${l}`).join(' ')}` : ''}${note ? `\n\n${note}` : ''}`;
}

function omnivoreZip(ferryUrl: string): Uint8Array {
  const meta = [
    {
      id: '0c6f3b0e-3f7e-4a8e-9d55-6a1f0e2b7c11',
      slug: MILLS_SLUG,
      title: MILLS_TITLE,
      description: 'How the estuary ground its grain with the tide.',
      author: 'Mara Lindqvist',
      url: 'https://coastal-history.example/tide-mills',
      state: 'Succeeded',
      readingProgress: 0,
      thumbnail: null,
      labels: ['history'],
      savedAt: '2024-10-20T09:00:00.000Z',
      updatedAt: '2024-10-21T10:00:00.000Z',
      publishedAt: '2024-10-18T00:00:00.000Z',
    },
    {
      id: '5d2e8f41-7b0a-4c39-8e6d-2f9a1c3b4d22',
      slug: FERRY_SLUG,
      title: FERRY_TITLE,
      description: null,
      author: null,
      url: ferryUrl,
      state: 'Succeeded',
      readingProgress: 0,
      thumbnail: null,
      labels: [],
      savedAt: '2024-10-22T09:00:00.000Z',
      updatedAt: '2024-10-22T09:00:00.000Z',
      publishedAt: null,
    },
  ];
  // Not in reading order, as Omnivore may list them; the panel sorts them by place.
  const millsMd = [omnivoreMd(Q_EM), omnivoreMd(Q_NOTE, ['history'], NOTE), omnivoreMd(Q_TWO_PARAS), omnivoreMd(Q_GONE)].join('\n\n');
  return zipSync({
    'metadata_0_to_2.json': strToU8(JSON.stringify(meta, null, 2)),
    [`content/${MILLS_SLUG}.html`]: strToU8(MILLS_HTML),
    [`highlights/${MILLS_SLUG}.md`]: strToU8(millsMd),
    // The ferry came without its content (a link Omnivore never parsed): Gist fetches it later.
    [`highlights/${FERRY_SLUG}.md`]: strToU8(omnivoreMd(Q_FERRY)),
  });
}

const FERRY_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${FERRY_TITLE}</title></head><body>
<header><nav><a href="/">Home</a> · <a href="/rivers">Rivers</a></nav></header>
<main><article><h1>${FERRY_TITLE}</h1><p class="byline">By Tomas Reyes</p>
<p>${Q_FERRY} The crossing takes four minutes, and the ferry has made it every quarter of an hour since 1926.</p>
<p>The chains sag to the river bed behind the ferry and rise from the water ahead of it, so ships can pass over them when the ferry is docked. Sailors learn to wait for the chains to settle before they cross.</p>
<p>On a busy summer day the ferry carries more than a thousand cars. The crew of three keeps a log of every crossing, and the log books go back to the first winter, when ice stopped the ferry for eleven days.</p>
<p>The town voted twice to replace the ferry with a bridge, and twice the money ran out. Now the ferry is the last of its kind on the river, and people come from far away just to ride it.</p>
</article></main><footer>River notes</footer></body></html>`;

const HIGHLIGHTS = `(async () => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('gist'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const all = await new Promise((ok, ko) => { const r = db.transaction('highlights').objectStore('highlights').getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  db.close();
  return all;
})()`;
interface StoredHighlight {
  id: string;
  articleId: number;
  quote: { exact: string };
  position: { start: number; end: number } | null;
  note: string | null;
  anchor: 'placed' | 'unplaced' | 'waiting';
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('an Omnivore export with highlights, imported and read in Chromium', () => {
  let s: ExtensionSession;
  let server: Awaited<ReturnType<typeof serveGeneratedPages>>;
  let page: Page;
  let tmp: string;
  let file: string;
  const stored = async () => (await page.evaluate(HIGHLIGHTS)) as StoredHighlight[];
  const byQuote = async (q: string) => {
    const h = (await stored()).find((x) => squash(x.quote.exact) === squash(q));
    if (!h) throw new Error(`no stored highlight for "${q}"`);
    return h;
  };
  const markText = (id: string) =>
    page
      .locator(`mark[data-hl-id="${id}"]`)
      .allTextContents()
      .then((t) => t.join(''));
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

  /** Import → Choose file…, as a person picks it; returns the new report's summary. */
  async function importFile(path: string): Promise<string> {
    if (!(await page.getByTestId('import-export-panel').count())) {
      await page.getByTestId('import-export').click();
      await page.getByTestId('import-export-panel').waitFor();
    }
    const summary = page.getByTestId('import-summary');
    const before = (await summary.count()) ? await summary.textContent() : null;
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-choose').click()]);
    await chooser.setFiles(path);
    await expect
      .poll(
        async () =>
          (await page.getByTestId('import-progress').count()) === 0 &&
          (await summary.count()) > 0 &&
          (await summary.textContent()) !== before,
        { timeout: 30_000 },
      )
      .toBe(true);
    return (await summary.textContent()) ?? '';
  }
  async function closePanel() {
    await page.getByTestId('import-export-close').click();
    await page.getByTestId('import-export-panel').waitFor({ state: 'detached' });
  }
  async function openArticle(title: string) {
    await page.getByTestId('view-unread').click();
    await page.getByTestId('article-row').filter({ hasText: title }).locator('.row-main').click();
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe(title);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'gist-omnivore-e2e-'));
    server = await serveGeneratedPages({ 'chain-ferry.html': FERRY_PAGE });
    file = join(tmp, 'omnivore-export-2024-10-29.zip');
    writeFileSync(file, omnivoreZip(server.url('chain-ferry.html')));
    s = await launchWithExtension();
    page = await s.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(s.extUrl('library.html'));
    await page.waitForSelector('[data-testid=list-area]', { timeout: 20_000 });
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the import report says how many highlights were placed in the text, are waiting, and could not be placed', async () => {
    const summary = await importFile(file);
    expect(summary).toContain('omnivore-export-2024-10-29.zip (omnivore): 2 imported');
    expect(summary).toContain(
      "5 highlights imported: 3 placed in the text, 1 waiting for the page to be fetched, 1 couldn't be placed (listed with their text)",
    );
    // Stored as the report says, before any reader opened the article (the import anchored them).
    const all = await stored();
    expect(all).toHaveLength(5);
    const anchorOf = async (q: string) => (await byQuote(q)).anchor;
    expect(await anchorOf(Q_NOTE)).toBe('placed');
    expect(await anchorOf(Q_EM)).toBe('placed');
    expect(await anchorOf(Q_TWO_PARAS)).toBe('placed');
    expect(await anchorOf(Q_GONE)).toBe('unplaced');
    expect(await anchorOf(Q_FERRY)).toBe('waiting');
    expect((await byQuote(Q_NOTE)).note).toBe(NOTE);
    expect(all.filter((h) => h.note).map((h) => h.note)).toEqual([NOTE]); // labels are not notes
    await expect.poll(() => page.getByTestId('view-highlights').locator('.count').textContent()).toBe('5');
  });

  it('in the reader the placed highlights are drawn over their words, the panel lists them in reading order and the lost quote apart', async () => {
    await closePanel();
    await openArticle(MILLS_TITLE);
    const body = page.getByTestId('reader-body');
    await expect.poll(() => body.textContent()).toContain('one-way gate');
    const [note, em, two, gone] = await Promise.all([Q_NOTE, Q_EM, Q_TWO_PARAS, Q_GONE].map(byQuote));
    await expect.poll(() => markText(em.id), { timeout: 15_000 }).toBe(Q_EM);
    // Across the <em>: one piece of the highlight inside it.
    expect(await body.locator(`em mark[data-hl-id="${em.id}"]`).allTextContents()).toEqual(['filled through a one-way gate']);
    expect(await markText(note.id)).toBe(Q_NOTE);
    expect(await page.locator(`mark[data-hl-id="${note.id}"].hl-has-note`).count()).toBe(1);
    expect(await page.locator(`mark.hl-has-note`).count()).toBe(1);
    // Across two paragraphs and into the link.
    expect(await markText(two.id)).toBe(Q_TWO_PARAS.replace('\n', ''));
    expect(await body.locator(`a mark[data-hl-id="${two.id}"]`).allTextContents()).toEqual(['Eling']);
    const paras = await body.locator(`p:has(mark[data-hl-id="${two.id}"])`).count();
    expect(paras).toBe(2);
    // The quote the text does not hold is never drawn.
    expect(await page.locator(`mark[data-hl-id="${gone.id}"]`).count()).toBe(0);
    expect(await page.locator('mark[data-hl-id]').evaluateAll((ms) => new Set(ms.map((m) => m.getAttribute('data-hl-id'))).size)).toBe(3);

    await expect.poll(() => page.getByTestId('notes-button').textContent()).toBe('Notes4');
    await page.getByTestId('notes-button').click();
    const panel = page.getByTestId('highlights-panel');
    await panel.waitFor();
    const items = (await panel.getByTestId('highlight-item').locator('.hl-panel-quote').allTextContents()).map(squash);
    expect(items).toEqual([Q_NOTE, Q_EM, Q_TWO_PARAS].map(squash));
    expect(squash((await panel.getByTestId('highlight-item').first().textContent()) ?? '')).toContain(NOTE);
    const unplaced = panel.getByTestId('highlights-unplaced');
    expect(await unplaced.locator('h3').textContent()).toBe("Couldn't place");
    expect(await unplaced.locator('.hl-panel-quote').allTextContents()).toEqual([Q_GONE]);
    expect(await panel.getByTestId('highlights-waiting').count()).toBe(0);
    await page.locator(`mark[data-hl-id="${em.id}"]`).first().scrollIntoViewIfNeeded();
    await shot('omnivore-import-reader-panel');
  });

  it('the link-only article lists its highlight as waiting for the article’s text', async () => {
    await page.getByRole('button', { name: '← Library' }).click();
    await openArticle(FERRY_TITLE);
    await page.getByTestId('not-downloaded').waitFor();
    const waiting = page.getByTestId('highlights-panel').getByTestId('highlights-waiting');
    await waiting.waitFor();
    expect(await waiting.locator('h3').textContent()).toBe("Waiting for the article's text");
    expect(await waiting.locator('.hl-panel-quote').allTextContents()).toEqual([Q_FERRY]);
    expect(await page.locator('mark[data-hl-id]').count()).toBe(0);
    await shot('omnivore-import-waiting');
  });

  it('All highlights lists every one with its article’s title and where it stands', async () => {
    await page.getByRole('button', { name: '← Library' }).click();
    await page.getByTestId('view-highlights').click();
    await page.getByTestId('highlight-list').waitFor();
    const rows = page.getByTestId('highlight-row');
    await expect.poll(() => rows.count()).toBe(5);
    const listed = await rows.evaluateAll((els) =>
      els.map((e) => ({
        quote: e.querySelector('.hl-text')?.textContent ?? '',
        title: e.querySelector('.hl-article')?.textContent ?? '',
        anchor: e.querySelector('[data-testid=highlight-anchor]')?.textContent ?? '',
      })),
    );
    // Newest first: the ferry was saved later; the mills' highlights (undated in the file, so of the
    // article's save time) in reading order, the one not placed last.
    expect(listed.map((l) => ({ ...l, quote: squash(l.quote) }))).toEqual([
      { quote: Q_FERRY, title: FERRY_TITLE, anchor: 'page not downloaded yet' },
      { quote: Q_NOTE, title: MILLS_TITLE, anchor: '' },
      { quote: Q_EM, title: MILLS_TITLE, anchor: '' },
      { quote: squash(Q_TWO_PARAS), title: MILLS_TITLE, anchor: '' },
      { quote: Q_GONE, title: MILLS_TITLE, anchor: 'couldn’t place in the text' },
    ]);
    await shot('omnivore-import-all-highlights');
  });

  it('importing the same file again adds no highlight; the report says nothing new', async () => {
    const before = await stored();
    await page.getByTestId('view-unread').click();
    const summary = await importFile(file);
    expect(summary).toContain('0 imported · 0 merged into existing articles · 2 duplicates');
    expect(summary).not.toContain('highlight');
    const rows = await page.getByTestId('import-report-rows').locator('li').allTextContents();
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatch(/^duplicate .*: already in the library; nothing new(;|$)/); // (reading progress kept, if read since)
    expect(await stored()).toEqual(before);
    await expect.poll(() => page.getByTestId('view-highlights').locator('.count').textContent()).toBe('5');
  });

  it('once the fetch queue brings the link-only page, its highlight is placed without opening it, then drawn', async () => {
    const queue = page.getByTestId('queue-section');
    await page.getByTestId('queue-start').click();
    await expect
      .poll(async () => (await queue.getAttribute('data-pending')) === '0' && (await queue.getAttribute('data-running')) === '0', {
        timeout: 60_000,
      })
      .toBe(true);
    // The open library anchors what the queue downloaded (keepAnchoring), before anyone opens it.
    await expect.poll(async () => (await byQuote(Q_FERRY)).anchor, { timeout: 15_000 }).toBe('placed');
    const ferry = await byQuote(Q_FERRY);
    expect(ferry.position).not.toBeNull();
    await closePanel();
    await openArticle(FERRY_TITLE);
    await expect.poll(() => markText(ferry.id), { timeout: 15_000 }).toBe(Q_FERRY);
    expect(await page.getByTestId('highlights-panel').getByTestId('highlights-waiting').count()).toBe(0);
    expect(await page.getByTestId('highlights-panel').getByTestId('highlight-item').allTextContents()).toEqual([
      expect.stringContaining(Q_FERRY),
    ]);
    await shot('omnivore-import-fetched');
  });
});
