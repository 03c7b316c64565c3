import { describe, expect, it } from 'vitest';
import { DEFAULT_CJK_CPM, DEFAULT_WPM, countText, formatBadge, formatMinutes, imageSeconds, readingMinutes } from '../../lib/reading-time';

// Short real-language passages written for these tests.
const EN =
  "The city council voted on Tuesday to expand the bike-lane network, a plan that's been debated for three years. Supporters say it'll cut traffic by 12.5 percent.";
const DE =
  'Der Stadtrat hat am Dienstag beschlossen, das Radwegenetz auszubauen. Über den Plan wurde drei Jahre lang gestritten; Befürworter erwarten weniger Verkehr.';
const RU = 'Городской совет во вторник проголосовал за расширение сети велосипедных дорожек. Этот план обсуждали три года.';
const JA = '市議会は火曜日、自転車レーンの拡充を可決した。この計画は三年間議論されてきた。';
const ZH = '市议会周二投票决定扩建自行车道网络，这项计划已经争论了三年。';
const KO = '시의회는 화요일 자전거 도로망 확충 계획을 통과시켰다. 이 계획은 3년 동안 논의되어 왔다.';

describe('countText', () => {
  it('counts English words, keeping contractions, hyphenated words and decimals whole', () => {
    expect(countText(EN)).toEqual({ words: 27, cjkChars: 0 });
  });

  it('counts German words with umlauts as single words', () => {
    expect(countText(DE)).toEqual({ words: 21, cjkChars: 0 });
  });

  it('counts Russian (Cyrillic) words', () => {
    expect(countText(RU)).toEqual({ words: 15, cjkChars: 0 });
  });

  it('counts Japanese by characters (kanji and kana, not punctuation)', () => {
    // 37 characters of which 2 are the full stop 。 and 1 the comma 、
    expect(countText(JA)).toEqual({ words: 0, cjkChars: [...JA].length - 3 });
  });

  it('counts Chinese by characters (not punctuation)', () => {
    expect(countText(ZH)).toEqual({ words: 0, cjkChars: [...ZH].length - 2 });
  });

  it('counts Korean by words (eojeol between spaces), not by Hangul syllables', () => {
    // Korean is written with spaces; each eojeol is one word at the user's wpm.
    expect(countText(KO)).toEqual({ words: 13, cjkChars: 0 });
  });

  it('counts Latin words inside Japanese text as words', () => {
    expect(countText('AppleのiPhone 15は9月に発売された。')).toEqual({ words: 4, cjkChars: 9 });
  });

  it('counts Thai (no spaces) as words, never as zero', () => {
    const c = countText('สภาเมืองลงมติขยายเครือข่ายทางจักรยาน');
    expect(c.cjkChars).toBe(0);
    expect(c.words).toBeGreaterThanOrEqual(4);
  });

  it('ignores punctuation, symbols and whitespace-only input', () => {
    expect(countText('')).toEqual({ words: 0, cjkChars: 0 });
    expect(countText(' \n\t — … • © ')).toEqual({ words: 0, cjkChars: 0 });
  });
});

describe('readingMinutes', () => {
  it('never returns 0, even for empty text', () => {
    expect(readingMinutes({ words: 0, cjkChars: 0, images: 0 })).toBe(1);
    expect(readingMinutes({ ...countText(''), images: 0 })).toBe(1);
  });

  it('uses 238 wpm by default and rounds to whole minutes', () => {
    expect(DEFAULT_WPM).toBe(238);
    expect(readingMinutes({ words: 238 * 4, cjkChars: 0, images: 0 })).toBe(4);
    expect(readingMinutes({ words: 238 * 4 + 100, cjkChars: 0, images: 0 })).toBe(4);
    expect(readingMinutes({ words: 238 * 4 + 130, cjkChars: 0, images: 0 })).toBe(5);
  });

  it('reads CJK characters at 500 per minute', () => {
    expect(DEFAULT_CJK_CPM).toBe(500);
    expect(readingMinutes({ words: 0, cjkChars: 3000, images: 0 })).toBe(6);
  });

  it('adds words and CJK characters for mixed text', () => {
    expect(readingMinutes({ words: 238 * 2, cjkChars: 500 * 3, images: 0 })).toBe(5);
  });

  it('adds Medium-style image seconds: 12, 11, ... down to a 3 s floor', () => {
    expect(imageSeconds(0)).toBe(0);
    expect(imageSeconds(1)).toBe(12);
    expect(imageSeconds(3)).toBe(12 + 11 + 10);
    expect(imageSeconds(10)).toBe(12 + 11 + 10 + 9 + 8 + 7 + 6 + 5 + 4 + 3);
    expect(imageSeconds(12)).toBe(imageSeconds(10) + 3 + 3);
    // 1 minute of text + 10 images (75 s) = 2.25 min -> 2
    expect(readingMinutes({ words: 238, cjkChars: 0, images: 10 })).toBe(2);
    // 20 images alone: 75 + 10*3 = 105 s -> 2 min
    expect(readingMinutes({ words: 0, cjkChars: 0, images: 20 })).toBe(2);
  });

  it("applies the user's speed and ignores invalid speeds", () => {
    const counts = { words: 1200, cjkChars: 0, images: 0 };
    expect(readingMinutes(counts, { wpm: 400 })).toBe(3);
    expect(readingMinutes(counts, { wpm: 0 })).toBe(readingMinutes(counts));
    expect(readingMinutes(counts, { wpm: Number.NaN })).toBe(readingMinutes(counts));
    expect(readingMinutes({ words: 0, cjkChars: 1000, images: 0 }, { cjkCpm: 250 })).toBe(4);
  });

  it('gives comparable times for the same story in each language', () => {
    const times = [EN, DE, RU, JA, ZH, KO].map((t) => {
      const c = countText(t.repeat(100));
      return c.words / DEFAULT_WPM + c.cjkChars / DEFAULT_CJK_CPM;
    });
    // Same content: no language should come out more than 3x another.
    expect(Math.max(...times) / Math.min(...times)).toBeLessThan(3);
  });

  it('computes from stored counts so speed changes can be recomputed', () => {
    const counts = { ...countText(EN.repeat(40)), images: 2 }; // as stored by a save
    expect(counts).toEqual({ words: 27 * 40, cjkChars: 0, images: 2 });
    expect(readingMinutes(counts)).toBe(5); // 1080/238*60 = 272 s + 23 s = 295 s
    expect(readingMinutes(counts, { wpm: 540 })).toBe(2); // 120 s + 23 s = 143 s
  });
});

describe('formatting', () => {
  it('formats minutes for the popup', () => {
    expect(formatMinutes(4)).toBe('4 min');
    expect(formatMinutes(0)).toBe('1 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(65)).toBe('1 h 5 min');
  });

  it('formats the badge in at most 3 characters', () => {
    expect(formatBadge(4)).toBe('4m');
    expect(formatBadge(99)).toBe('99m');
    expect(formatBadge(150)).toBe('3h');
    expect(formatBadge(100000)).toBe('99h');
    for (const m of [1, 9, 59, 99, 100, 600, 5999, 1e6]) expect(formatBadge(m).length).toBeLessThanOrEqual(3);
  });
});
