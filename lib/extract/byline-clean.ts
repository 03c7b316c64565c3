// Byline text → the name(s) in it, or null. Readability keeps any byline element's text under 100
// characters as it is; we take off a leading "By" label and drop what is plainly no name (a date
// alone, a link, "admin", a sentence), and where we would reject a line that holds a name followed by
// a time line or a date, keep the name rather than lose both.
import { HAS_LETTER, LETTER } from './letter-class';

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATEISH = new RegExp(
  `(?:\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}|\\b(?:${MONTHS})\\.?\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+(?:${MONTHS})\\b|\\b\\d{1,2}:\\d{2}\\b|\\b(?:(?:last\\s+)?updated|published|posted)\\b)`,
  'i',
);
const TWO_WORDS = new RegExp(`${LETTER}{3,}\\s+${LETTER}{3,}`);
/** A leading "By" label (English, also "Analysis by", French, German, Dutch, Spanish/Portuguese): not part of the name. */
export const BY_LABEL = /^(?:(?:written|posted|analysis|opinion)\s+by|by|par|von|door|por)(?:[:\s]+|$)/i;
/** "· Posted: Oct 14, 2022 …", "| Last Updated 3 hours ago": a time line after the name. */
const TIME_TAIL = /(?:^|\s+[|·•,–—-]?\s*)\b(?:(?:last\s+)?updated|published|posted)\b(?!\s+by\b)[\s\S]*$/i;
/** A social handle after the name ("Kate Fazzini@KateFazzini", "Julia Horowitz @juliakh November 29"): not an e-mail address. */
const HANDLE_TAIL = /\s*[([]?@[A-Za-z0-9_]{2,30}\b(?![.@])[\s\S]*$/;
const EDGE = /^[\s|,:;·•–—-]+|[\s|,:;·•–—-]+$/g;
const NOT_A_NAME = /^(?:by|and|admin|administrator|staff|null|undefined|unknown|author)$/i;
// A link alone is not a name; a name followed by its home page is.
const LINK_ONLY = /^(?:https?:|www\.)\S*$|^\S+\.(?:com|org|net)\/\S*$/i;
/** Lower-case words names do contain (particles, "and" between names). */
const PARTICLE = /^(?:and|und|et|y|e|i|og|en|de|del|della|der|den|des|di|da|do|dos|du|la|le|van|von|vom|zu|bin|ibn|al|el|ter|ten|of)$/;

function nameLike(s: string): boolean {
  return s.length >= 2 && s.length <= 100 && !NOT_A_NAME.test(s) && !LINK_ONLY.test(s) && HAS_LETTER.test(s) && !sentenceLike(s);
}

/**
 * Many words, a good share of them lower case: a sentence ("… is our correspondent in …"), not a list
 * of names. A long list of capitalised names ("Ana Ruiz, Ben Okafor, … and Dan Black") is kept.
 */
function sentenceLike(s: string): boolean {
  const words = s.split(/\s+/).filter((w) => HAS_LETTER.test(w));
  if (words.length <= 12) return false;
  return words.filter((w) => /^[a-z]/.test(w) && !PARTICLE.test(w)).length * 4 > words.length;
}

const trimEdges = (s: string) => s.replace(EDGE, '').trim();
/** Where a byline's parts meet: a comma, a middle dot or bar, a spaced dash. */
const BYLINE_PART = /\s*[,·|•]\s*|\s+[-–—]\s+/g;

/** A reading-time note ("Lesedauer: 8 Minuten", "5 min read", "4 min leestijd", "3 minuti di lettura"): never part of a name. */
const READ_TIME =
  /\b(?:lesedauer|lesezeit|reading time|read time|temps de lecture|tiempo de lectura|tempo d[ei] le(?:i|t)tura|leestijd|czas czytania|l[äe]s(?:e|n)tid)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min(?:uten?|utes?|uti|utos|s)?\.?)?|\b\d+\s*(?:min(?:uten?|utes?|uti|utos|s)?\.?)\s+(?:read|reading|lesen|lesezeit|leestijd|de lecture|de lectura|de leitura|di lettura|czytania|l[äe]s(?:e|n)(?:ing|tid))\b|\d+\s*分で読め\S*/gi;
const LEADING_LETTER = new RegExp(`^${LETTER}`);
/** A part that is only a date or a time ("15.05.2020", "07:11 Uhr", "Dec. 5, 2024, 9:30 a.m."). */
const DATE_PART = new RegExp(
  `^(?:${DATEISH.source}|\\d{1,2}\\.?\\s+${LETTER}{3,}\\.?\\s+\\d{4}|${LETTER}{3,}\\.?\\s+\\d{1,2},?\\s+\\d{4}|\\d{4}年\\d{1,2}月\\d{1,2}日|\\d+|[,.:]|uhr|[ap]\\.?m\\.?|gmt|utc|[ecmp][sd]?t|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\b\\.?|\\s)+$`,
  'i',
);
/**
 * A date set off after the name by a separator ("Jane Doe | March 3, 2024", "Jan Jansen · 2 mei 2024")
 * is no part of it. One after a plain space stays, as Readability keeps it ("Nathan Willis March 25,
 * 2015"), unless the line is a meta line (`meta`: it held a reading time): "Jan Jansen 2 mei 2024 4 min leestijd".
 */
function withoutTrailingDate(t: string, meta: boolean): string {
  for (const m of t.matchAll(meta ? / /g : BYLINE_PART)) {
    const head = t.slice(0, m.index);
    if (/\d/.test(head)) break;
    const tail = t.slice(m.index! + m[0].length);
    // The weekday starting the date, glued to the name ("Jeff FoustMonday, November 18, 2019") or not.
    if (/\d/.test(tail) && DATE_PART.test(tail)) return head.replace(/(?:\s+|([a-z]))(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$/, '$1');
  }
  return t;
}

/** "Wednesday January 18, 2017 10:44 am PST by Juli Clover": a date, then the "by" label and the name. */
const DATE_THEN_BY = /^(.+?)\s+by\s+/i;
// The two patterns with Unicode property escapes are built on first use: written as literals, each
// costs its parse on every injection of the extraction script, bylines or not.
let GLUED_BY: RegExp | null = null;
let NAME_START: RegExp | null = null;
/** A "By" label glued to the name ("ByNatasha Daly"): a capital B, then a capitalised word. */
const gluedBy = () => (GLUED_BY ??= new RegExp('^By(?=\\p{Lu}\\p{Ll})', 'u'));
/** How a name starts: a capital, or a letter of a script without case. */
const nameStart = () => (NAME_START ??= new RegExp('^(?:\\p{Lu}|\\p{Lo})', 'u'));

/**
 * The byline without a reading-time note and without the date or time parts it starts with: "15.05.2020,
 * 07:11 | Lesedauer: 8 Minuten Melanie Wassink" → "Melanie Wassink". A date after the name stays
 * (Readability keeps "Nathan Willis March 25, 2015" as written).
 */
function withoutLeadingDate(s: string): string {
  const t = s.replace(READ_TIME, ' ').replace(/\s+/g, ' ').trim();
  const by = DATE_THEN_BY.exec(t);
  if (by && /\d/.test(by[1]) && DATE_PART.test(by[1]) && nameStart().test(t.slice(by[0].length))) return t.slice(by[0].length);
  let start = 0;
  for (const m of t.matchAll(BYLINE_PART)) {
    if (!DATE_PART.test(t.slice(start, m.index))) break;
    start = m.index! + m[0].length;
  }
  const rest = trimEdges(t.slice(start));
  // What follows must start as a name does (not "2019 at 6:01 am", the rest of a date).
  if (start && LEADING_LETTER.test(rest)) return rest;
  return HAS_LETTER.test(t) ? t : s;
}

/** The byline as written when it reads as names (a date among them is fine), else null. */
function asWritten(s: string): string | null {
  if (!DATEISH.test(s)) return nameLike(s) ? s : null;
  return TWO_WORDS.test(s.replace(DATEISH, '')) && nameLike(s) ? s : null;
}

/**
 * A job title or posting after the names, in a few languages: ", Staff Writer", " Envoyés spéciaux à
 * Toulouse", "(Bruxelles, bureau européen)". Alone ("Political Commentator") it is no name at all.
 */
const ROLE_TAIL =
  /(?:\s*\([^()]*?\b|(?:^|\W+)(?:(?:senior|chief|staff|political|special)\s+)*)((?:envoy|inviat|enviad)\S*|commentator|[ck]orr[ie]spon\w*|reporter|editor|writer|columnist|journalist\w*|r[eé]da[ck]t\w*|bureau)s?\b.*$/i;

/** The text is only a role ("Political Commentator"): its name is written elsewhere, often just before it. */
export const onlyRole = (s: string): boolean => ROLE_TAIL.exec(s.trim())?.index === 0;

/** The byline without a role after the names (see ROLE_TAIL); null when it is only a role. */
function withoutRole(b: string | null): string | null {
  const m = b && ROLE_TAIL.exec(b);
  if (!m) return b;
  let head = b!.slice(0, m.index);
  // A role written last ends its part of the line, with the words before it: "TOM KRISHER, AP Auto
  // Writer", "Jane Doe - 29 December 2014 Digital Editor". One written first ("Envoyés spéciaux") starts there.
  const mid = /^\s+\w/.test(m[0]) && !/^[eiEI]n[vw]/.test(m[1]);
  const part = mid ? [...head.matchAll(BYLINE_PART)].at(-1) : undefined;
  if (part) head = head.slice(0, part.index);
  head = trimEdges(head);
  // No separator before the role: where the name ends is a guess past three words ("Andrea Stone Senior
  // Washington Correspondent"); the line stays whole rather than keep half a title.
  if (mid && !part && head.split(' ').length > 3) return b;
  // "… is a political commentator": a sentence about the writer, not a role after a name.
  return / [a-z]+$/.test(head) ? b : nameLike(head) ? head : null;
}

/**
 * Cleans a byline candidate: strips a leading "By" (glued too: "ByNatasha Daly"), leading date parts and
 * reading-time notes, rejects empty/"by"/dates/URLs/sentences. A "Posted/Updated …" time line comes off
 * ("Emily Kirkpatrick Updated on December 12, 2016" → "Emily Kirkpatrick"); otherwise a line kept as
 * written stays whole, as Readability keeps it ("Nathan Willis March 25, 2015"), and only a line we would
 * reject is cut before its first date ("Laura E. Adkins December 28, 2016" → "Laura E. Adkins"). Null
 * when no name remains. A role after the names comes off (see ROLE_TAIL).
 */
export function cleanByline(raw: string | null | undefined): string | null {
  return withoutRole(unglued(cleanLine(raw)));
}

/** A role glued to the name, as the text of a name element and a role element next to it reads ("Howard BlumeStaff Writer"). */
function unglued(b: string | null): string | null {
  for (const m of b?.matchAll(/[a-z](?=[A-Z])/g) ?? []) {
    const rest = b!.slice(m.index + 1);
    if (onlyRole(rest)) return `${b!.slice(0, m.index + 1)} ${rest}`;
  }
  return b;
}

function cleanLine(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const line = trimEdges(withoutLeadingDate(trimEdges(raw.replace(/\s+/g, ' '))));
  const unlabelled = trimEdges(withoutTrailingDate(line, raw.search(READ_TIME) >= 0)).replace(BY_LABEL, '');
  // Only a line starting "By" can hold a glued label: the pattern is not built for the others.
  const full = trimEdges(unlabelled.startsWith('By') ? unlabelled.replace(gluedBy(), '') : unlabelled);
  // The name ends where a social handle starts (what follows is the handle, dates, buttons).
  const named = trimEdges(full.replace(HANDLE_TAIL, ''));
  const s = named && nameLike(named) ? named : full;
  // A "Posted / Updated …" time line is no part of the name, whether or not the whole line reads as one.
  const head = trimEdges(s.replace(TIME_TAIL, ''));
  if (head !== s && HAS_LETTER.test(head)) {
    const b = asWritten(head);
    if (b) return b;
  }
  const whole = asWritten(s);
  if (whole) return whole;
  const date = DATEISH.exec(s);
  if (!date) return null;
  const before = trimEdges(
    s
      .slice(0, date.index)
      .trim()
      .replace(/\s(?:on|at|am|le|el|il|du)$/i, ''),
  );
  return before && !DATEISH.test(before) && nameLike(before) ? before : null;
}

/**
 * The byline cut before its first part (after the first) that names the site: "Jane Doe, CNN" →
 * "Jane Doe", "Pete Evans · CBC News · Posted: …" → "Pete Evans". The site is the publisher, not a
 * writer. A byline that is only the site's name, or whose head is no name, stays as it is.
 */
export function withoutSite(byline: string, isSite: (part: string) => boolean): string {
  for (const m of byline.matchAll(BYLINE_PART)) {
    const rest = byline.slice(m.index! + m[0].length);
    const part = rest.split(BYLINE_PART)[0];
    if (!isSite(part)) continue;
    const head = cleanByline(byline.slice(0, m.index));
    return head ?? byline;
  }
  return byline;
}
