/**
 * How long something took, as a person reads it: "40 ms", "2.5 s", "3 min 5 s". Under a second in
 * milliseconds (an import of a few links takes 40 ms: "0.0 s" read as if nothing had run).
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.max(1, Math.round(ms))} ms`;
  const s = ms / 1000;
  // 59.96 s would print as "60.0 s": round first, then move up to minutes if needed.
  if (Math.round(s * 10) < 600) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  const min = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest ? `${min} min ${rest} s` : `${min} min`;
}
