export interface ExtractedArticle {
  title: string;
  byline: string | null;
  siteName: string | null;
  /** BCP 47 language tag from the page, e.g. "en", "de-DE". */
  lang: string | null;
  /** ISO-8601, or null when the page does not say. */
  publishedTime: string | null;
  excerpt: string | null;
  /** Article HTML, image URLs absolute; sanitized (DOMPurify) unless the caller passed sanitize: false. */
  content: string;
  /** Plain text of the article body, paragraphs separated by blank lines. */
  text: string;
  /** <link rel=canonical> or og:url resolved against the page URL; null when absent. */
  canonicalUrl: string | null;
  /** Absolute URLs of the images in `content`, in order, without duplicates. */
  images: string[];
  /** Tags the publisher declared in metadata, raw (rawPublisherTags): rankTags filters them. */
  publisherTags: string[];
}
