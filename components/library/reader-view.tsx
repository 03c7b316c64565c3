import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { sanitizeArticleFragment } from '../../lib/sanitize/sanitize-html';
import { formatMinutes } from '../../lib/reading-time/index';
import type { ReaderSettings } from '../../lib/reader/settings';
import { FINISHED_AT, minutesLeft, progressOf, scrollForProgress, shouldStore, throttle } from '../../lib/reader/progress';
import { dateLabel } from '../../lib/format/dates';
import { displaySite } from '../../lib/search/list-query';
import { displayHost } from '../../lib/url/host';
import type { ReadableArticle } from './library-connector';
import './reader-view.css';

// Every write to the articles table re-runs the library's live list query (10,000 records at the top
// end), so the position is written at most every few seconds, and always when leaving or hiding the page.
const PROGRESS_WRITE_MS = 5000;

export interface ReaderViewProps {
  item: ReadableArticle;
  settings?: ReaderSettings;
  /** Minutes at the user's speed; null when the text is not downloaded (no time, no "minutes left"). */
  minutes?: number | null;
  /** Stores the reading position (throttled here). */
  onProgress?(progress: number): void;
  /** The body as plain text in reading order, once rendered (read aloud). */
  onText?(text: string): void;
  /** Once per opening, when the reader has scrolled to the end (FINISHED_AT) themselves. */
  onFinish?(): void;
  /** The body element, each time the article is rendered into it (highlights are drawn over it). */
  onBody?(el: HTMLElement): void;
  /** False when the page scrolls somewhere else itself (a link to a highlight): the reading position is not restored. */
  restorePosition?: boolean;
  /**
   * False for a link whose page was never downloaded: there is nothing to read through, so no progress
   * bar and no position written (an imported position is kept for when the text arrives).
   */
  downloaded?: boolean;
  /** Inside the text column: under the title (read aloud), and after the text (end-of-article actions). */
  beforeBody?: ComponentChildren;
  afterBody?: ComponentChildren;
}

const FONTS = {
  serif: 'Charter, "Iowan Old Style", "Source Serif Pro", Georgia, Cambria, "Times New Roman", serif',
  sans: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
};

/**
 * Renders a stored article: sanitized again at render time (defence in depth), images swapped for the
 * stored blobs so it reads with the network off, links opening the original site in a new tab.
 */
export function ReaderView({
  item,
  settings,
  minutes,
  onProgress,
  onText,
  onFinish,
  onBody,
  restorePosition = true,
  downloaded = true,
  beforeBody,
  afterBody,
}: ReaderViewProps) {
  const body = useRef<HTMLDivElement>(null);
  const { article } = item;
  const [progress, setProgress] = useState(article.progress || 0);
  const total = minutes === undefined ? article.readingMinutes : minutes;
  // The latest callbacks, without re-rendering the body or re-running the scroll restore when they change.
  const finishRef = useRef(onFinish);
  finishRef.current = onFinish;
  const textRef = useRef(onText);
  textRef.current = onText;
  const progressRef = useRef(onProgress);
  progressRef.current = onProgress;
  const bodyRef = useRef(onBody);
  bodyRef.current = onBody;
  const restoreRef = useRef(restorePosition);
  restoreRef.current = restorePosition;

  useEffect(() => {
    const el = body.current;
    if (!el) return;
    el.replaceChildren(sanitizeArticleFragment(item.html, window));
    const urls: string[] = [];
    for (const img of el.querySelectorAll('img')) {
      const blob = item.images.get(img.getAttribute('src') ?? '');
      // Images dropped to reclaim space: a small placeholder (alt text, a link to the original) rather
      // than a broken image or a request to the site on every opening.
      if (!blob && item.article.imagesDropped) {
        img.replaceWith(droppedImage(img));
        continue;
      }
      if (blob) {
        const u = URL.createObjectURL(blob);
        urls.push(u);
        img.src = u;
        img.dataset.stored = '1';
      }
      img.loading = 'lazy';
      img.decoding = 'async';
    }
    for (const a of el.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href') ?? '';
      if (href.startsWith('#')) continue;
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
    }
    textRef.current?.(blockText(el));
    bodyRef.current?.(el);
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, [item]);

  // Put the reader back where they left off, then follow the scroll.
  useEffect(() => {
    const el = body.current;
    if (!el || !downloaded) return;
    const geometry = () => {
      const r = el.getBoundingClientRect();
      return { scrollY: window.scrollY, viewportHeight: window.innerHeight, bodyTop: r.top + window.scrollY, bodyHeight: r.height };
    };
    let stored = article.progress || 0;
    let userMoved = false;
    // Only a reader who scrolled here has finished: not a restored position, not a page that fits the screen.
    let finished = false;
    const restore = () => {
      if (userMoved || !restoreRef.current || stored <= 0 || stored >= 1) return;
      window.scrollTo({ top: scrollForProgress(stored, geometry()) });
    };
    const writer = throttle((p: number) => {
      if (!shouldStore(stored, p)) return;
      stored = p;
      progressRef.current?.(p);
    }, PROGRESS_WRITE_MS);
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const p = progressOf(geometry());
        setProgress(p);
        writer.push(p);
        if (!finished && userMoved && p >= FINISHED_AT && el.getBoundingClientRect().height > window.innerHeight) {
          finished = true;
          finishRef.current?.();
        }
      });
    };
    const onUser = () => {
      userMoved = true;
    };
    const flush = () => writer.flush();
    const raf = requestAnimationFrame(() => {
      restore();
      onScroll();
    });
    // Images decode after the first paint and push the text down: restore again once they have.
    const imgs = [...el.querySelectorAll('img')];
    const onImg = () => restore();
    imgs.forEach((i) => i.addEventListener('load', onImg, { once: true }));
    window.addEventListener('scroll', onScroll, { passive: true });
    for (const t of ['wheel', 'touchstart', 'keydown', 'mousedown'] as const) window.addEventListener(t, onUser, { passive: true });
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      cancelAnimationFrame(raf);
      cancelAnimationFrame(frame);
      imgs.forEach((i) => i.removeEventListener('load', onImg));
      window.removeEventListener('scroll', onScroll);
      for (const t of ['wheel', 'touchstart', 'keydown', 'mousedown'] as const) window.removeEventListener(t, onUser);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
      writer.flush();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restore only when an article opens: our own progress writes change article.progress and must not scroll the reader back
  }, [item, downloaded]);

  const s = settings;
  const style = s
    ? {
        '--reader-font': FONTS[s.font],
        '--reader-size': `${s.fontSize}px`,
        '--reader-lh': String(s.lineHeight),
        '--reader-width': `${s.width}ch`,
      }
    : undefined;
  const published = dateLabel('published', article.publishedTime);
  const left = total === null ? null : minutesLeft(total, progress);
  return (
    <>
      {downloaded && (
        <div
          class="reading-progress"
          role="progressbar"
          aria-label="Reading progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress * 100)}
          data-testid="reading-progress"
        >
          <span style={{ transform: `scaleX(${progress})` }} />
        </div>
      )}
      <article
        class={`reader font-${s?.font ?? 'serif'}`}
        style={style as Record<string, string>}
        lang={article.lang ?? undefined}
        data-testid="reader"
      >
        <header class="reader-head">
          <p class="reader-site">
            <a href={article.originalUrl} target="_blank" rel="noopener noreferrer" data-testid="original-link" title={article.originalUrl}>
              {displaySite(article)} ↗
            </a>
          </p>
          <h1 class="reader-title">{article.title}</h1>
          <p class="reader-meta">
            {article.byline && <span>{article.byline}</span>}
            {published && (
              <time dateTime={article.publishedTime!} data-testid="reader-published">
                {published}
              </time>
            )}
            <time dateTime={new Date(article.savedAt).toISOString()} data-testid="reader-saved">
              {dateLabel('saved', article.savedAt)}
            </time>
            {total !== null && <span data-testid="reader-minutes">{formatMinutes(total)} read</span>}
          </p>
          {beforeBody}
        </header>
        <div class="reader-body" ref={body} data-testid="reader-body" />
        <footer class="reader-foot">
          {afterBody}
          <a href={article.originalUrl} target="_blank" rel="noopener noreferrer">
            Read the original on {displayHost(article.originalUrl) ?? article.originalUrl} ↗
          </a>
        </footer>
      </article>
      {left !== null && (
        <p class="minutes-left" data-testid="minutes-left" aria-live="off">
          {left === 0 ? 'Finished' : `${left} min left`}
        </p>
      )}
    </>
  );
}

/** Text of the rendered body, one block per paragraph, for read aloud. */
function blockText(el: HTMLElement): string {
  const blocks = el.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption, pre, td, th, dd, dt');
  if (!blocks.length) return el.textContent ?? '';
  const out: string[] = [];
  for (const b of blocks) {
    // Nested blocks (p inside li/blockquote) are read once, by the innermost.
    if (b.querySelector('p, li, blockquote, pre')) continue;
    const t = (b.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
  }
  return out.join('\n\n');
}

/**
 * The placeholder of a dropped image: its alt text and a link to the original (web URLs only). The
 * words are drawn by CSS from attributes, so the body's text (highlight anchoring, read aloud) is the
 * same as with the image.
 */
function droppedImage(img: HTMLImageElement): HTMLElement {
  const doc = img.ownerDocument;
  const alt = (img.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
  const label = `${alt ? `Image: ${alt}` : 'Image'} (removed to save space)`;
  const box = doc.createElement('span');
  box.className = 'img-dropped';
  box.dataset.testid = 'img-dropped';
  box.dataset.label = label;
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', label);
  const src = img.getAttribute('src') ?? '';
  if (/^https?:\/\//i.test(src)) {
    const a = doc.createElement('a');
    a.href = src;
    a.setAttribute('aria-label', `Open the original image${alt ? `: ${alt}` : ''}`);
    box.removeAttribute('role');
    box.append(a);
  }
  return box;
}
