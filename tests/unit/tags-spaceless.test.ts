// Text tags for Japanese and Chinese: words from Intl.Segmenter, phrases as runs of content words.
import { describe, expect, it } from 'vitest';
import { suggestTags, type TagInput } from '../../lib/tags';
import { spacelessLanguage, spacelessTextTags } from '../../lib/tags/spaceless-tags';

const JA: TagInput = {
  title: 'フォルクスワーゲン、電動バンを発表',
  text: [
    'フォルクスワーゲンは火曜日、ロサンゼルスの自動車ショーで電動バンのコンセプトを発表した。',
    '航続距離は約480キロ。電動バンは2022年に欧州で発売される予定だ。',
    '同社はWi-Fi経由のソフトウェア更新にも対応するとしている。Wi-Fiの設定はアプリで行う。',
    'フォルクスワーゲンは電動バンのほか、電動セダンも開発中だ。',
    '車内ではKindle for PCも使える。Kindle for PCは無料だ。',
  ].join('\n'),
  lang: 'ja',
};

describe('Japanese and Chinese text tags', () => {
  it('tells Japanese (kana in the text) from Chinese (Han alone) and from other scripts', () => {
    expect(spacelessLanguage(JA.text)).toBe('ja');
    expect(
      spacelessLanguage('大众汽车周二在洛杉矶车展上发布了电动货车概念车。续航里程约为480公里。大众汽车表示，电动货车将于2022年上市。'),
    ).toBe('zh');
    expect(spacelessLanguage('Volkswagen hat am Dienstag auf der Automesse einen elektrischen Transporter gezeigt.')).toBeNull();
  });

  it('gives kanji/katakana compounds whole, never with particles or a single kana', () => {
    const tags = suggestTags(JA);
    expect(tags).toContain('フォルクスワーゲン');
    expect(tags).toContain('電動バン');
    for (const t of tags) expect(t).not.toMatch(/[\p{Script=Hiragana}]/u);
    // "Wi-Fi" stays one word (the hyphen joins), English function words end a phrase.
    const ranked = spacelessTextTags(JA.title, JA.text, 'ja').map((t) => t.tag);
    expect(ranked).toContain('Wi-Fi');
    expect(ranked).not.toContain('Fi');
    expect(ranked).toContain('Kindle');
    expect(ranked.some((t) => /\bfor\b/.test(t))).toBe(false);
  });

  it('joins a katakana word the dictionary splits, and needs two sightings (or the title) for a phrase', () => {
    const ranked = spacelessTextTags(
      '新型車の発表',
      'ドゥカティジャパンは新型車を発表した。ドゥカティジャパンの社長が登壇した。会場は東京だった。',
      'ja',
    );
    const tags = ranked.map((t) => t.tag);
    expect(tags).toContain('ドゥカティジャパン');
    expect(tags.some((t) => t !== 'ドゥカティジャパン' && 'ドゥカティジャパン'.includes(t))).toBe(false);
    expect(tags).not.toContain('東京'); // once, not in the title
    expect(tags).not.toContain('会場');
  });

  it('splits Chinese at function words', () => {
    const zh = {
      title: '大众汽车发布电动货车',
      text: '大众汽车周二在洛杉矶车展上发布了电动货车概念车。续航里程约为480公里。大众汽车表示，电动货车将于2022年上市。',
    };
    const tags = suggestTags({ ...zh, lang: 'zh-CN' });
    expect(tags.some((t) => t.includes('大众'))).toBe(true);
    for (const t of tags) expect(t).not.toMatch(/[了在的]/u);
  });
});
