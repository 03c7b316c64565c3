import { describe, expect, it } from 'vitest';
import { collectCandidates } from '../../lib/tags/candidates';
import { extractTextTags } from '../../lib/tags/text-tags';

/** Candidate keys (stemmed words joined by spaces) of a text. */
const keys = (title: string, text: string) => [...collectCandidates(title, text).cands.keys()];

describe('candidate phrases', () => {
  it('never makes a candidate of a dotted state, weekday or rank abbreviation, but keeps the undotted names', () => {
    const text = `Police in Chattanooga, Tenn., said on Sat., March 3 that Brig. Gen. Ann Dunwoody of Rapid City, S.D.,
had retired. Coach Vinny Del Negro watched the Sun rise.`;
    const k = keys('Retirement', text);
    for (const abbr of ['tenn', 'sat', 'brig', 's.d.']) expect(k).not.toContain(abbr);
    expect(k).toContain('chattanooga');
    expect(k).toContain('rapid citi');
    // Without a dot the same words are names.
    expect(k).toContain('del negro');
    expect(k).toContain('sun');
  });

  it('never makes a candidate of a weekday shortened without its dot, but keeps "Sun", the verb "sat" and the acronym "SAT"', () => {
    const text = `Tour dates: Black Box, Belfast, Sat; Dingwalls, London, Tue; MEN Arena, Manchester, Fri, Mon, Thurs.
The band sat down with the Sun before the SAT results came out.`;
    const k = keys('Tour dates', text);
    for (const day of ['mon', 'tue', 'thur', 'fri']) expect(k).not.toContain(day);
    expect(k).toContain('dingwal');
    expect(k).toContain('sun');
    // "sat" is there as the verb and the acronym, never as the weekday.
    expect([...(collectCandidates('Tour dates', text).cands.get('sat')?.forms.keys() ?? [])].sort()).toEqual(['SAT', 'sat']);
  });

  it('breaks phrases at an ellipsis written as dots', () => {
    const k = keys('Party', 'We were hoping for better pics...but the party photos were dark.');
    expect(k).toContain('pic');
    expect(k.some((x) => /pic.*but|but.*pic/.test(x))).toBe(false);
  });

  it('joins a name with "of" inside, never starting or ending a phrase with "of"', () => {
    const text = `Shares of Bank of America rose. Analysts said Bank of America had a good quarter, and Bank of America
paid more. Oil spread across the Gulf of Mexico.`;
    const k = keys('Banks report', text);
    expect(k).toContain('bank of america');
    expect(k).toContain('gulf of mexico');
    expect(k.some((x) => /^of |(^| )of$/.test(x))).toBe(false);
    const tags = extractTextTags('Banks report', text).map((t) => t.tag);
    expect(tags).toContain('Bank of America');
    // Lowercase words around "of" stay apart ("shares of Bank").
    expect(k).not.toContain('share of bank');
  });

  it('does not join a person and what they belong to ("Joe Mount of Metronomy")', () => {
    const k = keys('Album', 'Singer Joe Mount of Metronomy said the album was done. Joe Mount of Metronomy toured.');
    expect(k).not.toContain('mount of metronomi');
    expect(k).toContain('metronomi');
    expect(k).toContain('joe mount');
  });

  it('keeps a middle initial inside a name ("John M. Ford"), never at its edges', () => {
    const text = 'Author John M. Ford wrote it. Critics loved John M. Ford, and John M. Ford won. Ford died in 2006.';
    const k = keys('Novels', text);
    expect(k).toContain('john m ford');
    expect(k.some((x) => /(^| )m$|^m /.test(x))).toBe(false);
    const tags = extractTextTags('Novels', text).map((t) => t.tag);
    expect(tags).toContain('John M. Ford');
  });

  it('leaves a job title written before a name out of the name ("President Donald Trump" -> "Donald Trump")', () => {
    const text = `President Donald Trump met Mayor Bill de Blasio. Later Trump said the president would return.
UN Secretary-General Guterres spoke. Prince Andrew did not attend.`;
    const k = keys('Meeting', text);
    expect(k).toContain('donald trump');
    expect(k).toContain('bill');
    for (const bad of ['presid donald', 'presid donald trump', 'mayor bill', 'mayor']) expect(k).not.toContain(bad);
    // The title used as a word, a hyphenated title and royal titles stay.
    expect(k).toContain('presid');
    expect(k).toContain('secretari gener');
    expect(k).toContain('princ andrew');
  });

  it('never makes a candidate of an abbreviated amount ("bn", "pct", "Rs")', () => {
    const k = keys('Deal', 'The deal is worth Rs 500 crore, or $1 bn, up 5 pct on the year. The bn figure and Rs figure rose.');
    for (const unit of ['bn', 'pct', 'rs', 'rs figur', 'bn figur']) expect(k).not.toContain(unit);
    expect(k).toContain('figur');
  });
});
