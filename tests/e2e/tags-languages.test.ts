// The popup's tags on articles in other languages, in Chromium: a Portuguese article tagged from its
// own function words, a Japanese one from the browser's word segmenter (Intl.Segmenter in the offscreen
// document), a Korean one with its nouns' particles taken off, a Thai one from the segmenter's words, nouns
// only. Screenshots under test-results/screenshots/ for review.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PT_PARAGRAPHS, PT_TITLE } from '../helpers/portuguese-article';
import { ROOT, launchWithExtension, openPopupFor, serveGeneratedPages, type ExtensionSession, type FixtureServer } from './harness';

const SHOTS = join(ROOT, 'test-results/screenshots');

const page = (lang: string, title: string, paragraphs: string[]) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head>
<body><header><a href="/">Diário</a></header><main><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></main><footer>© 2026</footer></body></html>`;

const PT = page('pt-BR', PT_TITLE, PT_PARAGRAPHS);

const JA = page('ja', 'フォルクスワーゲン、電動バンを発表', [
  'フォルクスワーゲンは火曜日、ロサンゼルスの自動車ショーで電動バンのコンセプトを発表した。同社が電動バンを一般に公開するのは初めてで、会場には多くの来場者が集まった。',
  '電動バンの航続距離は約480キロで、急速充電に対応する。フォルクスワーゲンによると、電動バンは2022年に欧州で発売される予定で、価格は今後発表するという。',
  '車内の設定はスマートフォンのアプリで行い、ソフトウェアの更新はWi-Fi経由で自動的に配信される。Wi-Fiがない場所では携帯電話の回線を使う。',
  'フォルクスワーゲンは電動バンのほか、電動セダンや電動SUVも開発中で、2025年までに電動車の販売を年間100万台に増やす計画を掲げている。',
  '自動車ショーでは他社も電動車を相次いで発表しており、電動バンの市場は今後さらに競争が激しくなりそうだ。',
]);

const KO = page('ko', '현대자동차, 전기 화물차 콘셉트 공개', [
  '현대자동차가 24일 서울 모터쇼에서 전기 화물차 콘셉트를 공개했다. 현대자동차는 이 전기 화물차가 한 번 충전으로 400킬로미터를 달릴 수 있다고 밝혔다. 회사가 전기 화물차를 일반에 공개한 것은 처음이며, 전시장에는 많은 관람객이 몰렸다.',
  '정의선 회장은 이날 기자회견에서 "전기 화물차는 도시 물류의 미래"라고 말했다. 정의선 회장은 또 배터리 공장 투자를 늘리고 충전소를 전국에 세우겠다고 덧붙였다.',
  '업계에서는 전기 화물차 시장이 빠르게 성장할 것으로 보고 있다. 배터리 가격이 내려가면서 전기 화물차의 가격도 낮아지고 있기 때문이다. 택배 회사들도 새로운 차량을 찾고 있다.',
  '현대자동차의 경쟁사인 기아도 내년에 새로운 전기 화물차를 내놓을 계획이다. 기아는 충전 시간을 줄인 배터리를 쓰겠다고 밝혔다.',
  '전문가들은 충전소가 늘어나야 전기 화물차가 널리 쓰일 것이라고 내다봤다.',
]);

// A flood in Chiang Mai (เชียงใหม่): villagers (ชาวบ้าน) evacuate as the Ping river (แม่น้ำปิง) rises.
const TH = page('th', 'น้ำท่วมเชียงใหม่ ชาวบ้านอพยพ', [
  'น้ำท่วมหนักในเชียงใหม่หลังฝนตกต่อเนื่องสามวัน ผู้ว่าราชการจังหวัดเชียงใหม่สั่งอพยพชาวบ้านออกจากพื้นที่เสี่ยงริมแม่น้ำปิง เจ้าหน้าที่ยืนยันว่าระดับน้ำในแม่น้ำปิงสูงขึ้นอย่างรวดเร็วในช่วงกลางคืน',
  'ชาวบ้านในหลายหมู่บ้านขนของขึ้นที่สูง ชาวบ้านอพยพไปอยู่ที่โรงเรียนและวัดใกล้เคียง เจ้าหน้าที่ทหารนำเรือมาช่วยชาวบ้านที่ติดอยู่ในบ้าน',
  'กรมอุตุนิยมวิทยาเตือนว่าฝนจะตกหนักต่อไปอีกสองวัน และขอให้ชาวบ้านในเชียงใหม่ติดตามข่าวอย่างใกล้ชิด ผู้สื่อข่าวรายงานว่าถนนหลายสายในตัวเมืองเชียงใหม่ถูกปิด',
  'เจ้าหน้าที่ยืนยันว่าโรงพยาบาลในเชียงใหม่ยังเปิดให้บริการตามปกติ แต่ผู้ป่วยที่ไม่จำเป็นควรเลื่อนการเดินทางออกไปก่อน',
  'ระดับน้ำในแม่น้ำปิงจะลดลงในสัปดาห์หน้า หากไม่มีฝนตกเพิ่ม ผู้สื่อข่าวในพื้นที่ติดตามสถานการณ์อย่างต่อเนื่อง',
]);

describe('tags in other languages, in the popup (Chromium)', () => {
  let s: ExtensionSession;
  let server: FixtureServer;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveGeneratedPages({ 'pt.html': PT, 'ja.html': JA, 'ko.html': KO, 'th.html': TH });
    s = await launchWithExtension();
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  const popupTags = async (name: string, shot: string) => {
    const url = server.url(name);
    const tab = await s.context.newPage();
    await tab.goto(url);
    const popup = await openPopupFor(s, await s.tabIdOf(url));
    await popup.setViewportSize({ width: 380, height: 560 });
    await expect.poll(() => popup.locator('.tag').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const tags = (await popup.locator('.tag').allTextContents()).map((t) => t.replace(/×$/, '').trim());
    await popup.screenshot({ path: join(SHOTS, shot), fullPage: true });
    await popup.close();
    await tab.close();
    return tags;
  };

  it('tags a Portuguese article with its subjects, not its verbs or function words', async () => {
    const tags = await popupTags('pt.html', 'popup-tags-portuguese.png');
    expect(tags).toContain('transporte escolar');
    expect(tags).toContain('prefeitura');
    expect(tags.length).toBeLessThanOrEqual(5);
    for (const t of tags) expect(['anunciou', 'disse', 'nesta', 'mais', 'cerca', 'hoje', 'a', 'o', 'de']).not.toContain(t.toLowerCase());
  });

  it('tags a Japanese article with whole words found by the browser segmenter', async () => {
    const tags = await popupTags('ja.html', 'popup-tags-japanese.png');
    expect(tags).toContain('フォルクスワーゲン');
    expect(tags).toContain('電動バン');
    for (const t of tags) expect(t).not.toMatch(/\p{Script=Hiragana}/u);
  });

  it('tags a Korean article with its nouns, particles taken off, never a verb form', async () => {
    const tags = await popupTags('ko.html', 'popup-tags-korean.png');
    expect(tags).toContain('전기 화물차');
    expect(tags).toContain('현대자동차');
    expect(tags.length).toBeLessThanOrEqual(5);
    // No noun with its particle still on, no verb or adjective form.
    for (const t of tags) expect(t).not.toMatch(/(?:가|는|를|의|다|운)$/);
  });

  it('tags a Thai article with nouns found by the browser segmenter, never a verb', async () => {
    const tags = await popupTags('th.html', 'popup-tags-thai.png');
    expect(tags).toContain('เชียงใหม่');
    expect(tags).toContain('แม่น้ำปิง');
    for (const t of tags) expect(t).not.toMatch(/ยืนยัน|รายงาน|อพยพ|เตือน/);
  });
});
