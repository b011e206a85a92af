import { act } from 'react';
import { afterAll, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { CalendarsEditor } from '../../renderer/src/features/config/uccx/CalendarsEditor';
import { useUccxStore } from '../../renderer/src/features/config/uccx/uccx-store';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { createFakeApi } from '../support/fake-api';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';
import { reactRoot, settle } from '../support/react-root';
import type { UccxCalendar, UccxConfig } from '../../shared/domain/uccx';

/**
 * A calendar's form in German and the pseudo-locale: its type (one UCCX
 * names in a way the console has no words for), weekdays, opening and
 * closing times and a holiday.
 */

const NIGHT: UccxCalendar = {
  id: '3',
  name: 'Night Line',
  description: 'Evenings',
  timeZone: 'Europe/Berlin',
  calendarType: 'HOLIDAY_ONLY',
  workingDays: [{ day: 'MONDAY', startTime: '18:00', endTime: '22:00' }],
  holidays: [{ date: '2026-12-24', description: 'Christmas Eve' }],
};

const CONFIG: UccxConfig = {
  agents: [],
  skills: [],
  resourceGroups: [],
  csqs: [],
  teams: [],
  applications: [],
  calendars: [NIGHT],
  fetchedAt: Date.UTC(2026, 0, 5, 9, 15),
  source: 'live',
  node: null,
};

const mount = reactRoot(() => useUccxStore.setState({ config: CONFIG, state: null, loading: false, error: null, pending: [] }));

afterAll(async () => {
  await act(() => applyLanguage('en'));
});

async function showCalendar(): Promise<HTMLFormElement> {
  // jsdom lays nothing out: the list scrolls the chosen row into view.
  Element.prototype.scrollIntoView ??= () => undefined;
  setApi(createFakeApi({ 'changes:list': () => [] }));
  mount.render(<CalendarsEditor config={CONFIG} />);
  await settle();
  await act(async () => mount.container.querySelector<HTMLElement>('[role="option"]')!.click());
  return mount.container.querySelector<HTMLFormElement>('form')!;
}

describe('a calendar in other languages', () => {
  it('in German: the type UCCX names, the weekdays and the time fields read in German', async () => {
    await act(() => applyLanguage('de'));
    const form = await showCalendar();
    expect(form.getAttribute('aria-label')).toBe('Kalender Night Line bearbeiten');
    const type = [...form.querySelectorAll('select')].find((select) => select.value === 'HOLIDAY_ONLY')!;
    expect([...type.options].map((option) => option.textContent)).toEqual(['Ganztägig geöffnet (24 Stunden)', 'Zu den Arbeitszeiten geöffnet', 'HOLIDAY_ONLY (Bezeichnung in UCCX)']);
    const day = form.querySelector<HTMLSelectElement>('select[aria-label="Tag"]')!;
    expect([...day.options].map((option) => option.textContent)).toEqual(['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag']);
    expect(form.querySelector('input[aria-label="Montag: Öffnungszeit"]')).not.toBeNull();
    expect(form.querySelector('input[aria-label="Montag: Schließzeit"]')).not.toBeNull();
    expect(form.querySelector<HTMLInputElement>('input[aria-label="Datum des Feiertags"]')!.placeholder).toBe('JJJJ-MM-TT');
    expect([...form.querySelectorAll('h3')].map((heading) => heading.textContent)).toEqual(['Arbeitstage', 'Feiertage']);
  });

  it('in the pseudo-locale: the fields, working days and holidays say every word through the catalogues', async () => {
    await act(() => applyLanguage('pseudo'));
    const form = await showCalendar();
    // The form's own parts (its heading, delete and review come from the shared UCCX pieces, checked with them).
    const parts = [form.querySelector('.form-grid')!, ...form.querySelectorAll('table.data'), ...form.querySelectorAll('h3'), ...[...form.querySelectorAll(':scope > button')]];
    expect(parts.map((part) => part.tagName)).toEqual(['DIV', 'TABLE', 'TABLE', 'H3', 'H3', 'BUTTON', 'BUTTON']);
    expect(parts.flatMap((root) => wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root }))).toEqual([]);
  });
});

