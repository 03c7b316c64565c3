// W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors) into an article's
// text: the text of its rendered body (lib/highlights/dom-text textOf).

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface HighlightTarget {
  quote: TextQuoteSelector;
  /** null for imported quotes never placed in stored content. */
  position: TextPositionSelector | null;
}
