// npm run bench:import — import parsing speed on generated 10,000-item files (and the real 7,478-link
// Pocket export when ../shared is there), each next to a baseline that only tokenizes the same bytes
// (papaparse / JSON.parse / htmlparser2), so the ratio shows what the import logic itself costs.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { Parser } from 'htmlparser2';
import { parseImport } from '../lib/import/parse-import';

const N = 10_000;
const enc = (s: string) => new TextEncoder().encode(s);

function pocketCsv(): string {
  const rows = ['title,url,time_added,cursor,tags,status'];
  for (let i = 0; i < N; i++)
    rows.push(
      `"Title ${i}, ""quoted""",https://example.com/post/${i}?utm_source=x,${1_600_000_000 + i},,t${i % 9}|common,${i % 3 ? 'unread' : 'archive'}`,
    );
  return rows.join('\r\n');
}

function netscape(): string {
  let s = '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n';
  for (let i = 0; i < N; i++)
    s += `<DT><A HREF="https://example.com/b/${i}" ADD_DATE="${1_600_000_000 + i}" TAGS="a,b${i % 5}">Bookmark &amp; ${i}</A>\n<DD>Description ${i}\n`;
  return `${s}</DL><p>\n`;
}

function wallabagJson(): string {
  return JSON.stringify(
    Array.from({ length: N }, (_, i) => ({
      id: i,
      title: `Entry ${i}`,
      url: `https://example.com/w/${i}`,
      is_archived: i % 2,
      is_starred: 0,
      created_at: '2016-09-08T11:55:58+0200',
      tags: ['x', `t${i % 4}`],
      content: `<p>Body ${i}</p>`,
    })),
  );
}

async function time(fn: () => unknown | Promise<unknown>, runs = 5): Promise<number> {
  await fn(); // warm-up
  const t: number[] = [];
  for (let k = 0; k < runs; k++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function tokenizeHtml(s: string) {
  const p = new Parser({});
  p.write(s);
  p.end();
}

async function row(name: string, text: string, baseline: () => unknown, file: string) {
  const bytes = enc(text);
  let items = 0;
  const ms = await time(async () => {
    items = (await parseImport(file, bytes)).items.length;
  });
  const base = await time(baseline);
  console.log(
    `${name.padEnd(34)} ${String(items).padStart(6)} items  ${ms.toFixed(1).padStart(8)} ms  baseline ${base.toFixed(1).padStart(7)} ms  ratio ${(ms / base).toFixed(2)}x`,
  );
}

const csv = pocketCsv();
const html = netscape();
const json = wallabagJson();
console.log(`median of 5 runs after a warm-up, Node ${process.version}`);
await row('Pocket CSV (10k rows)', csv, () => Papa.parse(csv), 'part_000000.csv');
await row('Netscape bookmarks (10k links)', html, () => tokenizeHtml(html), 'bookmarks.html');
await row('wallabag JSON (10k entries)', json, () => JSON.parse(json), 'wallabag.json');
const real = resolve(import.meta.dirname, '../../shared/corpora/import-samples/pocket/hammer-mt/ril_export.html');
if (existsSync(real)) {
  const text = readFileSync(real, 'utf8');
  await row('real Pocket HTML (hammer-mt)', text, () => tokenizeHtml(text), 'ril_export.html');
} else console.log('real Pocket HTML: ../shared absent, skipped');
