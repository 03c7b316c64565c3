import { describe, expect, it } from 'vitest';
import { suggestTagLists, suggestTags, TAGS_SHOWN } from '../../lib/tags';
import { posClass } from '../../lib/tags/pos';
import { bylineNames, TagChecker } from '../../lib/tags/tag-checks';
import { tagSuggestions } from '../../lib/tags/suggestions';

// A news story like the WordPress page in issue 16, which declared
// keywords ["happy","Moscow","negotiations","Russia","TrumpPutin","worried"].
const SUMMIT = {
  title: 'Trump-Putin summit ends without a deal on Ukraine',
  text: `The Trump-Putin meeting in Moscow ended on Friday without an agreement, officials said.
Negotiations over a ceasefire will continue next week, according to diplomats in Moscow.
Allies in Europe were worried that the talks would sideline Ukraine, while the Kremlin said it was happy with the tone.
Russia has demanded guarantees before any further negotiations. The Trump-Putin format may be repeated in the autumn,
but several senators said they were worried about concessions to Russia. Negotiations on prisoner exchanges went better.`,
  lang: 'en',
  publisherTags: ['happy', 'Moscow', 'negotiations', 'Russia', 'TrumpPutin', 'worried'],
  siteName: 'Capitol Wire',
  url: 'https://capitolwire.example.com/2025/08/summit',
};

describe('publisher tags checked against the article', () => {
  it('drops adjectives and verb forms and the glued "TrumpPutin" (the text says "Trump-Putin"); keeps the nouns and names', () => {
    const tags = suggestTags(SUMMIT);
    expect(tags).toEqual(expect.arrayContaining(['Moscow', 'negotiations', 'Russia']));
    for (const junk of ['happy', 'worried', 'TrumpPutin']) expect(tags).not.toContain(junk);
    const lists = suggestTagLists(SUMMIT);
    for (const junk of ['happy', 'worried', 'TrumpPutin']) expect(lists.candidates).not.toContain(junk);
  });

  it('keeps editorial subject tags the text never says, while junk beside them goes', () => {
    const tags = suggestTags({
      ...SUMMIT,
      publisherTags: ['United States Politics and Government', 'Governors Elections', 'inside', 'Russia'],
    });
    expect(tags.slice(0, 3)).toEqual(['United States Politics and Government', 'Governors Elections', 'Russia']);
    expect(tags).not.toContain('inside');
  });

  it('keeps an -ing activity name the lexicon does not know ("Beekeeping") while known verb forms need a noun use', () => {
    const text =
      'Hives are back on the roofs of the old tram depot. Keepers say rooftop beekeeping takes patience. Charging ahead, the city added more hives.';
    const checker = new TagChecker({ title: 'The Quiet Return of Rooftop Beekeeping', text });
    expect(checker.reject('Beekeeping')).toBeNull();
    expect(checker.reject('charging')).toBe('not-a-noun');
  });

  it("drops the page's own site name and its byline's authors, from publisher and text tags alike", () => {
    const text = `Daily Planet reporter Lois Lane spent a week with the city's night-shift bus drivers.
Lois Lane rode the last buses through the harbour district, where drivers said the new timetable was exhausting.
"We asked the Daily Planet to look at the rota," one driver told Lois Lane. The Daily Planet asked the transit authority for comment.
The bus drivers' union said the timetable would be reviewed. Lois Lane will follow the bus drivers again next month.`;
    const input = {
      title: 'A week on the night buses',
      text,
      lang: 'en',
      siteName: 'The Daily Planet',
      byline: 'By Lois Lane and Jimmy Olsen',
      publisherTags: ['Jimmy Olsen', 'Lois Lane', 'Public Transport', 'Daily Planet'],
      url: 'https://dailyplanet.example.com/night-buses',
    };
    const lists = suggestTagLists(input);
    expect(lists.shown).toContain('Public Transport');
    for (const own of ['Lois Lane', 'Jimmy Olsen', 'Daily Planet']) expect(lists.candidates).not.toContain(own);
  });

  it('applies at most 5 tags; the rest stay candidates for one-click suggestions', () => {
    const publisherTags = ['Moscow', 'Russia', 'negotiations', 'Ukraine', 'Kremlin', 'ceasefire', 'diplomacy', 'Europe'];
    const lists = suggestTagLists({ ...SUMMIT, publisherTags });
    expect(TAGS_SHOWN).toBe(5);
    expect(lists.shown).toEqual(publisherTags.slice(0, 5));
    expect(lists.candidates.slice(0, 8)).toEqual(publisherTags);
    expect(suggestTags({ ...SUMMIT, publisherTags })).toHaveLength(5);
    expect(tagSuggestions(lists.candidates, lists.shown).slice(0, 3)).toEqual(['ceasefire', 'diplomacy', 'Europe']);
  });
});

describe('text tags', () => {
  it('a blog post with no metadata does not get "sat", "hummed", "inside" or "dust"', () => {
    const tags = suggestTags({
      title: 'Notes from the cabin',
      text: `I sat on the porch for most of the morning while Grandpa hummed an old tune by the stove.
Later I went inside. Nobody had been inside since spring, and a film of dust covered the sideboard.
The cat sat on the windowsill. I sat down with a notebook while the kettle hummed on the sideboard.
By evening we sat inside by the sideboard, where the radio hummed softly and the fire crackled in the stove.`,
      lang: 'en',
    });
    expect(tags).toEqual(expect.arrayContaining(['sideboard', 'stove']));
    for (const junk of ['sat', 'hummed', 'inside', 'dust']) expect(tags).not.toContain(junk);
  });

  it('applies only text tags sure enough: weak ones stay candidates (two good tags beat five weak ones)', () => {
    const input = {
      title: 'Volkswagen recalls the ID.4 over a battery fault',
      text: `Volkswagen is recalling 20,000 ID.4 crossovers because a battery fault can cut power while driving.
Volkswagen said the battery fault affects cars built last spring, and owners will be told by letter.
Dealers will replace the battery module for free. Volkswagen expects the work to take a day.
The company also thanked customers for their patience on a busy morning.`,
      lang: 'en',
    };
    const lists = suggestTagLists(input);
    expect(lists.shown.length).toBeLessThan(5);
    expect(lists.shown).toEqual(expect.arrayContaining(['Volkswagen', 'battery fault']));
    for (const weak of ['Dealers', 'patience', 'owners']) {
      expect(lists.shown).not.toContain(weak);
      expect(lists.candidates).toContain(weak);
    }
  });
});

describe('TagChecker', () => {
  const checker = (text: string, extra: { siteName?: string; byline?: string } = {}) => new TagChecker({ title: '', text, ...extra });

  it('tells glued words from real ones', () => {
    const c = checker('Talks on climate change and the Trump-Putin summit. YouTube and football fans watched on YouTube.');
    expect(c.reject('TrumpPutin')).toBe('glued');
    expect(c.reject('climatechange')).toBe('glued');
    expect(c.reject('YouTube')).toBeNull();
    expect(c.reject('football')).toBeNull();
  });

  it('keeps a word the text writes as a name even when the lexicon calls it an adjective', () => {
    const c = checker('Users of Brave say the browser is fast. Many switched to Brave last year. A brave choice.');
    expect(c.reject('Brave')).toBeNull();
    expect(checker('It was a brave choice and a brave team.').reject('brave')).toBe('not-a-noun');
  });

  it('judges words rarer than the lexicon by their ending, and acronyms as names', () => {
    const c = checker('The engine hummed. The EU met.');
    expect(c.reject('hummed')).toBe('not-a-noun');
    expect(c.reject('EU')).toBeNull();
  });

  it('splits bylines into authors', () => {
    expect(bylineNames('By Jane Doe and John Smith, Reuters')).toEqual([
      'Jane Doe and John Smith, Reuters',
      'Jane Doe',
      'John Smith',
      'Reuters',
    ]);
    expect(bylineNames('')).toEqual([]);
  });
});

describe('posClass (lexicon table)', () => {
  it('knows nouns, names and other parts of speech', () => {
    expect(['radio', 'dust', 'negotiations', 'attack', 'politics'].map(posClass)).toEqual(['noun', 'noun', 'noun', 'noun', 'noun']);
    expect(['moscow', 'Russia'].map(posClass)).toEqual(['name', 'name']);
    expect(['happy', 'worried', 'inside', 'sat'].map(posClass)).toEqual(['other', 'other', 'other', 'other']);
    expect(posClass('zzqxv')).toBe('unknown');
  });
});
