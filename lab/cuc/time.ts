/**
 * CUPI date-times. TimeExpires, TimeChanged and friends are GMT and written the
 * way Java's Timestamp prints them: `2031-01-01 00:00:00.0` (fraction without
 * trailing zeros, at least one digit). CreationTime uses ISO form instead.
 */
const CUPI_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** The date CUPI uses for "disabled since forever" greetings and transfer rules. */
export const LONG_AGO = '1972-01-01 00:00:00.0';

/** Epoch milliseconds, or null when the text is not a valid CUPI date-time. */
export function parseCupiTime(text: string): number | null {
  const match = CUPI_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = match[7] ? Number(`0.${match[7]}`) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000);
  // Date.UTC rolls 2031-02-30 over into March: reject anything that does not round-trip.
  const check = new Date(ms - Math.round(fraction * 1000));
  if (
    check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day ||
    check.getUTCHours() !== hour || check.getUTCMinutes() !== minute || check.getUTCSeconds() !== second
  ) {
    return null;
  }
  return ms;
}

export function formatCupiTime(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const fraction = pad(date.getUTCMilliseconds(), 3).replace(/0+$/, '') || '0';
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${fraction}`
  );
}

/** CreationTime style: `2013-01-02T15:42:48Z`. */
export function formatIsoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
