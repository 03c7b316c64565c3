// The fetch-queue messages: validated like every other request, and only extension pages may send them
// (a web page's content script must not start network activity or read queue state).
import { describe, expect, it } from 'vitest';
import { classifySender, isAllowed, parseRequest, type SenderInfo } from '../../lib/messaging/protocol';
import { parseQueueStatus } from '../../lib/fetch-queue/status';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const library: SenderInfo = { id: ID, url: `${ORIGIN}library.html`, tab: { id: 9 }, frameId: 0 };
const contentScript: SenderInfo = { id: ID, url: 'https://news.example/story', tab: { id: 5 }, frameId: 0 };
const otherExtension: SenderInfo = { id: 'z'.repeat(32), url: `chrome-extension://${'z'.repeat(32)}/x.html` };

describe('queue requests', () => {
  it('parses start (with optional retryFailed), stop and status, dropping extra fields', () => {
    expect(parseRequest({ type: 'queue:start' })).toEqual({ type: 'queue:start' });
    expect(parseRequest({ type: 'queue:start', retryFailed: true })).toEqual({ type: 'queue:start', retryFailed: true });
    expect(parseRequest({ type: 'queue:start', retryFailed: false })).toEqual({ type: 'queue:start' });
    expect(parseRequest({ type: 'queue:stop', urls: ['https://x'] })).toEqual({ type: 'queue:stop' });
    expect(parseRequest({ type: 'queue:status', extra: 1 })).toEqual({ type: 'queue:status' });
  });

  it('parses fetch-one with an article id, and only from extension pages', () => {
    expect(parseRequest({ type: 'queue:fetch-one', id: 4, url: 'https://x' })).toEqual({ type: 'queue:fetch-one', id: 4 });
    for (const id of [undefined, -1, 1.5, '4']) expect(parseRequest({ type: 'queue:fetch-one', id })).toBeNull();
    const req = parseRequest({ type: 'queue:fetch-one', id: 4 })!;
    expect(isAllowed(req, classifySender(library, ID, ORIGIN))).toBe(true);
    expect(isAllowed(req, classifySender(contentScript, ID, ORIGIN))).toBe(false);
  });

  it('rejects malformed ones', () => {
    expect(parseRequest({ type: 'queue:start', retryFailed: 'yes' })).toBeNull();
    expect(parseRequest({ type: 'queue:begin' })).toBeNull();
    expect(parseRequest(['queue:start'])).toBeNull();
  });

  it('are allowed from extension pages only', () => {
    for (const type of ['queue:start', 'queue:stop', 'queue:status'] as const) {
      const req = parseRequest({ type })!;
      expect(isAllowed(req, classifySender(library, ID, ORIGIN))).toBe(true);
      expect(isAllowed(req, classifySender(contentScript, ID, ORIGIN))).toBe(false);
      expect(isAllowed(req, classifySender(otherExtension, ID, ORIGIN))).toBe(false);
    }
  });
});

describe('parseQueueStatus', () => {
  it('reads a stored status and falls back to idle on junk', () => {
    expect(parseQueueStatus({ running: true, done: 3, failed: 1, startedAt: 5, resumeAt: null, lastError: 'x', error: 'y' })).toEqual({
      running: true,
      done: 3,
      failed: 1,
      startedAt: 5,
      resumeAt: null,
      lastError: 'x',
      error: 'y',
    });
    expect(parseQueueStatus({ running: true }).error).toBeNull();
    expect(parseQueueStatus('nope')).toMatchObject({ running: false, done: 0 });
    expect(parseQueueStatus({ running: 'true', done: -4, failed: NaN })).toMatchObject({ running: false, done: 0, failed: 0 });
  });
});
