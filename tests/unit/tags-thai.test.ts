// Thai text tags (lib/tags/thai-tags.ts): runs of content words between function words, a phrase
// starting only with a word the text shows as a noun, parts of a longer phrase left out; wired into
// suggestTags for Thai pages (they had no text tags).
import { describe, expect, it } from 'vitest';
import { suggestTags } from '../../lib/tags/index';
import { isThaiText, thaiTextTags } from '../../lib/tags/thai-tags';

// A news brief written for this test: a flood in Chiang Mai (เชียงใหม่), the Ping river (แม่น้ำปิง).
const TITLE = 'น้ำท่วมเชียงใหม่ ชาวบ้านอพยพ';
const TEXT = [
  'น้ำท่วมหนักในเชียงใหม่หลังฝนตกต่อเนื่องสามวัน ผู้ว่าราชการจังหวัดเชียงใหม่สั่งอพยพชาวบ้านออกจากพื้นที่เสี่ยง',
  'เจ้าหน้าที่ยืนยันว่าระดับน้ำในแม่น้ำปิงสูงขึ้นอย่างรวดเร็ว ชาวบ้านในหลายหมู่บ้านขนของขึ้นที่สูง',
  'ผู้สื่อข่าวรายงานว่ากรมอุตุนิยมวิทยาเตือนว่าฝนจะตกหนักต่อไปอีกสองวัน ผู้สื่อข่าวรายงานว่าเจ้าหน้าที่ยืนยันว่าโรงพยาบาลในเชียงใหม่ยังเปิดให้บริการตามปกติ',
  'ระดับน้ำในแม่น้ำปิงจะลดลงในสัปดาห์หน้า ชาวบ้านอพยพไปอยู่ที่โรงเรียน ผู้สื่อข่าวในพื้นที่ติดตามสถานการณ์อย่างต่อเนื่อง',
].join(' ');

const tags = () => thaiTextTags(TITLE, TEXT).map((t) => t.tag);

describe('Thai text tags', () => {
  it('tells Thai text from English, Japanese and Lao', () => {
    expect(isThaiText(TEXT)).toBe(true);
    expect(isThaiText('Floods hit Chiang Mai as the Ping river rises after three days of rain.')).toBe(false);
    expect(isThaiText('フォルクスワーゲンは火曜日、ロサンゼルスの自動車ショーで電動バンを発表した。')).toBe(false);
    expect(isThaiText('ນ້ຳຖ້ວມໃນແຂວງຫຼວງພະບາງ ຊາວບ້ານອົບພະຍົບອອກຈາກເຂດສ່ຽງ')).toBe(false);
  });

  it('gives a Thai page its places and people as tags (it had none), not a half of ต่อ|เนื่อง "continuous"', () => {
    expect(suggestTags({ title: TITLE, text: TEXT, lang: 'th' })).toEqual(['เชียงใหม่', 'ชาวบ้าน', 'แม่น้ำปิง']);
    // The page's lang is often missing: the script decides.
    expect(suggestTags({ title: TITLE, text: TEXT })).toEqual(['เชียงใหม่', 'ชาวบ้าน', 'แม่น้ำปิง']);
  });

  it('never makes a tag of a verb, however often it recurs (ยืนยัน, รายงาน, อพยพ, เตือน), nor of a noun and its verb seen once (ชาวบ้านอพยพ)', () => {
    const all = tags().join(' | ');
    for (const verb of ['ยืนยัน', 'รายงาน', 'อพยพ', 'เตือน', 'ตก']) expect(all).not.toContain(verb);
  });

  it('shows a compound the segmenter splits as one tag, not its parts (แม่|น้ำ|ปิง)', () => {
    const all = tags();
    expect(all).toContain('แม่น้ำปิง');
    expect(all).not.toContain('แม่น้ำ');
    expect(all).not.toContain('แม่');
    expect(all).not.toContain('ผู้สื่อ'); // of ผู้สื่อข่าว
  });

  it('takes a noun prefix with its word (ชาว|บ้าน) but never a news credit (ผู้สื่อข่าว "reporter")', () => {
    expect(tags()).toContain('ชาวบ้าน');
    expect(tags()).not.toContain('ชาว');
    expect(tags()).not.toContain('ผู้สื่อข่าว');
  });

  it('keeps a Latin name or acronym seen twice (PM2.5), not Latin function words', () => {
    const t = thaiTextTags(
      'ฝุ่น PM2.5 ในกรุงเทพมหานคร',
      'ค่าฝุ่น PM2.5 ในกรุงเทพมหานครเกินมาตรฐาน The แพทย์เตือนว่าฝุ่น PM2.5 เป็นอันตรายต่อสุขภาพ The',
    ).map((x) => x.tag);
    expect(t).toContain('PM2.5');
    expect(t).toContain('กรุงเทพมหานคร');
    expect(t).not.toContain('The');
  });

  it('takes a word right before "go", "up", "already" … as a verb: no noun-and-verb tag when the headline repeats in the body', () => {
    // The extraction keeps the headline in the text: ชาวบ้านอพยพ "villagers evacuate" is then seen twice.
    const all = thaiTextTags(TITLE, `${TITLE} ${TEXT}`).map((t) => t.tag);
    expect(all).toContain('ชาวบ้าน');
    expect(all.join(' | ')).not.toContain('อพยพ');
  });

  it('keeps a name the segmenter splits even when its last part is a verb elsewhere (ภู|ชนะ, ชนะ "win")', () => {
    const text =
      'นายภูชนะเดินทางออกจากบ้านเมื่อคืนวันศุกร์ ญาติของภูชนะแจ้งความกับตำรวจในเชียงใหม่ ' + 'ตำรวจพบภูชนะแล้วที่โรงพยาบาลในเชียงใหม่ ภรรยาของภูชนะขอบคุณตำรวจ';
    expect(thaiTextTags('ตำรวจพบภูชนะ', text).map((t) => t.tag)).toContain('ภูชนะ');
  });

  it('takes a phrase of several words only when the body repeats it, not from the title and one sighting', () => {
    // ชาวบ้านเชียงใหม่เดือดร้อน "Chiang Mai villagers suffer": a clause, in the title and once in the body.
    const title = 'ชาวบ้านเชียงใหม่เดือดร้อน';
    const all = thaiTextTags(title, `${TEXT} ${title}`).map((t) => t.tag);
    expect(all).toContain('ชาวบ้าน');
    expect(all.join(' | ')).not.toContain('เดือดร้อน');
  });
});
