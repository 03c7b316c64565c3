// Key phrases of Korean text. Korean spaces its words (eojeol), but a noun carries its case particle
// glued on: 정부가, 정부는, 정부의 are all 정부. So each word loses a trailing particle, and a stem counts as
// a noun only on evidence: somewhere in the text it carries a particle that only follows nouns (을/를, 이/가,
// 의, 에서, 와/과 …). Verbs and adjectives never do (밝혔다, 새로운), so they never become tags, without a
// dictionary. A phrase is a run of nouns written side by side (문재인 대통령, 전기 화물차), as a compound
// or a name with a title is; ranking is the Japanese/Chinese one (spaceless-tags.ts).
import { rankPhraseStats, scriptCounts, type PhraseStat } from './spaceless-tags';
import type { TextTag } from './text-tags';

/** Korean when Hangul syllables are at least 40 % of the letters of the text's start. */
export function isKoreanText(text: string): boolean {
  const c = scriptCounts(text);
  return !!c && c.hangul / c.letters >= 0.4;
}

/** Particles that follow nouns only: a word ending in one is a noun with its particle (longest first). */
const NOUN_PARTICLES = (
  '에서부터 에서는 에서도 에서의 에게서 에게는 으로부터 으로는 으로도 으로서 으로써 이라는 에서 에게 께서 으로 까지 부터 ' +
  '처럼 에는 에도 와의 과의 이다 이며 이나 을 를 이 가 의 에 와 과'
).split(' ');
/** The topic particles, which also end verb forms (달리는, 밝히는): a noun's when the stem does not look verbal. */
const TOPIC_PARTICLES = ['은', '는'];
/** Other particles that also end verb forms (해도, 했지만): stripped, but no evidence of a noun. */
const LOOSE_PARTICLES = ['로는', '로도', '로서', '로', '도', '만', '보다', '마저', '조차', '라는'];
const PARTICLES = [
  ...NOUN_PARTICLES.map((p) => ({ p, kind: 'noun' as const })),
  ...TOPIC_PARTICLES.map((p) => ({ p, kind: 'topic' as const })),
  ...LOOSE_PARTICLES.map((p) => ({ p, kind: 'loose' as const })),
].sort((a, b) => b.p.length - a.p.length);
/**
 * Last syllables of verb stems before 는 (발표하는, 밝히는, 달리는, 보이는, 내려가는) and of a quoted statement
 * (있다는, 했다는): that 는 is no topic particle.
 */
const VERB_STEM_END = /[하되있없히리이가오주보내지르우어아여다]$/;

/**
 * Words that say nothing of a subject: time and place words, quantities, adverbs, the words of a news
 * page's credits (기자, 사진, 무단 전재). They end a phrase.
 */
const STOP = new Set(
  (
    '이번 지난 올해 작년 내년 오늘 어제 내일 이날 당시 현재 최근 이후 이전 그동안 앞서 한편 또한 그러나 하지만 그리고 ' +
    '때문 대해 대한 관련 통해 위해 따라 가운데 경우 정도 부분 이상 이하 이내 사이 사실 내용 문제 상황 결과 과정 방법 ' +
    '이유 필요 생각 시간 자리 모습 모두 함께 다시 이미 가장 매우 아주 특히 바로 계속 직접 여전히 아직 이제 지금 먼저 ' +
    '우리 자신 그들 이들 그녀 당신 저희 누구 무엇 여기 거기 이것 그것 여러 모든 다른 대부분 일부 전체 각각 정말 물론 결국 약간 기자 특파원 사진 제공 무단 전재 ' +
    '배포 금지 저작권 뉴스 기사 댓글 구독 이메일'
  ).split(' '),
);

/** A Hangul stem of two syllables or more, or a Latin name or acronym of two letters or more, digits allowed. */
const STEM = /^(?:[\uac00-\ud7a3][\uac00-\ud7a3\p{N}]+|[\p{Script=Latin}\p{N}]*\p{Script=Latin}[\p{Script=Latin}\p{N}]+)$/u;
/**
 * Last syllables of verb and adjective forms (밝혔다, 하고, 하며, 있는, 중요한, 된, 새로운, 다른, 경제적인):
 * not a noun before a noun.
 */
const VERBAL_END = /(?:[다고며면서게는은을한된던지요죠니운른]|적인)$/;

interface Word {
  stem: string;
  /** Carries a particle that only follows nouns. */
  nounParticle: boolean;
  /** Carries any particle: a noun phrase ends here. */
  particle: boolean;
}

/** The word with one trailing particle taken off when a stem of two syllables or more stays. */
function split(word: string, known: ReadonlySet<string>): Word {
  // A stem seen elsewhere with a noun's particle keeps its last syllable (민주주의, not 민주주 + 의).
  if (known.has(word)) return { stem: word, nounParticle: false, particle: false };
  for (const { p, kind } of PARTICLES) {
    if (word.length - p.length < 2 || !word.endsWith(p)) continue;
    const stem = word.slice(0, -p.length);
    return { stem, nounParticle: kind === 'noun' || (kind === 'topic' && !VERB_STEM_END.test(stem)), particle: true };
  }
  return { stem: word, nounParticle: false, particle: false };
}

/** Sentences' words (Hangul, Latin, digits), a punctuation mark or quote ending a run. */
function sentences(text: string): string[][] {
  return text.split(/[^\p{L}\p{N}\s]+/u).map((s) => s.split(/\s+/).filter(Boolean));
}

/** Stems that carry a noun's particle somewhere in the title or text. */
function nounStems(parts: string[][][]): Set<string> {
  const nouns = new Set<string>();
  const none = new Set<string>();
  for (const part of parts)
    for (const words of part)
      for (const w of words) {
        const s = split(w, none);
        if (s.nounParticle && STEM.test(s.stem) && !STOP.has(s.stem)) nouns.add(s.stem);
      }
  return nouns;
}

/** Runs of nouns: every word before the last is bare (no particle) and not a verb form; the last may carry one. */
function nounRuns(words: string[], nouns: ReadonlySet<string>): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  const end = () => {
    if (run.length) out.push(run);
    run = [];
  };
  for (const w of words) {
    const { stem, particle } = split(w, nouns);
    const noun = nouns.has(stem);
    // A bare word of a noun's shape before a noun modifies it (문재인 대통령), though no particle vouches for it.
    const modifier = !particle && STEM.test(stem) && !STOP.has(stem) && !VERBAL_END.test(stem);
    if (noun || modifier) run.push(stem);
    else end();
    if (particle) end();
  }
  end();
  // Runs must end on a noun the text vouches for: a leading modifier alone is no phrase.
  return out
    .map((r) => {
      let n = r.length;
      while (n && !nouns.has(r[n - 1])) n--;
      return r.slice(0, n);
    })
    .filter((r) => r.length);
}

/**
 * Ranked key phrases of Korean text (best first): nouns and runs of nouns seen twice in the body, or in
 * the title and the body.
 */
export function koreanTextTags(title: string, text: string, limit = 30): TextTag[] {
  const parts = [sentences(title), sentences(text)];
  const nouns = nounStems(parts);
  const stats = new Map<string, PhraseStat>();
  let pos = 0;
  const add = (run: string[], inTitle: boolean) => {
    for (let n = 1; n <= 3; n++)
      for (let i = 0; i + n <= run.length; i++) {
        // A part must end on a noun the text vouches for ("문재인 대통령", "대통령"; not "문재인" alone).
        if (!nouns.has(run[i + n - 1])) continue;
        const tag = run.slice(i, i + n).join(' ');
        let s = stats.get(tag);
        if (!s) stats.set(tag, (s = { tag, count: 0, first: pos + i, inTitle: false }));
        if (inTitle) s.inTitle = true;
        else if (!s.count++) s.first = pos + i;
      }
  };
  for (const words of parts[0]) for (const r of nounRuns(words, nouns)) add(r, true);
  for (const words of parts[1])
    for (const r of nounRuns(words, nouns)) {
      add(r, false);
      pos += r.length;
    }
  return rankPhraseStats(stats, pos, limit);
}
