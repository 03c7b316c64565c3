// Korean text tags (lib/tags/korean-tags.ts): a noun's particle taken off, nouns told by the particles
// they carry, runs of nouns as phrases; wired into suggestTags for Korean pages.
import { describe, expect, it } from 'vitest';
import { suggestTags } from '../../lib/tags/index';
import { isKoreanText, koreanTextTags } from '../../lib/tags/korean-tags';

// A news brief written for this test: an electric van shown at a motor show.
const TITLE = '현대자동차, 전기 화물차 콘셉트 공개…2025년 출시 예정';
const TEXT = `현대자동차가 24일 서울 모터쇼에서 전기 화물차 콘셉트를 공개했다. 현대자동차는 이 전기 화물차가 한 번 충전으로 400킬로미터를 달릴 수 있다고 밝혔다.
정의선 회장은 이날 기자회견에서 "전기 화물차는 도시 물류의 미래"라고 말했다. 정의선 회장은 또 배터리 공장 투자를 늘리겠다고 덧붙였다.
업계에서는 전기 화물차 시장이 빠르게 성장할 것으로 보고 있다. 배터리 가격이 내려가면서 전기 화물차의 가격도 낮아지고 있기 때문이다.
현대자동차의 경쟁사인 기아도 내년에 새로운 전기 화물차를 내놓을 계획이다. 새로운 규제를 발표하는 정부는 새로운 규제가 필요하다고 밝혔다. 경제적인 부담을 걱정하는 업계는 경제적인 부담이 크다고 말했다.
정부가 발표하는 기준은 내년에 바뀐다. 현대자동차는 목표를 밝혔지만 일정은 밝히지 않았다. 기아도 계획을 밝혔지만 가격은 공개하지 않았다.
업계는 수요가 있다는 분석과 위험이 있다는 지적을 함께 내놨다.
사진=현대자동차 제공. 김철수 기자`;

const tags = (title: string, text: string) => koreanTextTags(title, text).map((t) => t.tag);

describe('Korean text tags', () => {
  it('tells Korean text from Japanese, Chinese and English', () => {
    expect(isKoreanText(TEXT)).toBe(true);
    expect(isKoreanText('フォルクスワーゲンは火曜日、ロサンゼルスの自動車ショーで電動バンを発表した。')).toBe(false);
    expect(isKoreanText('大众汽车周二在洛杉矶车展上发布了电动货车概念车。续航里程约为480公里。')).toBe(false);
    expect(isKoreanText('Hyundai showed an electric van concept at the Seoul motor show on Tuesday.')).toBe(false);
  });

  it('counts a noun under each of its particles as one tag (현대자동차가, 현대자동차는, 현대자동차의: 5 sightings)', () => {
    const ranked = koreanTextTags(TITLE, TEXT);
    const hyundai = ranked.find((t) => t.tag === '현대자동차');
    expect(hyundai?.count).toBe(5);
    expect(ranked.map((t) => t.tag)).not.toContain('현대자동차가');
    expect(tags(TITLE, TEXT).slice(0, 2)).toEqual(['전기 화물차', '현대자동차']);
  });

  it('never makes a tag of a verb or adjective form, however often it recurs (밝혔다, 새로운, 발표하는, 있다는)', () => {
    const all = tags(TITLE, TEXT).join(' | ');
    for (const verb of ['밝혔', '새로운', '새로', '발표하', '있다', '달릴', '경제적인']) expect(all).not.toContain(verb);
  });

  it('keeps a name with its title as one phrase (정의선 회장), the topic particle 은 taken off', () => {
    expect(tags(TITLE, TEXT)).toContain('정의선 회장');
  });

  it("keeps a noun's last syllable that looks like a particle when the noun carries another particle elsewhere", () => {
    const text = '민주주의를 지키는 일은 어렵다. 시민들은 민주주의 교육과 민주주의 국가의 미래를 걱정한다. 민주주의 사회는 토론을 원한다.';
    const ranked = tags('민주주의 교육', text);
    expect(ranked).toContain('민주주의 교육');
    expect(ranked.join(' | ')).not.toMatch(/민주주(?!의)/);
  });

  it("never tags time words or a news page's credits (이번, 기자, 사진), nor lets them start a phrase", () => {
    const text =
      '이번 조사는 서울에서 진행됐다. 이번 조사의 결과는 놀라웠다. 연구진은 이번 조사를 확대한다. ' +
      '기자가 현장을 찾았다. 기자의 질문에 연구진이 답했다. 기자는 사진을 찍었다. 사진은 연구진이 제공했다. 사진의 출처는 연구진이다.';
    const ranked = tags('이번 조사 결과', text);
    expect(ranked).toContain('조사');
    expect(ranked).toContain('연구진');
    for (const t of ranked) expect(t).not.toMatch(/^(?:이번|기자|사진)/);
  });

  it('suggestTags tags a Korean article from its text', () => {
    const shown = suggestTags({ title: TITLE, text: TEXT, lang: 'ko', url: 'https://news.example.kr/view/123' });
    expect(shown.slice(0, 2)).toEqual(['전기 화물차', '현대자동차']);
    expect(shown).toContain('정의선 회장');
    expect(shown.length).toBeLessThanOrEqual(5);
  });
});
