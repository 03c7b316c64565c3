// Word lists of the candidate tokenizer (candidates.ts): which words may sit inside a name, which
// never start a tag, and which abbreviations are never tags.

/** Stopwords that start names when capitalised mid-sentence ("New York", "St Louis"). */
export const NAME_PARTS = new Set([
  'new',
  'old',
  'united',
  'first',
  'grand',
  'great',
  'north',
  'south',
  'east',
  'west',
  'upper',
  'lower',
  'little',
  'st',
  'mt',
  'ft',
]);

/** Prefixes before a hyphen ("anti-drug", "ex-wife"): never a tag on their own. */
export const HYPHEN_PREFIXES = new Set([
  'anti',
  'ex',
  'non',
  'pre',
  'post',
  'pro',
  'co',
  're',
  'semi',
  'multi',
  'mid',
  'sub',
  'inter',
  'over',
  'under',
  'mega',
  'ultra',
  'mini',
  'quasi',
  'pseudo',
  'neo',
  'vice',
]);

// Abbreviations written with their dot ("Nashville, Tenn.", "Sat., March 3", "Brig. Gen. Smith"): US
// states in datelines, weekdays and ranks are never tags. Without the dot they are often names
// ("Del Negro", "Miss Universe", "Sun"), so only the dotted spelling is dropped.
export const DOT_ABBREVIATIONS = new Set(
  `ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa
  tenn tex vt va wash wis wyo n.y n.j n.h n.m n.c n.d s.c s.d r.i w.va
  mon tue tues wed thu thur thurs fri sat sun brig maj adm cpl pvt supt`.split(/\s+/),
);

// A weekday shortened without its dot in listings and datelines ("Black Box, Belfast, Sat; Dingwalls,
// London, Tue"): written this way (capital, then lowercase) it is a date, never a tag. "Sun" is left
// out (a newspaper, the star) and so are the lowercase words ("sat", "wed") and acronyms ("SAT").
export const SHORT_WEEKDAY = /^(?:Mon|Tues?|Wed|Thu|Thurs?|Fri|Sat)$/;

// Job titles written before a name ("President Donald Trump", "Mayor Bloomberg", "CEO Tim Cook"): the
// name is the tag, not the title. Royal and religious titles ("Prince Andrew", "Pope Francis") are part
// of the name and stay.
export const TITLES_BEFORE_NAMES = new Set(
  `president vice prime minister senator governor mayor chancellor secretary judge coach chief chairman chairwoman
  ceo director spokesman spokeswoman officer detective sheriff ambassador commissioner professor attorney
  candidate leader speaker deputy`.split(/\s+/),
);

/** Days and months: part of a name after a capitalised word ("Black Friday"). */
export const CALENDAR =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/;
