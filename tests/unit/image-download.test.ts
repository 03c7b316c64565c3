// @vitest-environment node
// The one image downloader shared by Save and the import fetch queue.
import { describe, expect, it, vi } from 'vitest';
import { downloadImages, MAX_IMAGES } from '../../lib/images/download';

const blob = (src: string) => new Blob([src], { type: 'image/png' });

describe('downloadImages', () => {
  it('downloads only web images, counts misses and throws as failures', async () => {
    const fetchOne = vi.fn(async (src: string) => {
      if (src.endsWith('missing.png')) return null;
      if (src.endsWith('boom.png')) throw new Error('network');
      return blob(src);
    });
    const r = await downloadImages(
      ['https://a.example/1.png', 'data:image/png;base64,AA==', 'blob:x', 'https://a.example/missing.png', 'http://b.example/boom.png'],
      fetchOne,
    );
    expect(r.images.map((i) => i.src)).toEqual(['https://a.example/1.png']);
    expect(r.failed).toBe(2);
    expect(fetchOne).toHaveBeenCalledTimes(3);
  });

  it(`keeps at most ${MAX_IMAGES} and counts the rest as failed`, async () => {
    const urls = Array.from({ length: MAX_IMAGES + 5 }, (_, i) => `https://a.example/${i}.png`);
    const r = await downloadImages(['data:image/gif;base64,R0', ...urls], async (src) => blob(src));
    expect(r.images).toHaveLength(MAX_IMAGES);
    expect(r.failed).toBe(5);
  });
});
