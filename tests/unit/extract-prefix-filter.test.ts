// The cheap first test in front of the furniture-heading pattern (issue #15): it passes every line the
// pattern could match, and spares the page compiling the pattern for lines none of its headings start.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { matchPrefixes, patternPrefixes, prefixFilter } from '../../lib/extract/prefix-filter';
import { FURNITURE_HEAD, furnitureHeadRe, FURNITURE_HEAD_STARTS } from '../../lib/extract/patterns';

describe('matchPrefixes', () => {
  it('reads literal runs, groups, optional groups and quantified last characters', () => {
    expect(matchPrefixes('keep reading')).toEqual(['keep reading']);
    expect(matchPrefixes('(?:möchten|wollen) sie weiterlesen')).toEqual(['möchten', 'wollen']);
    expect(matchPrefixes('(?:the )?(?:latest|newest) news')).toEqual(['the ', 'latest', 'newest']);
    expect(matchPrefixes('continue reading,? now')).toEqual(['continue reading']);
    expect(matchPrefixes('authors? page')).toEqual(['author']);
    expect(matchPrefixes('zu[mr] autor')).toEqual(['zu']);
    expect(matchPrefixes('sull.autore')).toEqual(['sull']);
    expect(matchPrefixes('Über den Autor')).toEqual(['über den autor']);
  });

  it('gives the empty prefix (everything passes) where a match can start with anything', () => {
    expect(matchPrefixes('\\d+ comments?')).toEqual(['']);
    expect(matchPrefixes('[a-z]+ news')).toEqual(['']);
    expect(matchPrefixes('.{1,40} news')).toEqual(['']);
    expect(matchPrefixes('(?:top )?\\d+ stories')).toEqual(['top ', '']);
  });
});

describe('prefixFilter', () => {
  const re = /^(?:(?:about|meet) the authors?|(?:the )?latest news(?: from .{1,40})?|über (?:den|die) autor(?:in)?)[.:!?…]*$/i;
  const lines = [
    'About the author',
    'MEET THE AUTHORS:',
    'The latest news from Berlin',
    'latest news',
    'Über den Autor',
    'ÜBER DIE AUTORIN',
    'The river rose again',
    'Photo: Jane Doe',
    'About',
    'Unter den Linden',
    '',
  ];

  it('passes every line the pattern matches and fails lines no alternative starts', () => {
    const f = prefixFilter(re);
    for (const l of lines) if (re.test(l)) expect(f(l), l).toBe(true);
    expect(f('Photo: Jane Doe')).toBe(false);
    expect(f('Unter den Linden')).toBe(false);
    expect(f('')).toBe(false);
  });

  it('lets everything through for a pattern it cannot read', () => {
    for (const r of [/about the author/i, /^about the author/u, /^(?:\d+ comments|about)/i, /^(?:[a-z]+ news)/i])
      for (const l of lines) expect(prefixFilter(r)(l), `${r} ${l}`).toBe(true);
  });
});

describe('FURNITURE_HEAD', () => {
  afterEach(() => vi.restoreAllMocks());

  it('has written-out starts that cover every start the pattern allows', () => {
    const derived = patternPrefixes(furnitureHeadRe());
    expect(derived).not.toBeNull();
    const uncovered = (derived ?? []).filter((p) => !FURNITURE_HEAD_STARTS.some((s) => p.startsWith(s)));
    expect(uncovered).toEqual([]);
  });

  it('still finds headings in several languages and cases', () => {
    for (const l of [
      'Möchten Sie weiterlesen?',
      'ÜBER DEN AUTOR',
      'Most popular articles',
      'The latest news from Berlin',
      "À propos de l'auteur",
      'Zur Person',
      "Sull'autore",
      'Sie sind bereits Abonnent?',
      'Already a subscriber? Log in',
      'Lo último',
    ])
      expect(FURNITURE_HEAD.test(l), l).toBe(true);
    for (const l of ['Photo: Jane Doe', 'The river rose again overnight', 'In other news, rain'])
      expect(FURNITURE_HEAD.test(l), l).toBe(false);
  });

  it('does not run the full pattern on a line none of its headings starts', () => {
    const test = vi.spyOn(RegExp.prototype, 'test');
    expect(FURNITURE_HEAD.test('Photo: Jane Doe')).toBe(false);
    expect(FURNITURE_HEAD.test('In other news, rain')).toBe(false);
    const full = test.mock.contexts.filter((re) => (re as RegExp).source.includes('weiterlesen'));
    expect(full).toHaveLength(0);
  });
});
