// English words that delimit candidate phrases and never start or end a tag: function words,
// auxiliaries, pronouns, quantifiers, abbreviated amounts ("bn", "pct", "Rs"), reporting verbs and
// vague adverbs. Kept short on purpose: ordinary content words ("world", "research", "state", "AI")
// must stay candidates, and the word-frequency IDF already pushes common content words down.
const WORDS = `
a about above across after afterwards again against ago ah ahead all almost alone along already also although
always am among amongst an and another any anybody anyhow anyone anything anyway anyways anywhere are aren't
around as aside at away back be became because become becomes becoming been before beforehand behind being
below beside besides best better between beyond both brief but by came can can't cannot cant certain certainly
clearly come comes could couldn't did didn't do does doesn't doing don't done down during each earlier early
eg eight either eighteen eleven else elsewhere enough especially etc even ever every everybody everyone
everything everywhere exactly except far few fifteen fifth first five for former formerly forty four from
further furthermore get gets getting given gives go goes going gone got gotten had hadn't has hasn't have
haven't having he he'd he'll he's hence her here here's hereafter hereby herein hers herself hi him himself his
how however hundred i i'd i'll i'm i've ie if in inc indeed instead into is isn't it it'd it'll it's its
itself just keep keeps kept know known knows last lately later latter least less lest let let's like liked
likely little look looking looks ltd made mainly make makes many may maybe me mean meanwhile might million
billion trillion mine more moreover most mostly mr mrs ms much must my myself namely near nearly need needs
neither never nevertheless new next nine nineteen ninety no nobody none nonetheless noone nor not nothing now
nowhere of off often oh ok okay old on once one ones only onto or other others otherwise ought our ours
ourselves out outside over overall own per perhaps please plus possible probably quite rather really
recently regarding regardless said same say saying says second see seem seemed seeming seems seen self
selves seven seventy several shall she she'd she'll she's should shouldn't since six sixty so some somebody
somehow someone something sometime sometimes somewhat somewhere soon still such sure take taken takes
taking tell tells ten than thank thanks that that's the their theirs them themselves then thence there
there's thereafter thereby therefore therein thereupon these they they'd they'll they're they've thing
things think third thirty this those though thousand three through throughout thru thus til till to
together told too took toward towards tried tries truly try trying twelve twenty twice two under unless
unlike unlikely until unto up upon us use used uses using usually very via vs want wanted wants was wasn't
way ways we we'd we'll we're we've well went were weren't what what's whatever when whence whenever where
where's whereafter whereas whereby wherein whereupon wherever whether which while whither who who's
whoever whole whom whose why will willing with within without won't would wouldn't yeah yes yet you you'd
you'll you're you've your yours yourself yourselves zero
according added adds asked asks announced explained noted reported stated wrote
also just really actually basically simply literally
today yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
week weeks month months year years day days time times lot lots kind sort
jan feb mar apr jun jul aug sep sept oct nov dec am pm est edt pst pdt gmt utc bst cet
rep reps sen sens gov lt gen col sgt capt cmdr dr prof jr sr st mt ft
bn mn mln bln pct rs
`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

// Frequent English function words that are rare in other Latin-script languages: used to tell
// whether a text is English before running the English phrase extractor, and as extra function words
// in other languages' texts, which quote English titles and names ("The" of "The Goonies").
export const ENGLISH_MARKERS: ReadonlySet<string> = new Set(
  'the of and to is that for it with as was on are be by this from at have has not but they which you were their been would will there what about'.split(
    ' ',
  ),
);

/** Share of tokens that are typical English function words (English prose: ~0.3–0.45). */
export function englishScore(text: string): number {
  const sample = text.slice(0, 6000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (!letters) return 0;
  const latin = sample.match(/[A-Za-z]/g)?.length ?? 0;
  if (latin / letters < 0.8) return 0;
  const tokens = sample.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
  if (tokens.length < 5) return 0;
  let hits = 0;
  for (const t of tokens) if (ENGLISH_MARKERS.has(t)) hits++;
  return hits / tokens.length;
}
