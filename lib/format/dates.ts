// Dates that say what they are: "Saved Dec 6", "Published Oct 22, 2025", in the user's locale.
// A saved date in the current year leaves the year out (it is recent by nature); a publication date
// always has it (an article from last October is not this October's).

export type DateKind = 'saved' | 'published';

const LABEL: Record<DateKind, string> = { saved: 'Saved', published: 'Published' };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string | undefined, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${withYear}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      withYear ? { day: 'numeric', month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' },
    );
    formatters.set(key, f);
  }
  return f;
}

/** Epoch ms or an ISO string → Date, or null when it is not a real date. */
export function toDate(value: number | string | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The date alone, as shown after its label ("Dec 6" this year, "Oct 22, 2025" otherwise). */
export function formatDay(d: Date, kind: DateKind, now: Date = new Date(), locale?: string): string {
  const withYear = kind === 'published' || d.getFullYear() !== now.getFullYear();
  return formatter(locale, withYear).format(d);
}

/** "Saved Dec 6" / "Published Oct 22, 2025"; null when the value is missing or not a date. */
export function dateLabel(
  kind: DateKind,
  value: number | string | null | undefined,
  now: Date = new Date(),
  locale?: string,
): string | null {
  const d = toDate(value);
  return d ? `${LABEL[kind]} ${formatDay(d, kind, now, locale)}` : null;
}
