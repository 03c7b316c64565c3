// Reads a ZIP with fflate; when the central directory is missing (a cut-off download) it walks the
// local file headers instead, so every entry that is complete still comes out.
import { inflateSync, unzipSync } from 'fflate';

export interface ZipRead {
  files: Map<string, Uint8Array>;
  errors: { entry: string; reason: string }[];
  /** True when the central directory was unreadable and entries were recovered one by one. */
  recovered: boolean;
}

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)
  );
}

const skip = (name: string) => name.endsWith('/') || name.startsWith('__MACOSX/') || /(?:^|\/)\._/.test(name);

export function readZip(bytes: Uint8Array): ZipRead {
  try {
    const all = unzipSync(bytes);
    const files = new Map<string, Uint8Array>();
    for (const [name, data] of Object.entries(all)) if (!skip(name)) files.set(name, data);
    return { files, errors: [], recovered: false };
  } catch (e) {
    return recover(bytes, e instanceof Error ? e.message : String(e));
  }
}

function recover(bytes: Uint8Array, why: string): ZipRead {
  const files = new Map<string, Uint8Array>();
  const errors: ZipRead['errors'] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dec = new TextDecoder();
  let p = 0;
  let found = 0;
  while (p + 30 <= bytes.length) {
    if (view.getUint32(p, true) !== 0x04034b50) break;
    found++;
    const flags = view.getUint16(p + 6, true);
    const method = view.getUint16(p + 8, true);
    const csize = view.getUint32(p + 18, true);
    const nameLen = view.getUint16(p + 26, true);
    const extraLen = view.getUint16(p + 28, true);
    const name = dec.decode(bytes.subarray(p + 30, Math.min(bytes.length, p + 30 + nameLen)));
    const start = p + 30 + nameLen + extraLen;
    if (flags & 8 && csize === 0) {
      errors.push({ entry: name, reason: 'its size is only in the (missing) central directory; cannot recover it from a cut-off zip' });
      break;
    }
    const end = start + csize;
    if (end > bytes.length) {
      errors.push({ entry: name, reason: `cut off: the zip ends ${end - bytes.length} bytes before this entry does` });
      break;
    }
    if (!skip(name)) {
      try {
        const raw = bytes.subarray(start, end);
        if (method === 0) files.set(name, raw.slice());
        else if (method === 8) files.set(name, inflateSync(raw));
        else errors.push({ entry: name, reason: `unsupported compression method ${method}` });
      } catch (e) {
        errors.push({ entry: name, reason: `cannot decompress: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    p = end + (flags & 8 ? (view.getUint32(end, true) === 0x08074b50 ? 16 : 12) : 0);
  }
  if (!found) errors.push({ entry: '', reason: `not a readable zip (${why})` });
  else
    errors.push({
      entry: '',
      reason: `the zip's directory is damaged or missing (${why}); the file is probably cut off. Recovered ${files.size} complete entr${files.size === 1 ? 'y' : 'ies'}`,
    });
  return { files, errors, recovered: true };
}
