// The fetch queue's sites to ask permission for, worked out a slice of articles at a time.
import { describe, expect, it } from 'vitest';
import { waitingOrigins } from '../../lib/fetch-queue/waiting-origins';
import { originPatterns } from '../../lib/url/match-patterns';

type Row = Parameters<typeof waitingOrigins>[0][number];
const pending = (i: number): Row => ({ contentState: 'pending', url: `https://s${i % 300}.example/p/${i}`, originalUrl: '' });

describe('waitingOrigins', () => {
  it('gives the same patterns as one pass over every waiting page and image, pausing before each slice of 2,000', async () => {
    const list: Row[] = [
      ...Array.from({ length: 12_000 }, (_, i) => pending(i)),
      { contentState: 'full', url: 'https://done.example/', originalUrl: '', pendingImages: ['https://img.example/a.png'] },
      { contentState: 'full', url: 'https://skip.example/', originalUrl: '' },
      { contentState: 'pending', url: 'https://canon.example/x', originalUrl: 'http://127.0.0.1:8080/x' },
    ];
    let pauses = 0;
    const got = await waitingOrigins(
      list,
      async () => void pauses++,
      () => false,
    );
    const all = list.flatMap((a) =>
      a.contentState === 'pending' ? [a.originalUrl || a.url] : a.contentState === 'full' ? (a.pendingImages ?? []) : [],
    );
    expect(got).toEqual(originPatterns(all));
    expect(got).toContain('http://127.0.0.1/*');
    expect(got).toContain('https://img.example/*');
    expect(got).not.toContain('https://skip.example/*');
    expect(got).toHaveLength(302);
    expect(pauses).toBe(Math.ceil(list.length / 2000)); // 7: the first slice waits for a task of its own too
  });

  it('gives up (null) when a newer list supersedes it at a pause', async () => {
    const list = Array.from({ length: 11_000 }, (_, i) => pending(i));
    let stale = false;
    const got = await waitingOrigins(
      list,
      async () => void (stale = true),
      () => stale,
    );
    expect(got).toBeNull();
  });

  it('does not start in the task that hands it the list: a small list is still worked out after a pause', async () => {
    let stale = false;
    const got = await waitingOrigins(
      [pending(1)],
      async () => void (stale = true),
      () => stale,
    );
    expect(got).toBeNull();
  });
});
