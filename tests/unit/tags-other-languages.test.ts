// Text tags for pages in languages other than English: the language is told by its function words,
// which split the phrases; without a part-of-speech lexicon single words must recur to be applied.
import { describe, expect, it } from 'vitest';
import { englishByElimination, isEnglishText, rankTags, suggestTags, type TagInput } from '../../lib/tags';
import { guessOtherLanguage } from '../../lib/tags/other-language';
import { PT_PARAGRAPHS, PT_TITLE } from '../helpers/portuguese-article';

const PT: TagInput = { title: PT_TITLE, text: PT_PARAGRAPHS.join('\n'), lang: 'pt-BR' };

describe('other-language text tags', () => {
  it('tells the language by its function words, the declared lang breaking near ties', () => {
    expect(guessOtherLanguage(PT.text, null)?.lang).toBe('pt');
    expect(guessOtherLanguage(PT.text, 'pt-BR')?.lang).toBe('pt');
    // Danish and Norwegian share most function words: the page's lang decides.
    const no =
      'Regjeringen har i dag lagt fram et nytt forslag om skatt på formue. Forslaget skal behandles i Stortinget før sommeren, og det er ventet at flere partier vil støtte det. '.repeat(
        2,
      );
    expect(guessOtherLanguage(no, 'nb')?.lang).toBe('no');
    expect(guessOtherLanguage(no, 'da')?.lang).toBe('da');
    const it_ = 'Il governo ha approvato ieri la nuova legge sul lavoro, che entrerà in vigore dal primo gennaio. '.repeat(3);
    expect(guessOtherLanguage(it_, 'en')?.lang).toBe('it');
    // A word list is no prose: too few function words to tell a language.
    expect(
      guessOtherLanguage('Mercedes Audi Volkswagen Porsche Ferrari Lamborghini Fiat Renault Peugeot Citroën '.repeat(4), 'de'),
    ).toBeNull();
    // Japanese has no spaces between words: no list here.
    expect(
      guessOtherLanguage('フォルクスワーゲンは火曜日、ロサンゼルスの自動車ショーで電動バンのコンセプトを発表した。'.repeat(5), 'ja'),
    ).toBeNull();
  });

  it('applies recurring subjects and names of a Portuguese article, not its verbs or function words', () => {
    const tags = suggestTags(PT);
    expect(tags).toContain('transporte escolar');
    expect(tags).toContain('prefeitura');
    // A name said twice is offered (a suggestion), below the confidence floor of applied tags.
    const ranked = rankTags(PT).map((t) => t.tag);
    expect(ranked).toContain('João Almeida');
    for (const t of ranked) expect(['anunciou', 'disse', 'nesta', 'mais', 'cerca', 'hoje', 'a prefeitura']).not.toContain(t.toLowerCase());
  });

  it('keeps German nouns capitalised as written', () => {
    const de: TagInput = {
      title: 'Volkswagen zeigt elektrischen Transporter',
      text: 'Volkswagen hat am Dienstag auf der Automesse einen elektrischen Transporter gezeigt. Der Transporter soll 2025 kommen. Die Reichweite des Transporter liegt bei 480 Kilometern, sagt Volkswagen. Volkswagen will damit den Markt für Lieferwagen erobern, der Transporter ist der erste seiner Art.',
      lang: 'de',
    };
    const tags = suggestTags(de);
    expect(tags).toContain('Transporter');
    expect(tags).toContain('Volkswagen');
    expect(tags).not.toContain('transporter');
    expect(rankTags(de).map((t) => t.tag)).toContain('elektrischen Transporter');
  });

  it('never applies an English function word quoted in the text, a two-letter word or a once-seen verb', () => {
    const it_: TagInput = {
      title: 'Torna al cinema The Goonies',
      text: 'Il film The Goonies torna al cinema per una sola settimana. Il film The Goonies uscì nel 1985 e fu un successo. Secondo gli organizzatori il film sarà proiettato in cento sale. Lo ha annunciato la casa di distribuzione. Film come The Goonies hanno segnato una generazione.',
      lang: 'it',
    };
    const ranked = rankTags(it_).map((t) => t.tag);
    expect(ranked.some((t) => /^the\b/i.test(t))).toBe(false);
    expect(ranked).toContain('Goonies');
    const shown = suggestTags(it_);
    expect(shown).toContain('film');
    expect(shown).not.toContain('annunciato');
    expect(shown).not.toContain('ha');
  });
});

describe('terse English', () => {
  const brief: TagInput = {
    title: 'Judge quits after arrest',
    text: `LAS VEGAS - Clark County District Judge Harold Brenner resigned Monday following his arrest. District Attorney Maria Lopez told Associated Press she accepted Brenner's resignation Friday. Telephone calls to Brenner went unanswered. His lawyer, Thomas Reed, didn't respond. Brenner, 52, was arrested March 3 after Las Vegas police reported seeing him leave a casino parking garage. Brenner was a 12-year veteran judge and liaison for two years to a federal drug task force. He's free pending a May 19 court date on felony conspiracy charges.`,
    lang: 'en',
  };

  it('is English when no other language fits a brief thick with names', () => {
    expect(isEnglishText(`${brief.title}\n${brief.text}`, 'en')).toBe(false); // below the threshold
    expect(englishByElimination(brief.title, brief.text, 'en')).toBe(true);
    expect(englishByElimination(brief.title, brief.text, 'fr')).toBe(false);
    expect(suggestTags(brief)).toContain('Brenner');
  });

  it('is not English when another language fits', () => {
    expect(englishByElimination(PT.title, PT.text, null)).toBe(false);
    // Dutch shares "is", "was" and "in" with English: enough of them to pass two thirds of the
    // threshold, and Dutch function words fit it better.
    const nl =
      'Het weer was gisteren slecht in Rotterdam. De wind kwam uit het westen en de regen viel de hele dag. Op het strand van Scheveningen stond niemand, maar in de binnenstad is het druk gebleven. Het is niet de eerste keer dat het zo is: het was vorig jaar ook zo, en het was toen ook koud. De markt bleef open.';
    expect(englishByElimination('Slecht weer', nl, null)).toBe(false);
    // Nor is a bare list of names: too few English function words to say anything.
    const names = 'Mercedes Audi Volkswagen Porsche Ferrari Lamborghini Fiat Renault Peugeot Citroën and Opel '.repeat(4);
    expect(englishByElimination('Cars', names, 'en')).toBe(false);
  });
});
