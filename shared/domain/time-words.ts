/**
 * Every date and time the console shows, in one place: local time, 24-hour
 * clock, day-month-year with the month in words, so "03/04" never has to be
 * guessed. Main uses it too (status sentences, change summaries), which is why
 * it lives in shared/.
 *
 * Cisco servers use sentinel dates for "no date": Unity Connection writes
 * 1972-01-01 00:00:00.0 for "disabled" or "never happened" and a far-future
 * date (2099, 2199…) for "until further notice". Those read as words here,
 * never as dates.
 */
import { parseCupiTime } from './cupi';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time: "09:05". */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Local wall-clock time with seconds: "09:05:07". */
export function formatClockSeconds(epochMs: number): string {
  const date = new Date(epochMs);
  return `${formatClock(epochMs)}:${pad(date.getSeconds())}`;
}

/** Local day: "24 Dec 2026". */
export function formatDay(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

/** Local date and time: "24 Dec 2026, 18:00". */
export function formatDateTime(epochMs: number): string {
  return `${formatDay(epochMs)}, ${formatClock(epochMs)}`;
}

/**
 * A moment relative to now, as short as it can be without losing the day:
 * "14:32" today, "24 Dec, 14:32" this year, "24 Dec 2025, 14:32" otherwise.
 */
export function formatMoment(epochMs: number, now = Date.now()): string {
  const date = new Date(epochMs);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return formatClock(epochMs);
  if (date.getFullYear() === today.getFullYear()) return `${date.getDate()} ${MONTHS[date.getMonth()]}, ${formatClock(epochMs)}`;
  return formatDateTime(epochMs);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as UCCX writes it ("2025-12-25") in words: "Thursday 25 Dec 2025"; anything else as it is. */
export function formatCalendarDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate.trim());
  if (!match) return isoDate;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(year, month - 1, day);
  if (date.getMonth() !== month - 1) return isoDate;
  return `${WEEKDAYS[date.getDay()]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** Opening hours: "08:00–18:00". */
export function formatHours(start: string, end: string): string {
  return `${start}–${end}`;
}

/** Dates on or before this are Unity Connection's "long ago" (1972-01-01 and its like). */
const PAST_SENTINEL_MS = Date.UTC(1973, 0, 1);
/** Dates on or after this mean "until further notice" (2099-12-31, 2199-12-31…). */
const FUTURE_SENTINEL_MS = Date.UTC(2099, 0, 1);

/** Whether a CUPI date is one of the sentinels, and which. */
export function cupiSentinel(raw: string | null | undefined): 'empty' | 'long-ago' | 'far-future' | null {
  if (raw === null || raw === undefined || raw.trim() === '') return 'empty';
  const ms = parseCupiTime(raw);
  if (ms === null) return null;
  if (ms < PAST_SENTINEL_MS) return 'long-ago';
  if (ms >= FUTURE_SENTINEL_MS) return 'far-future';
  return null;
}

/**
 * A Unity Connection date-time (GMT, `2031-01-01 00:00:00.0`) in local words.
 * `event` dates (last changed, locked since): the sentinels read "Never" or
 * "Not set". `expiry` dates (a greeting or transfer rule on until): the past
 * sentinel reads "Off", the far future and empty "No end date".
 * An unreadable value is shown as it is.
 */
export function formatCupiDate(raw: string | null | undefined, meaning: 'event' | 'expiry' = 'event'): string {
  const sentinel = cupiSentinel(raw);
  if (meaning === 'expiry') {
    if (sentinel === 'long-ago') return 'Off';
    if (sentinel === 'far-future' || sentinel === 'empty') return 'No end date';
  } else {
    if (sentinel === 'empty') return 'Not set';
    if (sentinel === 'long-ago' || sentinel === 'far-future') return 'Never';
  }
  const ms = parseCupiTime(raw);
  return ms === null ? String(raw) : formatDateTime(ms);
}
