// Detection's word count without Unicode property escapes (lib/detect/count-text.ts) counts as
// lib/reading-time's countText does, so the badge's estimate does not move.
import { describe, expect, it } from 'vitest';
import { countReadingText } from '../../lib/detect/count-text';
import { countText } from '../../lib/reading-time/index';

/** The blocks whose characters count-text.ts classifies exactly as countText does (see there). */
const EXACT: [number, number][] = [
  [0x0000, 0x03ff],
  [0x0589, 0x0589],
  [0x05be, 0x05be],
  [0x05c0, 0x05c0],
  [0x05c3, 0x05c3],
  [0x05f3, 0x05f4],
  [0x060c, 0x060d],
  [0x061b, 0x061b],
  [0x061f, 0x061f],
  [0x066a, 0x066d],
  [0x06d4, 0x06d4],
  [0x0964, 0x0965],
  [0x2000, 0x2bff],
  [0x2e00, 0x2e7f],
  [0x3000, 0x30ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfa6d],
  [0xfe30, 0xfe6f],
  [0xff00, 0xffef],
];

describe('countReadingText', () => {
  it('counts every character of those blocks as countText does: alone, between words and inside one', () => {
    const bad: string[] = [];
    for (const [a, b] of EXACT)
      for (let c = a; c <= b; c++) {
        const x = String.fromCharCode(c);
        for (const t of [x, `ab ${x} cd`, `ab${x}cd`, `${x}ab`, `ab ${x}${x}`])
          if (JSON.stringify(countReadingText(t)) !== JSON.stringify(countText(t))) bad.push(`U+${c.toString(16)} in ${JSON.stringify(t)}`);
      }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('counts prose in many scripts as countText does', () => {
    const texts = [
      "Don't stop: the state-of-the-art bridge cost 3.5 million, i.e. 1,000,000 more — or so they said (2024).",
      'Café naïve résumé, Straße über Öl; façade à la carte.',
      'Москва — столица России, 12 500 000 жителей.',
      'Η Αθήνα είναι η πρωτεύουσα της Ελλάδας· πολύ ωραία.',
      'القاهرة، عاصمة مصر؛ أكبر مدينة عربية؟ نعم ٣٫٥ مليون.',
      'ירושלים היא בירת ישראל׃ עיר עתיקה־חדשה.',
      'यह एक वाक्य है । और यह दूसरा है॥',
      '서울은 대한민국의 수도입니다. 인구는 약 천만 명입니다.',
      '東京は日本の首都です。人口は約1400万人、「大都市」です！',
      '北京是中国的首都，人口约两千万。ＡＢＣ　ｄｅｆ，１２３．',
      'Price: €20 ™ © ® → ★★★ ✓ done… “quoted” ‘words’ ① ② x² ½',
      'tabs\tand\nnew lines\r\nand\u00a0no-break\u2009thin\u200bzero-width',
    ];
    for (const t of texts) expect(countReadingText(t), t).toEqual(countText(t));
  });

  it('leaves text beyond those classes to countText: emoji, rare Han, Thai', () => {
    for (const t of [
      'Great news 🎉🎉 for everyone 👍',
      '𠀀𠀁 and 𝐀𝐁𝐂 bold',
      'ภาษาไทยไม่มีช่องว่าง ระหว่างคำ',
      'ພາສາລາວ',
      'ភាសាខ្មែរ',
      'မြန်မာဘာသာ',
    ])
      expect(countReadingText(t), t).toEqual(countText(t));
  });
});
