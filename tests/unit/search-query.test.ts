import { describe, expect, it } from 'vitest';
import { parseQuery, parseTime, hasText } from '../../lib/search/query';
import { tokenize, fold } from '../../lib/search/tokenize';

describe('tokenize', () => {
  it('folds case and diacritics and splits on punctuation', () => {
    expect(tokenize('Café DÉJÀ-vu, naïve 3.5')).toEqual(['cafe', 'deja', 'vu', 'naive', '3', '5']);
    expect(fold('Ångström')).toBe('angstrom');
  });
  it('splits Chinese and Japanese into characters, keeping Latin runs whole', () => {
    expect(tokenize('東京都 gpt使用')).toEqual(['東', '京', '都', 'gpt', '使', '用']);
  });
  it('keeps Cyrillic and Greek words and drops overlong tokens', () => {
    expect(tokenize('Привет мир λόγος')).toEqual(['привет', 'мир', 'λογος']);
    expect(tokenize(`a ${'x'.repeat(40)} b`)).toEqual(['a', 'b']);
  });
});

describe('parseQuery', () => {
  it('separates words, phrases and operators', () => {
    const q = parseQuery('bees "rooftop garden" tag:Urban site:www.example.com is:unread time:<10');
    expect(q.words).toEqual(['bees']);
    expect(q.phrases).toEqual([['rooftop', 'garden']]);
    expect(q.tags).toEqual(['urban']);
    expect(q.sites).toEqual(['example.com']);
    expect(q.is).toEqual(['unread']);
    expect(q.time).toEqual([{ min: 0, max: 10 - 1e-9 }]);
  });
  it('accepts quoted operator values and aliases', () => {
    const q = parseQuery('tag:"machine learning" is:fav is:in-progress is:read');
    expect(q.tags).toEqual(['machine learning']);
    expect(q.is).toEqual(['favorite', 'inprogress', 'archived']);
  });
  it('reports what it cannot use instead of dropping it silently', () => {
    const q = parseQuery('time:soon is:whatever');
    expect(q.invalid).toEqual(['time:soon', 'is:whatever']);
  });
  it('treats unknown operators and URLs as text', () => {
    expect(parseQuery('note:hello').words).toEqual(['note', 'hello']);
    expect(parseQuery('https://x.org/a').words).toEqual(['https', 'x', 'org', 'a']);
  });
  it('a one-word quote is a word; an unclosed quote still works', () => {
    expect(parseQuery('"bees"').words).toEqual(['bees']);
    expect(parseQuery('"white house').phrases).toEqual([['white', 'house']]);
  });
  it('a CJK run is matched as a phrase', () => {
    expect(parseQuery('東京都').phrases).toEqual([['東', '京', '都']]);
  });
  it('empty', () => {
    expect(parseQuery('   ')).toEqual({
      words: [],
      phrases: [],
      tags: [],
      sites: [],
      is: [],
      has: [],
      time: [],
      invalid: [],
      not: { words: [], phrases: [], tags: [], sites: [], is: [], has: [] },
    });
    expect(hasText(parseQuery('is:unread'))).toBe(false);
    expect(parseQuery('is:unread').is).toEqual(['unread']);
  });
});

describe('parseTime', () => {
  it('understands <, >, <=, >=, ranges and bare numbers (at most)', () => {
    expect(parseTime('<=10')).toEqual({ min: 0, max: 10 });
    expect(parseTime('>20')).toEqual({ min: 20 + 1e-9, max: Infinity });
    expect(parseTime('>=20')).toEqual({ min: 20, max: Infinity });
    expect(parseTime('15-5')).toEqual({ min: 5, max: 15 });
    expect(parseTime('10min')).toEqual({ min: 0, max: 10 });
    expect(parseTime('abc')).toBeNull();
  });
});

describe('has: operators', () => {
  it('has:highlights and has:note (with aliases), and -has: as an exclusion', () => {
    const q = parseQuery('bees has:highlights has:notes -has:note -has:hl');
    expect(q.has).toEqual(['highlights', 'note']);
    expect(q.not.has).toEqual(['note', 'highlights']);
    expect(q.words).toEqual(['bees']);
    expect(hasText(parseQuery('has:note'))).toBe(false);
  });
  it('an unknown has: value is reported, not searched or dropped', () => {
    const q = parseQuery('has:pictures');
    expect(q.invalid).toEqual(['has:pictures']);
    expect(q.words).toEqual([]);
  });
});
