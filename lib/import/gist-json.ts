// Re-import of our own export (lib/export/gist-json.ts): JSON Lines (version 2) and the single JSON
// object of version 1. Each article is validated on its own (gist-article.ts), so broken ones cost
// only themselves, and a file cut short gives back every complete article before the cut.
import { TokenParser, Tokenizer } from '@streamparser/json';
import { GIST_FORMAT, GIST_VERSION } from '../export/gist-format';
import { readGistArticle } from './gist-article';
import type { ImportItem, ImportProblem } from './types';
import { countOf, formatCount } from '../format/count';

type Obj = Record<string, unknown>;
export type GistLayout = 'jsonl' | 'json';

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Which Gist layout `text` is, from its content: a first line that is a complete header object is
 * JSON Lines; an object opening with `"format": "gist-export"` that is not is the version 1 object
 * (also when the file is cut, so it cannot be parsed whole). Null for anything else.
 */
export function sniffGist(text: string): GistLayout | null {
  const start = text.search(/\S/);
  if (start === -1 || text[start] !== '{') return null;
  const nl = text.indexOf('\n', start);
  const firstLine = text.slice(start, nl === -1 ? undefined : nl);
  // A header is short; a long first line is a whole single-line JSON file, not worth parsing twice.
  if (firstLine.length < 65536) {
    try {
      const first: unknown = JSON.parse(firstLine);
      if (isObj(first) && first.format === GIST_FORMAT) return Array.isArray(first.articles) ? 'json' : 'jsonl';
    } catch {
      // Not one complete object on the first line: the version 1 layout, or not ours.
    }
  }
  return /^\{\s*"format"\s*:\s*"gist-export"\s*[,}]/.test(text.slice(start, start + 200)) ? 'json' : null;
}

function checkVersion(file: string, version: unknown, errors: ImportProblem[]): void {
  if (typeof version === 'number' && version > GIST_VERSION) {
    errors.push({
      where: file,
      reason: `written by a newer Gist (format version ${version}); fields this version does not know are ignored`,
    });
  }
}

/** JSON Lines: header, one article per line, end line. A damaged line costs that article only. */
export function parseGistJsonl(file: string, text: string, items: ImportItem[], errors: ImportProblem[]): void {
  let line = 0;
  let index = 0;
  let header = false;
  let end: Obj | null = null;
  let lastLine = 0;
  let cutInside = false;
  let endCut = false;
  for (let pos = 0; pos < text.length;) {
    const nl = text.indexOf('\n', pos);
    const raw = text.slice(pos, nl === -1 ? text.length : nl);
    const cut = nl === -1; // no newline after it: the file may end inside this line
    pos = nl === -1 ? text.length : nl + 1;
    line++;
    if (!raw.trim()) continue;
    lastLine = line;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      if (!header) {
        errors.push({
          where: `${file}:${line}`,
          reason: `the header line is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
        });
        header = true;
      } else if (cut && /^\s*\{\s*"end"/.test(raw)) {
        endCut = true;
      } else if (cut) {
        errors.push({ where: `${file}:${line}`, reason: `article ${index}: cut off (the file ends inside it); not imported` });
        cutInside = true;
      } else {
        errors.push({
          where: `${file}:${line}`,
          reason: `article ${index}: not valid JSON (${e instanceof Error ? e.message : String(e)}); not imported`,
        });
        index++;
      }
      continue;
    }
    if (!header) {
      header = true;
      if (isObj(value) && value.format === GIST_FORMAT) {
        checkVersion(file, value.version, errors);
        continue;
      }
    }
    if (end) {
      errors.push({ where: `${file}:${line}`, reason: 'text after the end line; ignored' });
      continue;
    }
    if (isObj(value) && value.end === true) {
      end = value;
      continue;
    }
    const item = readGistArticle(file, index++, value, errors);
    if (item) items.push(item);
  }
  if (endCut) {
    errors.push({
      where: `${file}:${lastLine}`,
      reason: `the file is cut off inside its end line: read the ${countOf(index, 'article')} before it, probably all of them`,
    });
  } else if (!end) {
    errors.push({
      where: file,
      reason: `the file is cut off ${cutInside ? `inside article ${index} at line ${lastLine}` : `after line ${lastLine}`} (it has no end line): read the ${countOf(index, 'complete article')} before the cut; any that followed are missing`,
    });
  } else if (typeof end.articles === 'number' && end.articles !== index) {
    errors.push({
      where: file,
      reason: `the end line counts ${countOf(end.articles, 'article')} but the file holds ${formatCount(index)}: lines were removed or added`,
    });
  }
}

/** Version 1: one JSON object. Parsed whole when it can be, else scanned up to the damage. */
export function parseGistLegacy(file: string, text: string, items: ImportItem[], errors: ImportProblem[]): void {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    recoverLegacy(file, text, items, errors);
    return;
  }
  if (!isObj(root)) {
    errors.push({ where: file, reason: 'not a Gist export object' });
    return;
  }
  parseGistJson(file, root, items, errors);
}

/** An already parsed version 1 object. */
export function parseGistJson(file: string, root: Obj, items: ImportItem[], errors: ImportProblem[]): void {
  checkVersion(file, root.version, errors);
  if (!Array.isArray(root.articles)) {
    errors.push({ where: file, reason: 'no "articles" list' });
    return;
  }
  root.articles.forEach((raw, i) => {
    const item = readGistArticle(file, i, raw, errors);
    if (item) items.push(item);
  });
}

/**
 * A version 1 file that is not valid JSON (cut short, or damaged): a streaming JSON parser
 * (@streamparser/json) hands over each element of "articles" as soon as it is complete, so
 * everything before the damage is kept, and the damage is reported with its line.
 */
function recoverLegacy(file: string, text: string, items: ImportItem[], errors: ImportProblem[]): void {
  const bytes = new TextEncoder().encode(text);
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: ['$.version', '$.articles.*'], keepStack: false });
  let offset = 0;
  let read = 0;
  tokenizer.onToken = (t) => {
    offset = t.offset;
    parser.write(t);
  };
  parser.onValue = ({ value, key, stack }) => {
    if (stack.length === 1 && key === 'version') checkVersion(file, value, errors);
    else if (stack.length === 2 && typeof key === 'number') {
      read++;
      const item = readGistArticle(file, key, value, errors);
      if (item) items.push(item);
    }
  };
  let stage: 'write' | 'end' = 'write';
  try {
    tokenizer.write(bytes);
    stage = 'end';
    tokenizer.end();
    // The tokenizer only complains when cut inside a token; the parser knows when a value is open.
    if (!parser.isEnded) parser.end();
  } catch (e) {
    // The tokenizer names the byte where it stopped; the token parser, the token it refused.
    const at = stage === 'end' ? bytes.length : Number(/absolute position "?(\d+)/.exec(String(e))?.[1] ?? offset);
    let line = 1;
    for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 10) line++;
    if (stage === 'end') {
      errors.push({
        where: `${file}:${line}`,
        reason: `the file is cut off (it ends inside the articles list): read the ${countOf(read, 'complete article')} before the cut; any that followed are missing`,
      });
    } else {
      const why = e instanceof Error ? e.message.replace(/ at chunk position .*$/, '') : String(e);
      errors.push({
        where: `${file}:${line}`,
        reason: `invalid JSON (${why}): read the ${countOf(read, 'complete article')} before it; the rest of the file could not be`,
      });
    }
  }
}
