// npm run --silent import -- FILE
// Parses an export file (any format the library imports, Gist's JSON Lines and its older JSON included)
// with the library's own importer (no database) and prints one JSON object:
// {"format", "items": [{url,title,tags,savedAt,status,favorite,hasContent,highlights}], "errors": [{where,reason}]},
// highlights being [{text, note}] (the quote and the note on it, null when none; [] when the item has none).
// Merged duplicates are listed on stderr. Exit 1 on an unknown format or unreadable file, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { parseImport, UnknownFormatError } from '../lib/import/parse-import';
import { countOf } from '../lib/format/count';

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1 || args[0] === '-h' || args[0] === '--help') {
    process.stderr.write('usage: npm run --silent import -- FILE\n');
    return 2;
  }
  const path = args[0];
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    process.stderr.write(`import: cannot read ${path}: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    const r = await parseImport(path, bytes);
    const out = {
      format: r.format,
      items: r.items.map((it) => ({
        url: it.url,
        title: it.title,
        tags: it.tags,
        savedAt: it.savedAt,
        status: it.status,
        favorite: it.favorite,
        hasContent: !!it.content,
        highlights: (it.highlights ?? []).map((h) => ({ text: h.text, note: h.note?.trim() ? h.note : null })),
      })),
      errors: [
        ...r.errors.map((e) => ({ where: e.where, reason: e.reason })),
        // No database here: the library would add these to its article for that URL, if it has one.
        ...r.strayHighlights.map((h) => ({
          where: h.where,
          reason: `${countOf(h.highlights.length, 'highlight')} for ${h.url}, which is not in the export's list`,
        })),
      ],
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    for (const d of r.duplicates) process.stderr.write(`import: duplicate ${d.where} (${d.url}) merged into ${d.keptWhere}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UnknownFormatError) {
      process.stderr.write(`import: unknown format: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`import: failed to parse ${path}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
