// Mozilla Readability's test pages sit in two corpora: as themselves (by folder slug) and among the
// detection pages (rd-NNN, the slug in their source path). Each name draws its half from its own hash
// (splits.ts), so 46 of the 77 land in different halves: a page tuned or fitted on under one name is
// scored as held-out under the other. The benches print held-out figures without those pages too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DETECT_DIR, haveDetect } from './corpora';
import { halfOf } from './splits';

/** Held-out pages whose twin in the other corpus is on the train half, as "detection:rd-…" / "readability:slug". */
export function heldOutTrainedElsewhere(): Set<string> {
  const out = new Set<string>();
  if (!haveDetect()) return out;
  const labels = JSON.parse(readFileSync(join(DETECT_DIR, 'labels.json'), 'utf8')) as Record<string, { source?: string }>;
  for (const [id, { source }] of Object.entries(labels)) {
    const slug = /^mozilla\/readability:test\/test-pages\/([^/]+)\//.exec(source ?? '')?.[1];
    if (!slug) continue;
    if (halfOf(id) === 'held-out' && halfOf(slug) === 'train') out.add(`detection:${id}`);
    if (halfOf(slug) === 'held-out' && halfOf(id) === 'train') out.add(`readability:${slug}`);
  }
  return out;
}
