// Reads an import file off the library page's main thread: parsing a 100,000-row CSV (papaparse, then
// one canonical URL per row and the in-file duplicate merge) is ~3 s of work that would freeze the page.
// The items come back in slices, so the page deserializes them a slice per task too.
import { parseImport } from '../../lib/import/parse-import';
import { PARSE_SLICE, type ParseReply, type ParseRequest } from './parse-protocol';

self.onmessage = async (e: MessageEvent<ParseRequest>) => {
  const post = (m: ParseReply) => self.postMessage(m);
  try {
    const r = await parseImport(e.data.name, e.data.bytes);
    for (let i = 0; i < r.items.length; i += PARSE_SLICE)
      post({ kind: 'items', items: r.items.slice(i, i + PARSE_SLICE), keys: r.keys?.slice(i, i + PARSE_SLICE) });
    post({ kind: 'done', result: { ...r, items: [], keys: undefined } });
  } catch (err) {
    post({ kind: 'error', name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) });
  }
};
