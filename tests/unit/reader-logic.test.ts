import { describe, expect, it, vi } from 'vitest';
import { minutesLeft, progressOf, scrollForProgress, shouldStore, throttle } from '../../lib/reader/progress';
import { DEFAULT_SETTINGS, effectiveTheme, normalizeSettings, parseSettings } from '../../lib/reader/settings';
import { SpeechPlayer, speechChunks, type SpeechLike } from '../../lib/reader/speech';

describe('reading progress', () => {
  const g = { viewportHeight: 800, bodyTop: 200, bodyHeight: 5000 };
  it('is 0 at the top, 1 at the end, and linear between', () => {
    expect(progressOf({ ...g, scrollY: 0 })).toBe(0);
    expect(progressOf({ ...g, scrollY: 200 })).toBe(0);
    expect(progressOf({ ...g, scrollY: 200 + 2100 })).toBeCloseTo(0.5);
    expect(progressOf({ ...g, scrollY: 200 + 4200 })).toBe(1);
    expect(progressOf({ ...g, scrollY: 99999 })).toBe(1);
  });
  it('restores to the same position it measured', () => {
    for (const p of [0, 0.13, 0.5, 0.99, 1]) expect(progressOf({ ...g, scrollY: scrollForProgress(p, g) })).toBeCloseTo(p, 3);
    expect(scrollForProgress(NaN, g)).toBe(200);
  });
  it('a body shorter than the screen is done once shown whole', () => {
    expect(progressOf({ viewportHeight: 800, bodyTop: 100, bodyHeight: 500, scrollY: 0 })).toBe(1);
    expect(progressOf({ viewportHeight: 800, bodyTop: 600, bodyHeight: 500, scrollY: 0 })).toBe(0);
  });
  it('minutes left count down and never show 0 before the end', () => {
    expect(minutesLeft(10, 0)).toBe(10);
    expect(minutesLeft(10, 0.5)).toBe(5);
    expect(minutesLeft(10, 0.95)).toBe(1);
    expect(minutesLeft(10, 1)).toBe(0);
  });
  it('only meaningful moves are stored', () => {
    expect(shouldStore(0.5, 0.503)).toBe(false);
    expect(shouldStore(0.5, 0.52)).toBe(true);
    expect(shouldStore(0.995, 1)).toBe(true);
    expect(shouldStore(0.5, NaN)).toBe(false);
  });
  it('throttle writes at most once per interval, keeps the latest value, and flushes', () => {
    vi.useFakeTimers();
    try {
      const seen: number[] = [];
      const t = throttle((v: number) => seen.push(v), 1000);
      t.push(1); // leading call goes through
      t.push(2);
      t.push(3);
      expect(seen).toEqual([1]);
      vi.advanceTimersByTime(1000);
      expect(seen).toEqual([1, 3]);
      t.push(4);
      t.flush();
      expect(seen).toEqual([1, 3, 4]);
      t.flush();
      expect(seen).toEqual([1, 3, 4]);
    } finally {
      vi.useRealTimers();
    }
  });
  it("throttle's default timers work where setTimeout must not be called as a method (browsers)", async () => {
    // Like a browser's window.setTimeout: "Illegal invocation" unless `this` is the global (or unset).
    const realSet = globalThis.setTimeout;
    const realClear = globalThis.clearTimeout;
    const strict = <F extends (...a: never[]) => unknown>(f: F) =>
      function (this: unknown, ...a: Parameters<F>) {
        if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
        return f(...a);
      };
    vi.stubGlobal('setTimeout', strict(realSet as (fn: () => void, ms: number) => ReturnType<typeof setTimeout>));
    vi.stubGlobal('clearTimeout', strict(realClear as (h: ReturnType<typeof setTimeout>) => void));
    try {
      const seen: number[] = [];
      const t = throttle((v: number) => seen.push(v), 20);
      t.push(1);
      t.push(2); // schedules the trailing write
      expect(seen).toEqual([1]);
      await new Promise((r) => realSet(r, 60));
      expect(seen).toEqual([1, 2]);
      t.push(3); // the interval has passed: written at once
      t.push(4); // scheduled again...
      t.flush(); // ...and the timer cleared: written now
      expect(seen).toEqual([1, 2, 3, 4]);
      t.push(5);
      t.cancel();
      await new Promise((r) => realSet(r, 60));
      expect(seen).toEqual([1, 2, 3, 4]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('reader settings', () => {
  it('fill in defaults and clamp bad values', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('not json')).toEqual(DEFAULT_SETTINGS);
    const s = normalizeSettings({ font: 'comic', fontSize: 400, lineHeight: '1.8', width: -3, theme: 'sepia', wpm: 0, voice: 7 });
    expect(s).toEqual({ ...DEFAULT_SETTINGS, fontSize: 30, lineHeight: 1.8, width: 40, theme: 'sepia', wpm: 80 });
  });
  it('round-trip through JSON', () => {
    const s = { ...DEFAULT_SETTINGS, font: 'sans' as const, fontSize: 22, theme: 'dark' as const, wpm: 300 };
    expect(parseSettings(JSON.stringify(s))).toEqual(s);
  });
  it('system theme follows the OS', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('sepia', true)).toBe('sepia');
  });
});

describe('read aloud', () => {
  it('chunks text at sentence boundaries within the limit', () => {
    const text = 'First sentence here. Second one! Third?\n\nNew paragraph. ' + 'word '.repeat(120);
    const chunks = speechChunks(text, 100);
    expect(chunks[0]).toBe('First sentence here. Second one! Third?');
    expect(chunks[1].startsWith('New paragraph.')).toBe(true);
    expect(chunks.every((c) => c.length <= 100)).toBe(true);
    expect(chunks.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\n/g, ' ').replace(/\s+/g, ' ').trim());
  });

  function fakeSynth() {
    const spoken: SpeechSynthesisUtterance[] = [];
    const synth: SpeechLike & { spoken: typeof spoken; paused: boolean } = {
      spoken,
      paused: false,
      speak: (u) => {
        spoken.push(u);
      },
      cancel: () => {},
      pause() {
        this.paused = true;
      },
      resume() {
        this.paused = false;
      },
      getVoices: () => [],
    };
    return synth;
  }
  const utter = (text: string) =>
    ({ text, rate: 1, voice: null, lang: '', onend: null, onerror: null }) as unknown as SpeechSynthesisUtterance;

  it('speaks chunks in order at the chosen rate, pauses and resumes', () => {
    const synth = fakeSynth();
    const states: string[] = [];
    const p = new SpeechPlayer(synth, 'One. Two.\n\nThree.', utter, (pl) => states.push(pl.status));
    p.play({ rate: 1.5, voice: null, lang: 'en' });
    expect(synth.spoken.map((u) => u.text)).toEqual(['One. Two.']);
    expect(synth.spoken[0].rate).toBe(1.5);
    p.pause();
    expect(synth.paused).toBe(true);
    p.play({ rate: 1.5, voice: null });
    expect(synth.paused).toBe(false);
    (synth.spoken[0].onend as () => void)();
    expect(synth.spoken.map((u) => u.text)).toEqual(['One. Two.', 'Three.']);
    (synth.spoken[1].onend as () => void)();
    expect(p.status).toBe('idle');
    expect(states).toEqual(['playing', 'paused', 'playing', 'idle']);
  });
  it('reports a missing voice as an error, but not its own cancel', () => {
    const synth = fakeSynth();
    const p = new SpeechPlayer(synth, 'Hello.', utter, () => {});
    p.play({ rate: 1, voice: null });
    (synth.spoken[0].onerror as (e: { error: string }) => void)({ error: 'interrupted' });
    expect(p.status).toBe('playing');
    (synth.spoken[0].onerror as (e: { error: string }) => void)({ error: 'synthesis-unavailable' });
    expect(p.status).toBe('error');
    expect(p.error).toMatch(/No speech voice/);
  });
});
