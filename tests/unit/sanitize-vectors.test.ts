// @vitest-environment node
// Every payload of the shared XSS corpus through the article sanitizer (jsdom), then structural proof
// that nothing in the output can run once re-parsed the way the reader inserts it (mutation XSS).
// Each payload goes through alone (a failure names its line and payload; ~7 ms each), then in batches
// of 40, ordered so that a payload which swallows the rest of the input as text (unclosed <textarea>,
// <!--…) is always last: every payload reaches the parser as markup next to others. Every 40th payload
// also goes along the save → store → render chain; GIST_XSS_FULL=1 does that for all of them.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sanitizeArticleFragment, sanitizeArticleHtml } from '../../lib/sanitize/sanitize-html';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { auditArticleDom } from '../../lib/sanitize/dom-audit';
import { describeCorpus, sharedPath } from './corpus';

const VECTORS = sharedPath('corpora/xss-vectors/vectors.jsonl');
const FULL = process.env.GIST_XSS_FULL === '1';

interface Vector {
  id: string;
  payload: string;
  line: number;
}

const { window } = new JSDOM('<!doctype html><body></body>', { url: 'https://reader.example/' });
const win = window as unknown as Window;
/** How the reader inserts sanitized HTML (jsdom runs no script and loads nothing). */
const render = (html: string) => {
  const box = window.document.createElement('div');
  box.innerHTML = html;
  return box;
};

describeCorpus('XSS corpus through sanitizeArticleHtml', VECTORS, () => {
  const vectors: Vector[] = readFileSync(VECTORS, 'utf8')
    .split('\n')
    .map((l, i) => (l ? { ...(JSON.parse(l) as Omit<Vector, 'line'>), line: i + 1 } : null))
    .filter((v): v is Vector => v !== null);
  const swallows = (p: string) => {
    const box = render(`${p}<b id="gist-probe"></b>`);
    return !box.querySelector('#gist-probe');
  };

  it('has all 7,893 payloads', () => {
    expect(vectors.length).toBe(7893);
  });

  it('leaves no executable or active markup for every payload sanitized on its own', async () => {
    const failures: string[] = [];
    const started = performance.now();
    for (const [i, v] of vectors.entries()) {
      // Minutes of synchronous work would starve the worker's link to Vitest ("Timeout calling onTaskUpdate").
      if (i % 250 === 0) await new Promise((r) => setImmediate(r));
      const problems = auditArticleDom(render(sanitizeArticleHtml(`<article><p>before</p>${v.payload}<p>after</p></article>`, win)));
      if (problems.length)
        failures.push(`line ${v.line} (${v.id}): ${problems.join('; ')}\n    payload: ${JSON.stringify(v.payload).slice(0, 300)}`);
    }
    console.log(
      `sanitize-vectors: ${vectors.length} payloads each on its own in ${((performance.now() - started) / 1000).toFixed(1)} s, ${failures.length} unsafe outputs`,
    );
    expect(failures, `${failures.length} payloads left executable markup:\n${failures.join('\n')}`).toEqual([]);
  }, 600_000);

  it('leaves no executable or active markup, payloads in batches', async () => {
    const closers = vectors.filter((v) => !swallows(v.payload));
    const swallowers = vectors.filter((v) => swallows(v.payload));
    const n = Math.max(swallowers.length, Math.ceil(closers.length / 39));
    const per = Math.ceil(closers.length / n);
    const failures: string[] = [];
    let payloads = 0;
    for (let i = 0; i < n; i++) {
      if (i % 5 === 0) await new Promise((r) => setImmediate(r));
      const batch = closers.slice(i * per, (i + 1) * per).concat(swallowers[i] ? [swallowers[i]] : []);
      if (!batch.length) continue;
      const html = `<article>${batch.map((v) => `<div><p>${v.id}</p>${v.payload}</div>`).join('')}</article>`;
      const out = sanitizeArticleHtml(html, win);
      const problems = auditArticleDom(render(out));
      if (problems.length) failures.push(`batch lines ${batch.map((v) => v.line).join(',')}: ${problems.slice(0, 5).join('; ')}`);
      // Sanitizing is idempotent: what the reader sanitizes again comes out the same.
      if (sanitizeArticleHtml(out, win) !== out) failures.push(`batch ${batch[0].id}…: not idempotent`);
      payloads += batch.length;
    }
    console.log(
      `sanitize-vectors: ${payloads} payloads in ${n} batches (${swallowers.length} swallow the rest of their input), ${failures.length} unsafe outputs`,
    );
    expect(failures).toEqual([]);
    expect(payloads).toBe(vectors.length);
  }, 600_000);

  it(`leaves no executable markup for ${FULL ? 'every' : 'every 40th'} payload alone, through save → store → render`, async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [i, v] of vectors.entries()) {
      if (!FULL && i % 40 !== 0) continue;
      // Keeps the worker answering Vitest (see above).
      if (checked % 10 === 0) await new Promise((r) => setImmediate(r));
      const html = `<article><p>before</p>${v.payload}<p>after</p></article>`;
      const once = sanitizeArticleHtml(html, win);
      const stored = prepareStoredHtml(html, win, 'https://news.example/a/story.html').html;
      const rendered = sanitizeArticleHtml(stored, win);
      for (const [stage, out] of [
        ['sanitize', once],
        ['stored', stored],
        ['render', rendered],
      ] as const) {
        const problems = auditArticleDom(render(out));
        if (problems.length) failures.push(`line ${v.line} (${v.id}) [${stage}]: ${problems.join('; ')}`);
      }
      // What the reader inserts: the sanitizer's own nodes (replaceChildren), no second parse.
      const box = window.document.createElement('div');
      box.replaceChildren(sanitizeArticleFragment(stored, win));
      const inserted = auditArticleDom(box);
      if (inserted.length) failures.push(`${v.id} [fragment]: ${inserted.join('; ')}`);
      if (box.innerHTML !== rendered) failures.push(`${v.id} [fragment]: differs from the string sanitizer`);
      checked++;
    }
    console.log(`sanitize-vectors: ${checked} payloads alone through sanitize, store and render, ${failures.length} unsafe outputs`);
    expect(failures.slice(0, 20)).toEqual([]);
  }, 600_000);
});

// Hand-written markup: needs no corpus.
describe('sanitizeArticleHtml on ordinary article markup', () => {
  it('keeps ordinary article markup and applies the link policy', () => {
    const out = render(
      sanitizeArticleHtml(
        '<h2 id="x" class="c" style="color:red">Head</h2><p>Text <a href="https://a.example/p" target="_self">out</a> <a href="#n">note</a> ' +
          '<a href=" java&#9;script:alert(1)">bad</a> <a href="mailto:x@example.org">mail</a></p>' +
          '<figure><img src="https://a.example/i.png" srcset="https://a.example/i2.png 2x" alt="pic" width="10"><figcaption>Cap</figcaption></figure>' +
          '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg"><img src="data:image/png;base64,iVBORw0KGgo=" alt="png">' +
          '<picture><source srcset="javascript:alert(1) 1x" type="image/webp"><source srcset="https://a.example/ok.webp 1x" type="image/webp"><img src="/rel.png"></picture>' +
          '<ol type="a" start="3"><li>one</li></ol><table><tr><td colspan="2">cell</td></tr></table><blockquote cite="javascript:alert(1)">q</blockquote>',
        win,
      ),
    );
    const h2 = out.querySelector('h2')!;
    expect(h2.textContent).toBe('Head');
    expect([...h2.attributes].map((a) => a.name)).toEqual([]);
    const links = [...out.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')])).toEqual([
      ['out', 'https://a.example/p', '_blank', 'noopener noreferrer'],
      ['note', '#n', null, null],
      ['bad', null, null, null],
      ['mail', 'mailto:x@example.org', '_blank', 'noopener noreferrer'],
    ]);
    const imgs = [...out.querySelectorAll('img')];
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual([
      'https://a.example/i.png',
      null,
      'data:image/png;base64,iVBORw0KGgo=',
      '/rel.png',
    ]);
    expect(imgs[0].getAttribute('srcset')).toBe('https://a.example/i2.png 2x');
    expect([...out.querySelectorAll('source')].map((s) => s.getAttribute('srcset'))).toEqual([null, 'https://a.example/ok.webp 1x']);
    expect(out.querySelector('figcaption')?.textContent).toBe('Cap');
    expect(out.querySelector('ol')?.getAttribute('type')).toBe('a');
    expect(out.querySelector('td')?.getAttribute('colspan')).toBe('2');
    expect(out.querySelector('blockquote')?.hasAttribute('cite')).toBe(false);
    expect(auditArticleDom(out)).toEqual([]);
  });

  it('prepareStoredHtml makes links and images absolute against the article URL and lists images once', () => {
    const r = prepareStoredHtml(
      '<p><a href="../next">n</a> <a href="#f">f</a><img src="i.png"><img src="/i.png"><img src="javascript:alert(1)"><img src=""><img alt="no src"></p>',
      win,
      'https://news.example/a/b/story.html',
    );
    const box = render(r.html);
    expect([...box.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://news.example/a/next', '#f']);
    expect([...box.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual([
      'https://news.example/a/b/i.png',
      'https://news.example/i.png',
    ]);
    expect(r.images).toEqual(['https://news.example/a/b/i.png', 'https://news.example/i.png']);
  });
});
