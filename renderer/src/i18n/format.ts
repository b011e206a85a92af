/**
 * Numbers, dates, times and durations in the user's locale, through Intl.
 * Each takes the formatting locale (`useLocale()` in a component) so a
 * language switch re-renders them; the 12- or 24-hour clock is the locale's
 * own (en-US "2:05 PM", en-GB and de "14:05"). Formatters are kept per locale
 * and style: building an Intl formatter costs far more than using one.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** Wall-clock time: "14:05" (de, en-GB), "2:05 PM" (en-US). */
export function formatClock(epochMs: number, locale: string): string {
  return dateFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(epochMs);
}

/** Wall-clock time with seconds: "14:05:07", "2:05:07 PM". */
export function formatClockSeconds(epochMs: number, locale: string): string {
  return dateFormat(locale, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(epochMs);
}

/** A day with the month in words, never "03/04": "24 Dec 2026", "24. Dez. 2026", "Dec 24, 2026". */
export function formatDay(epochMs: number, locale: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(epochMs);
}

/** Day and time: "24 Dec 2026, 18:00", "24. Dez. 2026, 18:00", "Dec 24, 2026, 6:00 PM". */
export function formatDateTime(epochMs: number, locale: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(epochMs);
}

/** A number with the locale's separators: 12,345.6 / 12.345,6. */
export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(locale, options).format(value);
}

/** A short measured time: "640 ms" below a second, else "2.1 s" / "2,1 s". */
export function formatMilliseconds(ms: number, locale: string): string {
  if (ms < 1000) return numberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short' }).format(Math.round(ms));
  return numberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'narrow', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ms / 1000);
}

/**
 * A duration in seconds as the locale writes a short one: "1 h 5 min 7 s",
 * "1 Std., 5 Min. und 7 Sek.". Intl.DurationFormat where the browser has it;
 * elsewhere (older Node in tests) the digital form "1:05:07".
 */
export function formatDuration(totalSeconds: number, locale: string): string {
  const whole = Math.max(0, Math.round(totalSeconds));
  const parts = { hours: Math.floor(whole / 3600), minutes: Math.floor((whole % 3600) / 60), seconds: whole % 60 };
  const DurationFormat = (Intl as unknown as { DurationFormat?: new (locale: string, options: object) => { format(duration: object): string } }).DurationFormat;
  if (DurationFormat) return new DurationFormat(locale, { style: 'narrow' }).format(parts);
  const pad = (n: number) => String(n).padStart(2, '0');
  return parts.hours ? `${parts.hours}:${pad(parts.minutes)}:${pad(parts.seconds)}` : `${parts.minutes}:${pad(parts.seconds)}`;
}

/**
 * A calendar day ("2026-12-24", as main names kept days) with its weekday:
 * "Thu, Dec 24, 2026", "Do., 24. Dez. 2026". The day as written, whatever the time zone.
 */
export function formatCalendarDay(isoDate: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  if (!match) return isoDate;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(year, month - 1, day);
  if (date.getMonth() !== month - 1) return isoDate;
  return dateFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}
