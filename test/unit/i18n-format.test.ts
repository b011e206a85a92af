import { describe, expect, it } from 'vitest';
import { formatClock, formatClockSeconds, formatDateTime, formatDay, formatDuration, formatMilliseconds, formatNumber } from '../../renderer/src/i18n/format';
import { formattingLocale, resolveLanguage } from '../../renderer/src/i18n/i18n';

/** Numbers, dates and times follow the chosen language and the system's own variant of it. */
describe('locale-aware formatting', () => {
  const afternoon = new Date(2026, 11, 24, 14, 5, 7).getTime();

  it("keeps each locale's clock: 12-hour in US English, 24-hour in British English, German and Spanish", () => {
    expect(formatClock(afternoon, 'en-US')).toBe('2:05 PM');
    expect(formatClock(afternoon, 'en-GB')).toBe('14:05');
    expect(formatClock(afternoon, 'de')).toBe('14:05');
    expect(formatClock(afternoon, 'es')).toBe('14:05');
    expect(formatClockSeconds(afternoon, 'de')).toBe('14:05:07');
  });

  it('writes the month in words, in the order each locale uses', () => {
    expect(formatDay(afternoon, 'en-GB')).toBe('24 Dec 2026');
    expect(formatDay(afternoon, 'de')).toBe('24. Dez. 2026');
    expect(formatDay(afternoon, 'es')).toBe('24 dic 2026');
    expect(formatDateTime(afternoon, 'en-US')).toBe('Dec 24, 2026, 2:05 PM');
    expect(formatDateTime(afternoon, 'de')).toBe('24. Dez. 2026, 14:05');
  });

  it("uses each locale's separators and units", () => {
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5');
    expect(formatNumber(12345.5, 'de')).toBe('12.345,5');
    expect(formatMilliseconds(640, 'en')).toBe('640 ms');
    // Intl.DurationFormat where the runtime has it (Chromium), else the digital form.
    const hasDurationFormat = 'DurationFormat' in Intl;
    expect(formatDuration(3907, 'de')).toBe(hasDurationFormat ? new (Intl as unknown as { DurationFormat: new (l: string, o: object) => { format(d: object): string } }).DurationFormat('de', { style: 'narrow' }).format({ hours: 1, minutes: 5, seconds: 7 }) : '1:05:07');
    if (!hasDurationFormat) expect(formatDuration(67.4, 'en')).toBe('1:07');
    expect(formatMilliseconds(2093, 'de')).toMatch(/^2,1\s?(s|Sek\.)$/);
  });
});

describe('choosing the language', () => {
  it('follows the system for "system": the first preferred language the console has, else English', () => {
    expect(resolveLanguage('system', ['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(resolveLanguage('system', ['es-MX'])).toBe('es');
    expect(resolveLanguage('system', ['fr-FR', 'it'])).toBe('en');
    expect(resolveLanguage(undefined, [])).toBe('en');
    expect(resolveLanguage('es', ['de-DE'])).toBe('es');
  });

  it("formats in the system's own variant of the chosen language, else the language's default", () => {
    expect(formattingLocale('de', ['de-AT', 'en-US'])).toBe('de-AT');
    expect(formattingLocale('en', ['de-AT', 'en-GB'])).toBe('en-GB');
    expect(formattingLocale('es', ['de-AT'])).toBe('es');
    expect(formattingLocale('en', ['not a tag!'])).toBe('en');
    expect(formattingLocale('pseudo', ['de-DE'])).toBe('en');
  });
});
