// A realistic benchmark library, generated deterministically from source texts (see bench-corpus.ts).
// Pure: the same sources, size and seed give the same articles, so the first N of a larger library are
// a smaller one. What makes it realistic rather than flattering:
//  - every paragraph is unique across the library (sentences of a source recombined, numbers varied,
//    invented names added), so no two articles share a paragraph and the vocabulary grows with size as a
//    real library's does (names, figures);
//  - non-English sources (the Zyte pages' other languages, some CJK) are kept and CJK is over-sampled;
//  - sites and tags follow a Zipf long tail (a few very common, thousands seen once or twice);
//  - ~30 % of articles carry 1–3 real images, picked from a pool of PNGs of 20–200 KB (imagePool).
import type { ArticleRecord } from '../../lib/db/schema';
import { countText, readingMinutes } from '../../lib/reading-time/index';

export interface SourceText {
  title: string;
  paras: string[];
  /** Tags that belong to the text (KPCrowd keyphrases, topics). */
  tags: string[];
  /** The host it came from, when known. */
  site: string | null;
}

export interface GeneratedArticle {
  record: Omit<ArticleRecord, 'id'>;
  html: string;
  text: string;
  /** Images by pool index (imagePool): the bytes are sent to the page once, not per article. */
  images: { src: string; type: string; pooled: number }[];
}

export interface GenerateOptions {
  n: number;
  seed?: number;
  /** How many distinct images exist to pick from. */
  poolSize: number;
  imageShare?: number;
  now?: number;
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks index i of n with weight 1/(i+1)^s: a Zipf long tail. */
export function zipf(n: number, s: number, rand: () => number): () => number {
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cum[i] = total += 1 / (i + 1) ** s;
  return () => {
    const x = rand() * total;
    let lo = 0,
      hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;
export const isCjkText = (s: string): boolean => (s.match(CJK)?.length ?? 0) > s.length * 0.2;

/** Sentences of a paragraph (Latin and CJK full stops). */
export function sentences(p: string): string[] {
  return (p.match(/[^.!?。！？]+(?:[.!?。！？]+["'”’)]*|$)/g) ?? [p]).map((s) => s.trim()).filter((s) => s.length > 1);
}

const SYLLABLES = 'ka lo mi ren to vas el quin dor sa be na ri ul fen ta gor is mar ek lin zo pe har vi cal dun'.split(' ');
function inventedName(rand: () => number): string {
  const n = 2 + Math.floor(rand() * 3);
  let s = '';
  for (let i = 0; i < n; i++) s += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
  return s[0].toUpperCase() + s.slice(1);
}

/** 52-bit hash of a string (two FNV-1a lanes): uniqueness checks without keeping every paragraph. */
export function hash52(s: string): number {
  let a = 0x811c9dc5,
    b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 2 ** 20 + ((b >>> 0) & 0xfffff);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const SUFFIXES = ['.com', '.org', '.net', '.co.uk', '.de', '.fr', '.io', '.blog', '.substack.com', '.medium.com', '.news'];
const TOPICS = 'politics tech science culture business opinion health sport climate music film books travel food design history'.split(' ');

export function generateLibrary(sources: SourceText[], o: GenerateOptions): GeneratedArticle[] {
  const rand = prng(o.seed ?? 42);
  const now = o.now ?? Date.UTC(2026, 0, 1);
  const imageShare = o.imageShare ?? 0.3;
  const srcSentences = sources.map((s) => s.paras.map(sentences));
  // CJK sources are few (5 of 181 Zyte pages, a few Readability pages): weighted up to ~5 % of articles.
  const cjk = sources.map((s) => isCjkText(s.paras.join(' ')));
  const weights = sources.map((_, i) => (cjk[i] ? 3 : 1));
  const wTotal = weights.reduce((a, b) => a + b, 0);
  const pickSource = () => {
    let x = rand() * wTotal;
    for (let i = 0; i < weights.length; i++) if ((x -= weights[i]) < 0) return i;
    return weights.length - 1;
  };
  // Sites: the real hosts first, then a long tail of invented ones; Zipf over the lot.
  const realSites = [...new Set(sources.map((s) => s.site).filter((s): s is string => !!s))];
  const sites = [...realSites];
  for (let i = 0; sites.length < Math.max(400, o.n / 8); i++)
    sites.push(`${inventedName(rand).toLowerCase()}${SUFFIXES[i % SUFFIXES.length]}`);
  const pickSite = zipf(sites.length, 1.05, rand);
  const tagList = [...new Set([...TOPICS, ...sources.flatMap((s) => s.tags)])];
  const pickTag = zipf(tagList.length, 1.1, rand);
  const seen = new Set<number>();
  const out: GeneratedArticle[] = [];
  for (let i = 0; i < o.n; i++) {
    const si = pickSource();
    const src = sources[si];
    const sents = srcSentences[si];
    const other = pickSource();
    const name = `${inventedName(rand)} ${inventedName(rand)}`;
    // Length: ~700 words on average, from a few paragraphs to long reads of 60.
    const nParas = Math.min(60, 3 + Math.floor(-Math.log(1 - rand()) * 14));
    const paras: string[] = [];
    for (let k = 0; k < nParas; k++) {
      const from = rand() < 0.15 && !cjk[si] === !cjk[other] ? other : si;
      const pool = from === si ? sents : srcSentences[from];
      for (let attempt = 0; ; attempt++) {
        const p = pool[Math.floor(rand() * pool.length)];
        const start = Math.floor(rand() * p.length);
        const len = 2 + Math.floor(rand() * 4);
        let text = p.slice(start, start + len).join(' ');
        // Varied figures, and now and then someone quoted: realistic new words, unique paragraphs.
        if (rand() < 0.3) text = text.replace(/\d+/g, () => String(Math.floor(rand() * 1000)));
        if (attempt > 0 || rand() < 0.2)
          text += cjk[from] ? ` ${name}${attempt > 1 ? attempt : ''}。` : ` ${attempt > 1 ? `${inventedName(rand)} ` : ''}${name} said.`;
        const h = hash52(text);
        if (!seen.has(h) && text.length > 20) {
          seen.add(h);
          paras.push(text);
          break;
        }
        if (attempt > 6) break;
      }
    }
    if (!paras.length) {
      paras.push(`${name} ${i}: ${src.title}`);
    }
    const text = paras.join('\n\n');
    const host = rand() < 0.5 && src.site ? src.site : sites[pickSite()];
    const title =
      i < sources.length || rand() < 0.3
        ? src.title
        : paras[0]
            .split(/\s+/)
            .slice(0, 6 + Math.floor(rand() * 7))
            .join(' ')
            .replace(/[.,;:]$/, '')
            .slice(0, 120);
    const nImages = rand() < imageShare ? (rand() < 0.8 ? 1 : rand() < 0.75 ? 2 : 3) : 0;
    const images = Array.from({ length: nImages }, (_, k) => ({
      src: `https://${host}/media/${i}-${k}.png`,
      type: 'image/png',
      pooled: Math.floor(rand() * o.poolSize),
    }));
    const html =
      images.map((im) => `<figure><img src="${im.src}" alt=""><figcaption>${esc(name)}</figcaption></figure>`).join('') +
      paras.map((p) => `<p>${esc(p)}</p>`).join('');
    const tags = new Set<string>();
    if (src.tags.length && rand() < 0.7) tags.add(src.tags[Math.floor(rand() * src.tags.length)]);
    for (let k = Math.floor(rand() * 4); k > 0; k--) tags.add(tagList[pickTag()]);
    const counts = countText(text);
    const status = rand() < 0.35 ? 'archived' : 'unread';
    const savedAt = now - Math.floor(rand() * 5 * 365 * 86400_000);
    const url = `https://${host}/${i}/${title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 40)}`;
    out.push({
      record: {
        url,
        originalUrl: url,
        title,
        byline: rand() < 0.6 ? name : null,
        siteName: host,
        lang: cjk[si] ? null : 'en',
        publishedTime: null,
        excerpt: paras[0].slice(0, 200),
        savedAt,
        updatedAt: savedAt,
        status,
        favorite: rand() < 0.08 ? 1 : 0,
        tags: [...tags],
        tagCandidates: [...tags],
        tagsEdited: false,
        wordCount: counts.words,
        cjkChars: counts.cjkChars,
        imageCount: nImages,
        readingMinutes: readingMinutes({ ...counts, images: nImages }),
        progress: status === 'unread' && rand() < 0.06 ? Math.round(rand() * 900) / 1000 + 0.05 : 0,
        contentState: 'full',
        source: 'bench',
      },
      html,
      text,
      images,
    });
  }
  return out;
}
