// Reader settings: typography, theme, reading speed. Typography and theme are stored as JSON by the page
// (localStorage); the reading speed is shared with the badge and the popup, so it lives in storage.local
// (lib/reading-time/speed.ts, wired by lib/reader/settings-store.ts). Every field is validated on load
// so a hand-edited or older value can never break the reader.
import { DEFAULT_WPM } from '../reading-time/index';
import { WPM_LIMITS } from '../reading-time/speed';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../db/schema';

export type Theme = 'system' | 'light' | 'sepia' | 'dark';
export type FontFamily = 'serif' | 'sans';

export interface ReaderSettings {
  font: FontFamily;
  /** CSS px. */
  fontSize: number;
  lineHeight: number;
  /** Max text width in characters (ch). */
  width: number;
  theme: Theme;
  wpm: number;
  /** Read-aloud speed (speechSynthesis rate) and voice URI ('' = browser default). */
  speechRate: number;
  voice: string;
  /** Archive an article by itself once it is read to the end (otherwise Gist offers to). */
  autoArchive: boolean;
  /** The colour `h` and the toolbar's first swatch use: the last one picked. */
  highlightColor: HighlightColor;
  /** The highlights and notes panel stays open from one article to the next once opened. */
  notesPanel: boolean;
}

export const DEFAULT_SETTINGS: ReaderSettings = {
  font: 'serif',
  fontSize: 19,
  lineHeight: 1.65,
  width: 68,
  theme: 'system',
  wpm: DEFAULT_WPM,
  speechRate: 1,
  voice: '',
  autoArchive: false,
  highlightColor: 'yellow',
  notesPanel: false,
};

export const LIMITS = {
  fontSize: { min: 14, max: 30, step: 1 },
  lineHeight: { min: 1.2, max: 2.2, step: 0.05 },
  width: { min: 40, max: 100, step: 4 },
  wpm: WPM_LIMITS,
  speechRate: { min: 0.5, max: 3, step: 0.1 },
} as const;

export const SETTINGS_KEY = 'gist.reader-settings';

function num(v: unknown, key: keyof typeof LIMITS, fallback: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return fallback;
  const { min, max } = LIMITS[key];
  return Math.min(max, Math.max(min, n));
}

/** Any value (parsed JSON, partial, garbage) → complete, in-range settings. */
export function normalizeSettings(raw: unknown): ReaderSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  return {
    font: r.font === 'sans' || r.font === 'serif' ? r.font : d.font,
    fontSize: num(r.fontSize, 'fontSize', d.fontSize),
    lineHeight: Math.round(num(r.lineHeight, 'lineHeight', d.lineHeight) * 100) / 100,
    width: num(r.width, 'width', d.width),
    theme: (['system', 'light', 'sepia', 'dark'] as const).includes(r.theme as Theme) ? (r.theme as Theme) : d.theme,
    wpm: Math.round(num(r.wpm, 'wpm', d.wpm)),
    speechRate: Math.round(num(r.speechRate, 'speechRate', d.speechRate) * 10) / 10,
    voice: typeof r.voice === 'string' ? r.voice : d.voice,
    autoArchive: typeof r.autoArchive === 'boolean' ? r.autoArchive : d.autoArchive,
    highlightColor: (HIGHLIGHT_COLORS as readonly unknown[]).includes(r.highlightColor)
      ? (r.highlightColor as HighlightColor)
      : d.highlightColor,
    notesPanel: typeof r.notesPanel === 'boolean' ? r.notesPanel : d.notesPanel,
  };
}

export function parseSettings(json: string | null | undefined): ReaderSettings {
  if (!json) return { ...DEFAULT_SETTINGS };
  try {
    return normalizeSettings(JSON.parse(json));
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** The theme to paint: 'system' follows prefers-color-scheme (sepia is never the system's). */
export function effectiveTheme(t: Theme, prefersDark: boolean): 'light' | 'sepia' | 'dark' {
  return t === 'system' ? (prefersDark ? 'dark' : 'light') : t;
}
