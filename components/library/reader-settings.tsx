import { LIMITS, type ReaderSettings, type Theme } from '../../lib/reader/settings';
import './dialogs.css';
import './reader-settings.css';

export interface ReaderSettingsProps {
  settings: ReaderSettings;
  onChange(s: ReaderSettings): void;
  onClose(): void;
}

const THEMES: [Theme, string][] = [
  ['system', 'Auto'],
  ['light', 'Light'],
  ['sepia', 'Sepia'],
  ['dark', 'Dark'],
];

/** Typography, theme and reading speed; every change applies at once and is remembered. */
export function ReaderSettingsPanel({ settings: s, onChange, onClose }: ReaderSettingsProps) {
  const set = <K extends keyof ReaderSettings>(k: K, v: ReaderSettings[K]) => onChange({ ...s, [k]: v });
  const step = (k: 'fontSize', d: number) => set(k, Math.min(LIMITS[k].max, Math.max(LIMITS[k].min, s[k] + d)));
  return (
    <div
      class="popover settings"
      role="dialog"
      aria-label="Reading settings"
      data-testid="reader-settings"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <fieldset class="seg">
        <legend>Font</legend>
        {(['serif', 'sans'] as const).map((f) => (
          <button
            type="button"
            key={f}
            class={`seg-btn font-${f}`}
            aria-pressed={s.font === f}
            data-testid={`font-${f}`}
            onClick={() => set('font', f)}
          >
            {f === 'serif' ? 'Serif' : 'Sans'}
          </button>
        ))}
      </fieldset>
      <div class="setting-row">
        <span id="size-label">Size</span>
        <div class="stepper" role="group" aria-labelledby="size-label">
          <button type="button" class="secondary" aria-label="Smaller text" data-testid="font-smaller" onClick={() => step('fontSize', -1)}>
            A−
          </button>
          <output data-testid="font-size">{s.fontSize}px</output>
          <button type="button" class="secondary" aria-label="Larger text" data-testid="font-larger" onClick={() => step('fontSize', 1)}>
            A+
          </button>
        </div>
      </div>
      <label class="setting-row">
        <span>Line spacing</span>
        <input
          type="range"
          min={LIMITS.lineHeight.min}
          max={LIMITS.lineHeight.max}
          step={LIMITS.lineHeight.step}
          value={s.lineHeight}
          data-testid="line-height"
          onInput={(e) => set('lineHeight', Number((e.target as HTMLInputElement).value))}
        />
      </label>
      <label class="setting-row">
        <span>Width</span>
        <input
          type="range"
          min={LIMITS.width.min}
          max={LIMITS.width.max}
          step={LIMITS.width.step}
          value={s.width}
          data-testid="content-width"
          onInput={(e) => set('width', Number((e.target as HTMLInputElement).value))}
        />
      </label>
      <fieldset class="seg">
        <legend>Theme</legend>
        {THEMES.map(([t, label]) => (
          <button
            type="button"
            key={t}
            class={`seg-btn swatch-${t}`}
            aria-pressed={s.theme === t}
            data-testid={`theme-${t}`}
            onClick={() => set('theme', t)}
          >
            {label}
          </button>
        ))}
      </fieldset>
      <label class="setting-row">
        <span>Reading speed</span>
        <span class="wpm">
          <input
            type="number"
            min={LIMITS.wpm.min}
            max={LIMITS.wpm.max}
            step={LIMITS.wpm.step}
            value={s.wpm}
            data-testid="wpm"
            onChange={(e) => {
              const v = Number((e.target as HTMLInputElement).value);
              if (Number.isFinite(v) && v > 0) set('wpm', Math.min(LIMITS.wpm.max, Math.max(LIMITS.wpm.min, Math.round(v))));
            }}
          />
          words/min
        </span>
      </label>
      <label class="setting-row check">
        <span>Archive articles when I finish them</span>
        <input
          type="checkbox"
          checked={s.autoArchive}
          data-testid="auto-archive"
          onChange={(e) => set('autoArchive', (e.target as HTMLInputElement).checked)}
        />
      </label>
      <div class="dialog-actions">
        <button type="button" class="secondary" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}
