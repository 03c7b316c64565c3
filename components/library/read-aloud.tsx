import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '../../lib/reader/settings';
import { SpeechPlayer, type SpeechStatus } from '../../lib/reader/speech';
import type { LibraryConnector } from './library-connector';
import './read-aloud.css';

export interface ReadAloudProps {
  speech: LibraryConnector['speech'];
  text: string;
  lang: string | null;
  rate: number;
  voice: string;
  onRate(rate: number): void;
  onVoice(voiceURI: string): void;
}

/** How long to wait for the browser to list its voices before saying there are none. */
const VOICE_WAIT_MS = 1500;

/** Play/pause, speed and voice for the browser's own speech synthesis; nothing leaves the machine. */
export function ReadAloud({ speech, text, lang, rate, voice, onRate, onVoice }: ReadAloudProps) {
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>(() => speech?.synth.getVoices() ?? []);
  const [waited, setWaited] = useState(false);
  const [status, setStatus] = useState<SpeechStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  // The "no voices" note is an answer to pressing Listen, not something to greet every article with.
  const [asked, setAsked] = useState(false);
  const player = useRef<SpeechPlayer | null>(null);

  useEffect(() => {
    if (!speech) return;
    const update = () => setVoices(speech.synth.getVoices());
    const off = speech.onVoicesChanged(update);
    const t = setTimeout(() => {
      update();
      setWaited(true);
    }, VOICE_WAIT_MS);
    return () => {
      off();
      clearTimeout(t);
    };
  }, [speech]);

  useEffect(() => {
    if (!speech) return;
    const p = new SpeechPlayer(speech.synth, text, speech.utterance, (pl) => {
      setStatus(pl.status);
      setError(pl.error);
    });
    player.current = p;
    return () => {
      p.stop();
      player.current = null;
    };
  }, [speech, text]);

  const chosen = voices.find((v) => v.voiceURI === voice) ?? null;
  const opts = () => ({ rate, voice: chosen, lang });
  // A new `lang` comes with new text, hence a new player: only the user's speed or voice retunes this one.
  useEffect(() => {
    player.current?.retune(opts());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- retune on the user's pick only; a refreshed voice list must not restart the sentence
  }, [rate, voice]);

  // Listen was pressed before any voice was listed: play as soon as some arrive (acts once: clears `asked`).
  useEffect(() => {
    if (asked && voices.length > 0 && status === 'idle') {
      setAsked(false);
      player.current?.play({ rate, voice: chosen, lang });
    }
  }, [asked, voices, status, rate, chosen, lang]);

  if (!speech)
    return (
      <p class="read-aloud muted" data-testid="read-aloud-unavailable">
        Read aloud is not available in this browser.
      </p>
    );
  const noVoices = waited && voices.length === 0;
  const listen = () => {
    if (status === 'playing') {
      player.current?.pause();
      return;
    }
    const now = speech.synth.getVoices();
    if (now.length === 0) {
      // Voices may still be loading: play when some arrive (below), else say there are none once the wait is over.
      setAsked(true);
      return;
    }
    if (now.length !== voices.length) setVoices(now);
    player.current?.play(opts());
  };
  // Voices for the article's language first, so the likely one is near the top.
  const base = (lang ?? '').slice(0, 2).toLowerCase();
  const sorted = [...voices].sort(
    (a, b) => Number(b.lang.toLowerCase().startsWith(base)) - Number(a.lang.toLowerCase().startsWith(base)) || a.name.localeCompare(b.name),
  );
  return (
    <div class="read-aloud" data-testid="read-aloud" data-status={status}>
      <button
        type="button"
        class="secondary"
        data-testid="read-aloud-toggle"
        disabled={!text}
        aria-label={status === 'playing' ? 'Pause reading aloud' : 'Read aloud'}
        onClick={listen}
      >
        {status === 'playing' ? '❚❚ Pause' : status === 'paused' ? '▶ Resume' : '▶ Listen'}
      </button>
      {(status === 'playing' || status === 'paused') && (
        <button type="button" class="secondary" aria-label="Stop reading aloud" onClick={() => player.current?.stop()}>
          ■
        </button>
      )}
      <label class="inline">
        <span class="sr-only">Speech speed</span>
        <select value={String(rate)} data-testid="speech-rate" onChange={(e) => onRate(Number((e.target as HTMLSelectElement).value))}>
          {[0.75, 1, 1.25, 1.5, 1.75, 2, 2.5]
            .filter((r) => r >= LIMITS.speechRate.min && r <= LIMITS.speechRate.max)
            .concat([0.75, 1, 1.25, 1.5, 1.75, 2, 2.5].includes(rate) ? [] : [rate])
            .map((r) => (
              <option key={r} value={String(r)}>
                {r}×
              </option>
            ))}
        </select>
      </label>
      {voices.length > 0 && (
        <label class="inline">
          <span class="sr-only">Voice</span>
          <select
            value={chosen?.voiceURI ?? ''}
            data-testid="speech-voice"
            onChange={(e) => onVoice((e.target as HTMLSelectElement).value)}
          >
            <option value="">Default voice</option>
            {sorted.map((v) => (
              <option key={v.voiceURI} value={v.voiceURI}>
                {v.name} ({v.lang})
              </option>
            ))}
          </select>
        </label>
      )}
      {asked && noVoices && (
        <span class="muted small" data-testid="no-voices">
          No speech voices are installed on this system.
        </span>
      )}
      {error && (
        <span class="error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
