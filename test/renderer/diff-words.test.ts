import { afterAll, describe, expect, it } from 'vitest';
import { readableChange } from '../../renderer/src/components/diff-words';
import { applyLanguage } from '../../renderer/src/i18n/i18n';

/**
 * The rows a before/after review is read in: a calendar's days and holidays
 * and a caller list's numbers one per row, never JSON, in the user's language
 * with dates the locale's way; what the server holds is shown as it is.
 */
const day = (name: string, start: string, end: string) => ({ day: name, startTime: start, endTime: end });
const base = { workingDays: [day('MONDAY', '08:00', '18:00'), day('TUESDAY', '08:00', '18:00')], holidays: [] };
const mine = { workingDays: [day('MONDAY', '09:00', '17:00'), day('TUESDAY', '08:00', '18:00')], holidays: [{ date: '2026-12-24', description: 'Christmas Eve' }, { date: '2026-12-31', description: '' }] };
const callers = {
  before: { entries: [{ number: '+41441234567', label: '', expires: '', route: '' }] },
  after: { entries: [{ number: '+41441234567', label: '', expires: '2026-12-31', route: 'CSQ_VIP' }, { number: '+41449999999', label: 'Key account B', expires: '', route: '' }] },
};

afterAll(() => applyLanguage('en'));

describe('readable review rows', () => {
  it('turns working days and holidays into one row per day or date', () => {
    const rows = readableChange(base, mine, { workingDays: 'Working days', holidays: 'Holidays' }, 'en-US');
    expect(rows.labels['workingDays/MONDAY']).toBe('Monday');
    expect([rows.base['workingDays/MONDAY'], rows.mine['workingDays/MONDAY']]).toEqual(['08:00–18:00', '09:00–17:00']);
    expect(rows.base['workingDays/TUESDAY']).toBe(rows.mine['workingDays/TUESDAY']);
    expect([rows.base['workingDays/SUNDAY'], rows.mine['workingDays/SUNDAY']]).toEqual(['Closed', 'Closed']);
    expect(rows.labels['holidays/2026-12-24']).toBe('Holiday Thu, Dec 24, 2026');
    expect([rows.base['holidays/2026-12-24'], rows.mine['holidays/2026-12-24']]).toEqual(['(none)', 'Christmas Eve']);
    expect(rows.mine['holidays/2026-12-31']).toBe('Holiday, no description');
    expect(JSON.stringify(Object.values(rows.mine))).not.toMatch(/startTime|MONDAY/);
  });

  it('reads a caller list one number per row, and other records as key: value, never JSON', () => {
    const rows = readableChange(callers.before, callers.after, {}, 'en-US');
    expect(rows.labels['entries/+41449999999']).toBe('Caller +41449999999');
    expect([rows.base['entries/+41449999999'], rows.mine['entries/+41449999999']]).toEqual(['(not listed)', 'Key account B']);
    expect([rows.base['entries/+41441234567'], rows.mine['entries/+41441234567']]).toEqual(['(no label)', '(no label) · until Thu, Dec 31, 2026 · route CSQ_VIP']);
    const other = readableChange({ x: { a: 1, b: true } }, { x: null });
    expect(other.base.x).toBe('a: 1, b: yes');
    expect(other.mine.x).toBe('(none)');
  });

  it('says the same rows in German, the server\'s words and the hours as they are', async () => {
    await applyLanguage('de');
    const rows = readableChange(base, mine, {}, 'de-DE');
    expect(rows.labels['workingDays/MONDAY']).toBe('Montag');
    expect(rows.mine['workingDays/MONDAY']).toBe('09:00–17:00');
    expect(rows.mine['workingDays/SUNDAY']).toBe('Geschlossen');
    expect(rows.labels['holidays/2026-12-24']).toBe('Feiertag Do., 24. Dez. 2026');
    expect([rows.base['holidays/2026-12-24'], rows.mine['holidays/2026-12-24']]).toEqual(['(keiner)', 'Christmas Eve']);
    const callerRows = readableChange(callers.before, callers.after, {}, 'de-DE');
    expect(callerRows.labels['entries/+41449999999']).toBe('Anrufer +41449999999');
    expect(callerRows.mine['entries/+41441234567']).toBe('(ohne Bezeichnung) · bis Do., 31. Dez. 2026 · Route CSQ_VIP');
    expect(readableChange({ x: { on: false } }, {}).base.x).toBe('on: nein');
  });
});
