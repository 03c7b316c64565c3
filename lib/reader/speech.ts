// Read aloud with the browser's own speechSynthesis. Chrome stops long utterances after ~15 s, so the
// text is spoken in sentence-sized chunks queued one after another; pausing and resuming work on the
// chunk in progress, and a new rate or voice takes effect from the next chunk.

const MAX_CHUNK = 220;

/** Splits text into chunks of whole sentences (long sentences split at commas, then spaces). */
export function speechChunks(text: string, max = MAX_CHUNK): string[] {
  const out: string[] = [];
  const paras = text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  for (const p of paras) {
    const sentences = p.match(/[^.!?。！？]+(?:[.!?。！？]+["'”’)\]]*|$)\s*/g) ?? [p];
    let cur = '';
    for (const raw of sentences) {
      const s = raw.trim();
      if (!s) continue;
      if (cur && cur.length + 1 + s.length > max) {
        out.push(cur);
        cur = '';
      }
      if (s.length <= max) {
        cur = cur ? `${cur} ${s}` : s;
        continue;
      }
      for (const piece of splitLong(s, max)) {
        if (cur) {
          out.push(cur);
          cur = '';
        }
        out.push(piece);
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

function splitLong(s: string, max: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(', ', max);
    if (cut < max / 3) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 3) cut = max;
    out.push(rest.slice(0, cut + (rest[cut] === ',' ? 1 : 0)).trim());
    rest = rest.slice(cut + 1).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/** The subset of the Web Speech API used here (so tests can pass a fake). */
export interface SpeechLike {
  speak(u: SpeechSynthesisUtterance): void;
  cancel(): void;
  pause(): void;
  resume(): void;
  getVoices(): SpeechSynthesisVoice[];
}

export type SpeechStatus = 'idle' | 'playing' | 'paused' | 'error';

export interface ReaderVoiceOptions {
  rate: number;
  voice: SpeechSynthesisVoice | null;
  lang?: string | null;
}

/** Plays chunks in order; one instance per article. */
export class SpeechPlayer {
  private chunks: string[];
  private index = 0;
  private token = 0;
  status: SpeechStatus = 'idle';
  error: string | null = null;

  constructor(
    private synth: SpeechLike,
    text: string,
    private makeUtterance: (text: string) => SpeechSynthesisUtterance,
    private onChange: (p: SpeechPlayer) => void,
  ) {
    this.chunks = speechChunks(text);
  }

  get position(): { chunk: number; total: number } {
    return { chunk: this.index, total: this.chunks.length };
  }

  play(opts: ReaderVoiceOptions): void {
    if (this.status === 'paused') {
      this.synth.resume();
      this.set('playing');
      return;
    }
    if (!this.chunks.length) return;
    if (this.index >= this.chunks.length) this.index = 0;
    this.synth.cancel();
    this.set('playing');
    this.speakFrom(opts);
  }

  private speakFrom(opts: ReaderVoiceOptions): void {
    const token = ++this.token;
    const u = this.makeUtterance(this.chunks[this.index]);
    u.rate = opts.rate;
    if (opts.voice) u.voice = opts.voice;
    if (opts.lang) u.lang = opts.lang;
    u.onend = () => {
      if (token !== this.token || this.status !== 'playing') return;
      this.index++;
      if (this.index < this.chunks.length) this.speakFrom(opts);
      else {
        this.index = 0;
        this.set('idle');
      }
    };
    u.onerror = (e) => {
      if (token !== this.token) return;
      // cancel() reports "interrupted"/"canceled": that is us stopping, not a failure.
      if (e.error === 'interrupted' || e.error === 'canceled') return;
      this.error =
        e.error === 'synthesis-unavailable' || e.error === 'voice-unavailable' || e.error === 'language-unavailable'
          ? 'No speech voice is available on this system.'
          : `Read aloud stopped: ${e.error}.`;
      this.set('error');
    };
    this.synth.speak(u);
  }

  pause(): void {
    if (this.status !== 'playing') return;
    this.synth.pause();
    this.set('paused');
  }

  /** Applies a new rate/voice by restarting the current chunk. */
  retune(opts: ReaderVoiceOptions): void {
    if (this.status !== 'playing') return;
    this.token++;
    this.synth.cancel();
    this.speakFrom(opts);
  }

  stop(): void {
    this.token++;
    this.synth.cancel();
    this.index = 0;
    this.set('idle');
  }

  private set(s: SpeechStatus) {
    this.status = s;
    if (s !== 'error') this.error = null;
    this.onChange(this);
  }
}
