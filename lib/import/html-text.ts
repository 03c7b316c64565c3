// Plain text of stored HTML without a DOM (search index, word counts), via htmlparser2.
import { Parser } from 'htmlparser2';

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'tr',
  'section',
  'article',
  'figcaption',
  'dt',
  'dd',
  'hr',
  'table',
  'ul',
  'ol',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template']);

export function htmlToText(html: string): string {
  let out = '';
  let skip = 0;
  const p = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skip++;
        else if (BLOCK.has(name)) out += '\n';
      },
      onclosetag(name) {
        if (SKIP.has(name)) skip = Math.max(0, skip - 1);
        else if (BLOCK.has(name)) out += '\n';
      },
      ontext(t) {
        if (!skip) out += t;
      },
    },
    { decodeEntities: true },
  );
  p.write(html);
  p.end();
  return out
    .replace(/[ \t\r\f]+/g, ' ')
    .replace(/ *\n[\n ]*/g, '\n\n')
    .trim();
}
