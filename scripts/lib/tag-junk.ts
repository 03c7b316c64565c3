// The benchmark's judge of junk tags: a shown tag is junk when it is a single word other than a noun
// or a name, words glued together that the text does not contain as such ("TrumpPutin" when the text
// says "Trump-Putin"), or the page's own site name or byline.
// Parts of speech come from wink-nlp's English model (a statistical tagger with its own lexicon, ~95%
// accuracy on the Penn Treebank), independent from the extension's en-lexicon table (lib/tags/pos.ts):
// a word the text uses is judged by its tags in context (majority of its occurrences), a word it never
// uses by tagging it alone. A word the text always writes capitalised, at least once mid-sentence, is a
// name whatever the tagger says (it calls "Cook" in "Tim Cook said" a verb).
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model);
const its = nlp.its;
const NOUNISH = new Set(['NOUN', 'PROPN']);

export type JunkKind = 'pos' | 'glued' | 'own-name';

export interface JudgeContext {
  title: string;
  text: string;
  siteName?: string | null;
  byline?: string | null;
  url?: string | null;
}

const flat = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** One article's judge: tags the text once, then judges any number of tags. */
export class JunkJudge {
  private readonly posOf = new Map<string, Map<string, number>>();
  private readonly posOfExact = new Map<string, Map<string, number>>();
  private readonly pairs = new Set<string>();
  /** Lowercased words seen lowercase somewhere / capitalised mid-sentence somewhere. */
  private readonly lowerSeen = new Set<string>();
  private readonly capMid = new Set<string>();
  private readonly own = new Set<string>();

  constructor(ctx: JudgeContext) {
    const doc = nlp.readDoc(`${ctx.title}\n\n${ctx.text}`);
    const words = doc.tokens().out() as string[];
    const tags = doc.tokens().out(its.pos) as string[];
    let prevWord = '';
    words.forEach((w, i) => {
      const lower = w.toLowerCase();
      if (/^\p{Ll}/u.test(w)) this.lowerSeen.add(lower);
      else if (/^\p{Lu}/u.test(w) && i > 0 && !/^[.!?:"“”]$|\n/.test(words[i - 1])) this.capMid.add(lower);
      for (const [map, key] of [
        [this.posOf, lower],
        [this.posOfExact, w],
      ] as const) {
        const m = map.get(key) ?? new Map<string, number>();
        m.set(tags[i], (m.get(tags[i]) ?? 0) + 1);
        map.set(key, m);
      }
      if (/^[\p{L}\p{N}]+$/u.test(w)) {
        if (prevWord) this.pairs.add(prevWord + lower);
        prevWord = lower;
      } else if (!/^[-–—'’]$/.test(w)) prevWord = ''; // "Trump-Putin" and "Trump Putin" both pair up
    });
    for (const s of [ctx.siteName ?? '', ctx.byline ?? '']) {
      if (!s.trim()) continue;
      this.own.add(flat(s));
      this.own.add(flat(s.replace(/^\s*(?:the|by)\s+/i, '')));
      for (const part of s.replace(/^\s*by\s+/i, '').split(/,|;|\||&|\band\b/i)) this.own.add(flat(part));
    }
    if (ctx.url) {
      try {
        const labels = new URL(ctx.url).hostname.replace(/^www\d*\./, '').split('.');
        this.own.add(flat(labels.join('.')));
        const main = labels.length > 2 && labels[labels.length - 2].length <= 3 ? labels[labels.length - 3] : labels[labels.length - 2];
        if (main) this.own.add(flat(main));
      } catch {
        /* no host to compare with */
      }
    }
    this.own.delete('');
  }

  /** Why the tag is junk, or null. */
  judge(tag: string): JunkKind | null {
    if (this.own.has(flat(tag))) return 'own-name';
    const t = tag.trim();
    if (!/^[\p{L}\p{N}.'’]+$/u.test(t)) return null; // more than one word
    const lower = t.toLowerCase();
    const inText = this.posOf.get(lower);
    if (!inText && (this.pairs.has(flat(t)) || /\p{Ll}\p{Lu}\p{Ll}/u.test(t))) return 'glued';
    // The tagger is English: other scripts are not judged; dotted acronyms ("U.S.") are names.
    if (!/^[a-z.'’]+$/i.test(t) || /^(?:[A-Z]\.)+[A-Z]?$/.test(t)) return null;
    if (this.capMid.has(lower) && !this.lowerSeen.has(lower)) return null;
    // As written first ("Cook" the name, not "cook" the verb), else in any case, else the word alone.
    const counts =
      this.posOfExact.get(t) ??
      inText ??
      new Map((nlp.readDoc(t).tokens().out(its.pos) as string[]).map((p) => [p, 1] as [string, number]));
    let noun = 0;
    let all = 0;
    for (const [p, n] of counts) {
      all += n;
      if (NOUNISH.has(p)) noun += n;
    }
    return all && noun * 2 >= all ? null : 'pos';
  }
}
