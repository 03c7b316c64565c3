/** A byte count as a person reads it: "12 KB", "3.4 MB" (1024-based, as file managers show sizes). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  // 1023.6 KB would print as "1024 KB": round first, then move up a unit if needed.
  if (i < units.length - 1 && Math.round(n) >= 1024) {
    n /= 1024;
    i++;
  }
  return `${n < 10 && i ? n.toFixed(1) : Math.round(n)} ${units[i]}`;
}
