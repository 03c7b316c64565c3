// Text helpers shared by the Markdown exports: YAML scalars, Markdown escaping, file names.
import TurndownService from 'turndown';

/**
 * A YAML double-quoted scalar. JSON's escapes are YAML's, but JSON leaves U+2028/U+2029, DEL and the C1
 * controls raw, which YAML 1.1 parsers read as line breaks or refuse as unprintable: those are escaped too.
 */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

let escaper: TurndownService | null = null;
/** Markdown-escapes plain text (turndown's escaping: leading #, -, +, 1., >, and *, _, `, [, ]). */
export function escapeMarkdown(text: string): string {
  escaper ??= new TurndownService();
  return escaper.escape(text);
}

/** File names from titles: readable, safe on every OS, unique within the zip. */
export function fileNameFor(title: string, used: Set<string>): string {
  const base =
    title
      .normalize('NFKC')
      .replace(/[\\/:*?"<>|\u0000-\u001f#%]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80)
      .replace(/[. ]+$/, '') || 'untitled';
  let name = `${base}.md`;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n}).md`;
  used.add(name.toLowerCase());
  return name;
}
