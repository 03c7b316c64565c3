// esbuild entry for the cold extraction benchmark: only what the tab's extraction script runs to
// extract (lib/extract/core, no DOMPurify, no detector), so timing its injection charges our bundle's
// compile and nothing the extraction does not carry.
import { extractUnsanitized } from '../../lib/extract/core';

(globalThis as unknown as { __gistx: unknown }).__gistx = { extractUnsanitized };
