// lib/reading-time's countText without its Unicode property escapes, for the badge's estimate in the
// always-on content script: compiling \p{L}, \p{M}, \p{N} and the script classes there took about 3 ms
// cold per article page, most of the count slice (bench:detect). Characters are split into separators
// (what neither starts nor continues a word there), joiners (marks and '’_-, which continue a word but
// do not start one) and the rest (letters and digits), exactly as countText's classes split them for
// Basic Latin to Greek, the punctuation and symbol blocks, CJK and the halfwidth/fullwidth forms
// (classes written out from those \p sets, tests/unit/count-text.test.ts checks every such character);
// other blocks count as letters, as they mostly are. Text with characters beyond the BMP (emoji, rare
// Han) or in scripts written without spaces (Thai, Lao, Khmer, Myanmar: Intl.Segmenter) goes to countText.
import { countText } from '../reading-time/index';

const SEPARATORS = String.raw`\x00-&(-,.\x2f:-@\x5b-\x5e\x60{-\xa9\xab-\xb1\xb4\xb6-\xb8\xbb\xbf\xd7\xf7\u02c2-\u02c5\u02d2-\u02df\u02e5-\u02eb\u02ed\u02ef-\u02ff\u0375\u0378\u0379\u037e\u0380-\u0385\u0387\u038b\u038d\u03a2\u03f6\u0589\u05be\u05c0\u05c3\u05f3\u05f4\u060c\u060d\u061b\u061f\u066a-\u066d\u06d4\u0964\u0965\u2000-\u2018\u201a-\u206f\u2072\u2073\u207a-\u207e\u208a-\u208f\u209d-\u20cf\u20f1-\u2101\u2103-\u2106\u2108\u2109\u2114\u2116-\u2118\u211e-\u2123\u2125\u2127\u2129\u212e\u213a\u213b\u2140-\u2144\u214a-\u214d\u214f\u218a-\u245f\u249c-\u24e9\u2500-\u2775\u2794-\u2bff\u2e00-\u2e2e\u2e30-\u2e7f\u3000-\u3004\u3008-\u3020\u3030\u3036\u3037\u303d-\u3040\u3097\u3098\u309b\u309c\u30a0\u30fb\ufe30-\ufe6f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\uffbf-\uffc1\uffc8\uffc9\uffd0\uffd1\uffd8\uffd9\uffdd-\uffef`;
const JOINERS = String.raw`\x27\x2d_\u0300-\u036f\u2019\u20d0-\u20f0\u302a-\u302f\u3099\u309a`;
const CJK = String.raw`\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u32d0-\u32fe\u3300-\u3357\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\uff66-\uff9f`;
const DIGITS = String.raw`0-9\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\uff10-\uff19`;
const ELSEWHERE = /[\ud800-\udfff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\ua9e0-\ua9ff\uaa60-\uaa7f]/;

let word: RegExp | undefined, cjk: RegExp | undefined;

/** Words and Chinese/Japanese characters of `text`, as countText counts them. */
export function countReadingText(text: string): { words: number; cjkChars: number } {
  if (ELSEWHERE.test(text)) return countText(text);
  // Built on first use: the classes share one copy of the separators, and a page that is no article never compiles them.
  // eslint-disable-next-line no-misleading-character-class -- combining marks are joiners here on purpose (they continue a word, as \p{M} does)
  word ??= new RegExp(`[^\\s${SEPARATORS}${CJK}${JOINERS}][^\\s${SEPARATORS}${CJK}]*(?:[.,][${DIGITS}]+)*`, 'g');
  cjk ??= new RegExp(`[${CJK}]`, 'g');
  return { words: text.match(word)?.length ?? 0, cjkChars: text.match(cjk)?.length ?? 0 };
}
