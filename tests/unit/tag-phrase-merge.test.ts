// How a longer phrase takes over a word or phrase that (almost) only occurs inside it
// (lib/tags/text-tags.ts, the merge step), and how the shown tags avoid a phrase and its parts.
import { describe, expect, it } from 'vitest';
import { pickShownTags, type RankedTag } from '../../lib/tags/index';
import { extractTextTags } from '../../lib/tags/text-tags';

// Enough different nouns that the ranked list fills up before the zero-scored lowercase phrases.
const NOUNS = (
  'harbour bridge tunnel museum library stadium airport railway hospital factory orchard vineyard ' +
  'monastery lighthouse castle cathedral market theatre gallery quarry canal reservoir glacier volcano ' +
  'desert prairie meadow marsh lagoon estuary island peninsula plateau canyon waterfall forest jungle ' +
  'savanna tundra beach cliff dune valley ridge summit crater geyser spring creek river delta bay ' +
  'gulf strait channel reef atoll archipelago fjord moor heath grove thicket pasture farmland ranch ' +
  'village hamlet township suburb borough county province territory kingdom empire republic duchy'
).split(' ');

function longText(extra: string): string {
  const sentences = NOUNS.map((n, i) => `The ${n} stood beside the ${NOUNS[(i * 7 + 3) % NOUNS.length]} for years.`);
  return [extra, ...sentences, extra].join(' ');
}

describe('phrase take-over', () => {
  it('shows a lowercase phrase instead of a word only seen inside it, however long the text (bubonic plague)', () => {
    const text = longText('He had bubonic plague, the doctors said, and bubonic plague is rare.');
    const tags = extractTextTags('Hunter in hospital', text).map((t) => t.tag);
    expect(tags).toContain('bubonic plague');
    expect(tags).not.toContain('bubonic');
  });

  it('never lets a lowercase phrase take over a name ("13-inch MacBook Pro" stays "MacBook Pro")', () => {
    const text =
      'Apple sells the 13-inch MacBook Pro to students. The 13-inch MacBook Pro has a new keyboard. ' +
      'Reviewers liked the 13-inch MacBook Pro more than the old one. Stores keep the MacBook Pro in stock.';
    const tags = extractTextTags('A new laptop', text).map((t) => t.tag);
    expect(tags[0]).toBe('MacBook Pro');
  });
});

describe('shown tags', () => {
  const text = (tag: string, score: number): RankedTag => ({ tag, score, source: 'text' });

  it('does not show a phrase next to a shown part of it, either way round (Swift / Taylor Swift)', () => {
    const ranked = [
      text('Swift', 100),
      text('Big Machine', 80),
      text('Taylor Swift', 70),
      text('music', 60),
      text('big machine label', 50),
    ];
    expect(pickShownTags(ranked)).toEqual(['Swift', 'Big Machine', 'music']);
  });
});
