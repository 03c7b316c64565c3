import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEnglishText, rankTags, suggestTags, type TagInput } from '../../lib/tags';
import { CROWD_KEY_WEIGHTS, extractTextTags } from '../../lib/tags/text-tags';
import { idf, OOV_IDF, zipf } from '../../lib/tags/word-freq';
import { tagKey } from '../../lib/tags/normalize';
import { describeCorpus, sharedPath } from './corpus';

// A short news-style article written for these tests.
const EN: TagInput = {
  title: 'Volkswagen unveils electric van concept at Los Angeles auto show',
  text: `Volkswagen showed a new electric van concept at the Los Angeles auto show on Tuesday, betting that
families will trade their minivans for battery power. The concept, which Volkswagen calls the ID Space
Vizzion, has a range of about 300 miles and could reach showrooms in 2021.
Volkswagen executives said the electric van is part of a plan to sell a million electric cars a year by 2025.
Rivals including Ford and Nissan also brought electric concepts to Los Angeles, where the auto show opens to
the public this weekend. Analysts said battery costs remain the biggest hurdle for electric vans.
"The battery is still the most expensive part of the car," one analyst said. Volkswagen did not give a price.`,
  lang: 'en',
  url: 'https://www.example.com/autos/vw-van',
};

describe('word frequency table', () => {
  it('knows common and rare English words', () => {
    expect(zipf('the')).toBeGreaterThan(7);
    expect(zipf('unemployment')).toBeGreaterThan(3.5);
    expect(zipf('qwzxv')).toBeNull();
    expect(idf('the')).toBeLessThan(idf('battery'));
    expect(idf('battery')).toBeLessThan(OOV_IDF);
  });
});

const ZIPF_TSV = sharedPath('corpora/wordfreq-en-small/en-small-zipf.tsv');
describeCorpus('generated word table (needs ../shared)', ZIPF_TSV, () => {
  it('matches the wordfreq list it was built from (every 50th word)', () => {
    const rows = readFileSync(ZIPF_TSV, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'));
    expect(rows.length).toBe(28917);
    for (let i = 0; i < rows.length; i += 50) {
      const [word, z] = rows[i];
      if (/\s/.test(word)) continue;
      expect(zipf(word), word).toBeCloseTo(Number(z), 2);
    }
  });
});

describe('extractTextTags', () => {
  it('ranks the topical words and names of an English article first', () => {
    const tags = extractTextTags(EN.title, EN.text).map((t) => t.tag);
    expect(tags.slice(0, 3)).toContain('Volkswagen');
    expect(tags.slice(0, 8).map((t) => t.toLowerCase())).toEqual(expect.arrayContaining(['los angeles', 'electric']));
    // Function words and reporting verbs never become tags.
    for (const junk of ['the', 'said', 'which', 'also', 'this']) expect(tags.map((t) => t.toLowerCase())).not.toContain(junk);
  });

  it('keeps a name phrase instead of its parts when the parts only occur inside it', () => {
    const tags = extractTextTags(EN.title, EN.text).map((t) => t.tag);
    expect(tags).toContain('Los Angeles');
    expect(tags).not.toContain('Angeles');
  });

  it('shows a one-word name as the full name it was introduced with, but not a modifier as its phrase', () => {
    const text = `Police said Ilhan Omar received the threats by phone. Ilhan Omar thanked the officers.
Omar said the calls began in May. Omar has received threats before, and Omar asked for calm.
The Apple Watch sold well, as did the older Apple Watch. Apple said Apple would ship more. Apple shares rose as Apple grew.`;
    const tags = extractTextTags('Threats against a congresswoman', text).map((t) => t.tag);
    expect(tags).toContain('Ilhan Omar');
    expect(tags).not.toContain('Omar');
    // "Apple" heads no name phrase ("Apple Watch" is headed by "Watch"): it stays a tag of its own.
    expect(tags).toContain('Apple');
    // Off, the surname ranks on its own.
    expect(extractTextTags('Threats against a congresswoman', text, { nameCoref: false }).map((t) => t.tag)).toContain('Omar');
  });

  it('merges inflections (Porter stems) into one tag', () => {
    const tags = extractTextTags('Batteries', 'The battery is cheap. Batteries are cheaper. A battery lasts.').map((t) => tagKey(t.tag));
    expect(tags.filter((k) => k === tagKey('battery'))).toHaveLength(1);
  });

  it('decodes HTML entities left in feed text instead of making tags of them', () => {
    const tags = extractTextTags(
      '&#039;Bones&#039; star expecting',
      'The star of &#039;Bones&#039; is expecting. Bones fans &amp; critics cheered the Bones star.',
    ).map((t) => t.tag.toLowerCase());
    expect(tags).toContain('bones');
    expect(tags.some((t) => /039|amp|&/.test(t))).toBe(false);
  });

  it('never makes a tag of a hyphen prefix, a URL or an e-mail address', () => {
    const tags = extractTextTags(
      'Anti-drug campaign',
      'The anti-drug campaign is back. See http://po.st/campaign for the campaign. His ex-wife wrote to press@example.com about the anti-drug campaign.',
    ).map((t) => t.tag.toLowerCase());
    expect(tags).toContain('campaign');
    expect(tags.some((t) => /^(anti|ex)$|http|po\.st|example|press@/.test(t))).toBe(false);
  });

  it('ranks a word that keeps coming back through the text above one that clusters in one place', () => {
    // Same counts, same IDF class, neither in the title; "harbor" spans the text, "ferry" one spot.
    const filler = 'Residents met at the hall and talked for hours about the plan. ';
    const text = `The harbor was busy. The ferry left. The ferry came back. ${filler.repeat(6)}Later the harbor was calm.`;
    const score = (w: string, o = {}) => extractTextTags('Town notes', text, o).find((t) => t.key === w)?.score ?? 0;
    expect(score('harbor')).toBeGreaterThan(score('ferri'));
    const flat = { spreadBoost: 0 };
    expect(score('harbor') / score('ferri')).toBeGreaterThan(score('harbor', flat) / score('ferri', flat));
  });

  it('ranks a word used on its own above one that only appears inside the same longer phrase', () => {
    // "granite" and "quarry" both occur twice; "granite" only ever as part of "granite countertops".
    const filler = 'Neighbours talked about the plan at the town hall for hours. ';
    const text = `The quarry opened. ${filler.repeat(3)}Granite countertops sold well. ${filler.repeat(3)}The quarry closed.${filler}Buyers wanted granite countertops.`;
    const score = (w: string, o = {}) => extractTextTags('Town notes', text, o).find((t) => t.key === w)?.score ?? 0;
    expect(score('granit')).toBeGreaterThan(0);
    expect(score('quarri') / score('granit')).toBeGreaterThan(
      score('quarri', { wordFragmentFactor: 1 }) / score('granit', { wordFragmentFactor: 1 }),
    );
  });

  it('boosts only words first seen in the opening half of the text, more the earlier', () => {
    // "lantern" first appears ~60% through the text, "harbor" at its start: only "harbor" is boosted.
    const filler = 'Residents met at the hall and talked for hours about the plan. ';
    const text = `The harbor was busy. ${filler.repeat(5)}A lantern hung there. ${filler.repeat(3)}The lantern and the harbor stayed.`;
    const score = (w: string, o = {}) => extractTextTags('Town notes', text, o).find((t) => t.key === w)?.score ?? 0;
    const flat = { positionBoost: 0 };
    expect(score('lantern')).toBeGreaterThan(0);
    expect(score('lantern')).toBeCloseTo(score('lantern', flat), 6);
    expect(score('harbor') / score('harbor', flat)).toBeGreaterThan(1.4);
  });

  it('counts a phrase seen only in the title at half the weight of one the body also uses', () => {
    const text = 'The harbor was busy all week. Boats came and went from the harbor.';
    const score = (w: string, o = {}) => extractTextTags('Harbor regatta', text, o).find((t) => t.key === w)?.score ?? 0;
    expect(score('regatta')).toBeGreaterThan(0);
    expect(score('regatta') / score('regatta', { titleOnlyFactor: 1 })).toBeCloseTo(0.5, 6);
    // A title word the body uses is not affected.
    expect(score('harbor')).toBeCloseTo(score('harbor', { titleOnlyFactor: 1 }), 6);
  });

  it('log-linear scoring (crowd-key weights) is deterministic and still ranks topical words first', () => {
    const a = extractTextTags(EN.title, EN.text, { linear: CROWD_KEY_WEIGHTS }).map((t) => t.tag);
    expect(extractTextTags(EN.title, EN.text, { linear: CROWD_KEY_WEIGHTS }).map((t) => t.tag)).toEqual(a);
    expect(a.slice(0, 5).map((t) => t.toLowerCase())).toEqual(expect.arrayContaining(['volkswagen', 'electric']));
  });

  it('returns nothing for empty text', () => {
    expect(extractTextTags('', '')).toEqual([]);
  });
});

describe('rankTags / suggestTags', () => {
  it('puts publisher tags first, in their order, then text tags without duplicates', () => {
    const ranked = rankTags({ ...EN, publisherTags: ['Volkswagen', 'Electric Vehicles', 'LA Auto Show'] });
    expect(ranked.slice(0, 3).map((t) => [t.tag, t.source])).toEqual([
      ['Volkswagen', 'publisher'],
      ['Electric Vehicles', 'publisher'],
      ['LA Auto Show', 'publisher'],
    ]);
    const keys = ranked.map((t) => tagKey(t.tag));
    expect(new Set(keys).size).toBe(keys.length);
    expect(ranked.slice(3).every((t) => t.source === 'text')).toBe(true);
  });

  it('filters junk publisher tags passed in (site name, generic words)', () => {
    const tags = suggestTags({ ...EN, publisherTags: ['Example', 'News', 'Volkswagen'], siteName: 'Example' });
    expect(tags[0]).toBe('Volkswagen');
    expect(tags).not.toContain('Example');
    expect(tags).not.toContain('News');
  });

  it('shows 5 to 8 tags for a normal article and is deterministic', () => {
    const a = suggestTags(EN);
    expect(a.length).toBeGreaterThanOrEqual(5);
    expect(a.length).toBeLessThanOrEqual(8);
    expect(suggestTags({ ...EN })).toEqual(a);
    expect(suggestTags(EN, 3)).toEqual(a.slice(0, 3));
  });

  it('runs no English extraction on non-English pages; publisher tags still come first', () => {
    const de: TagInput = {
      title: 'Volkswagen zeigt elektrischen Transporter in Los Angeles',
      text: 'Volkswagen hat am Dienstag auf der Automesse in Los Angeles ein Konzept für einen elektrischen Transporter gezeigt. Die Reichweite soll bei etwa 480 Kilometern liegen, und das Fahrzeug könnte 2021 in den Handel kommen. Der Konzern will bis 2025 jährlich eine Million Elektroautos verkaufen.',
      lang: 'de',
    };
    // German function words split the phrases (tags-other-languages.test.ts): no English stopword
    // leaves "Die Reichweite" or "Der Konzern" as a phrase, and the publisher's tags come first.
    for (const t of suggestTags(de)) expect(t).not.toMatch(/^(?:die|der|das|und|ein|eine)\b/i);
    expect(suggestTags({ ...de, publisherTags: ['Elektromobilität', 'Volkswagen'] }).slice(0, 2)).toEqual([
      'Elektromobilität',
      'Volkswagen',
    ]);
  });

  it('runs the English extractor on English text even when the page mislabels its lang', () => {
    expect(isEnglishText(EN.text, 'de')).toBe(true);
    expect(suggestTags({ ...EN, lang: 'de' }).length).toBeGreaterThanOrEqual(5);
    expect(
      isEnglishText('Der Konzern will bis 2025 jährlich eine Million Elektroautos verkaufen und hat dafür Milliarden investiert.', 'en'),
    ).toBe(false);
  });

  it('handles missing fields and tiny input without throwing', () => {
    expect(rankTags({ title: '', text: '' })).toEqual([]);
    expect(suggestTags({ title: 'Hello', text: 'Hi.' })).toEqual([]);
  });
});
