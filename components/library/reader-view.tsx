import { useEffect, useRef } from 'preact/hooks';
import { sanitizeArticleHtml } from '../../lib/sanitize/sanitize-html';
import type { ReadableArticle } from './library-connector';

/**
 * Renders a stored article: sanitized again at render time (defence in depth), images swapped for the
 * stored blobs so it reads with the network off.
 */
export function ReaderView({ item }: { item: ReadableArticle }) {
  const body = useRef<HTMLDivElement>(null);
  const { article } = item;

  useEffect(() => {
    const el = body.current;
    if (!el) return;
    el.innerHTML = sanitizeArticleHtml(item.html, window);
    const urls: string[] = [];
    for (const img of el.querySelectorAll('img')) {
      const blob = item.images.get(img.getAttribute('src') ?? '');
      if (blob) {
        const u = URL.createObjectURL(blob);
        urls.push(u);
        img.src = u;
        img.dataset.stored = '1';
      }
      img.loading = 'lazy';
      img.decoding = 'async';
    }
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, [item]);

  const published = article.publishedTime ? new Date(article.publishedTime) : null;
  return (
    <article class="reader" lang={article.lang ?? undefined} data-testid="reader">
      <header class="reader-head">
        <p class="reader-site">
          <a href={article.originalUrl} target="_blank" rel="noopener noreferrer" data-testid="original-link">
            {article.siteName ?? new URL(article.url).hostname}
          </a>
        </p>
        <h1 class="reader-title">{article.title}</h1>
        <p class="reader-meta muted">
          {article.byline && <span>{article.byline}</span>}
          {published && !Number.isNaN(published.getTime()) && <time dateTime={article.publishedTime!}>{published.toLocaleDateString()}</time>}
          <span>{article.readingMinutes} min read</span>
        </p>
      </header>
      <div class="reader-body" ref={body} data-testid="reader-body" />
    </article>
  );
}
