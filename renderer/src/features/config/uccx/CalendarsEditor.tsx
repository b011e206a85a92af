import { useCallback, useMemo, useState } from 'react';
import type { FieldMap, PendingChange } from '../../../../../shared/domain/changes';
import { calendarFields, localToday, validateUccxCreate, WEEK_DAYS, type UccxCalendar, type UccxConfig } from '../../../../../shared/domain/uccx';
import { HeadingWithDelete, ReviewNewObject, useCreateFlow, usePendingCreates, WaitingToBeCreated } from './CreateDelete';
import { Field, FieldErrorText, invalidProps } from '../../../components/Field';
import { LocalListDetail } from './LocalListDetail';
import { ReviewAndQueue, useEditDraft } from './ReviewAndQueue';
import { uccxFieldWords } from './field-words';
import { sayProblemAt } from '../../../i18n/field-errors';
import { submitEdits, updateRequest } from './uccx-store';
import { useWithSavedValues } from './saved-values';
import { useT, type MessageId, type t as translate } from '../../../i18n/i18n';

const DAYS = WEEK_DAYS;
/** UCCX 12's calendar types in words; a type the console does not know is shown as UCCX names it. */
const CALENDAR_TYPES: Record<string, MessageId> = { FULLTIME: 'uccx.calendars.type.FULLTIME', PARTTIME: 'uccx.calendars.type.PARTTIME' };

const DAY_WORDS: Record<(typeof WEEK_DAYS)[number], MessageId> = {
  MONDAY: 'uccx.calendars.day.MONDAY',
  TUESDAY: 'uccx.calendars.day.TUESDAY',
  WEDNESDAY: 'uccx.calendars.day.WEDNESDAY',
  THURSDAY: 'uccx.calendars.day.THURSDAY',
  FRIDAY: 'uccx.calendars.day.FRIDAY',
  SATURDAY: 'uccx.calendars.day.SATURDAY',
  SUNDAY: 'uccx.calendars.day.SUNDAY',
};

/** A weekday in the user's language; a day UCCX sent that is not one stays as sent. */
function dayWords(t: typeof translate, day: string): string {
  const id = DAY_WORDS[day as keyof typeof DAY_WORDS];
  return id ? t(id) : day;
}

const calendarKey = (calendar: UccxCalendar) => calendar.id;

/** A calendar saved as new, as the list shows it until UCCX has it. */
function calendarFromChange(change: PendingChange): UccxCalendar {
  const text = (field: string) => (typeof change.mine[field] === 'string' ? (change.mine[field] as string) : '');
  return { id: change.ref.id, name: text('name') || change.ref.id, description: text('description'), timeZone: text('timeZone'), calendarType: text('calendarType'), workingDays: [], holidays: [] };
}

/** Time zones offered for a new calendar: the platform's list, with UCCX's own default first. */
function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['Etc/Universal', ...known.filter((zone) => zone !== 'Etc/Universal')];
}

export function CalendarsEditor({ config }: { config: UccxConfig }) {
  const t = useT();
  const saved = useWithSavedValues('calendar', config.calendars, calendarKey, config);
  const names = useMemo(() => config.calendars.map((calendar) => calendar.name), [config.calendars]);
  const fromChange = useCallback(calendarFromChange, []);
  const creating = usePendingCreates('calendar', names, fromChange);
  const create = useCreateFlow('calendar', config.calendars, (onDone) => <NewCalendarForm config={config} onDone={onDone} />);
  const onServer = (id: string) => config.calendars.some((calendar) => calendar.id === id);
  return (
    <LocalListDetail
      items={[...saved, ...creating]}
      keyOf={calendarKey}
      labelOf={(c) => c.name}
      pendingType="calendar"
      listLabel={t('uccx.calendars.list')}
      empty={t('uccx.calendars.empty')}
      select={create.select}
      actions={create.actions}
      detail={create.detail}
      render={(c) => (onServer(c.id) ? <CalendarForm key={`${c.id}:${JSON.stringify(calendarFields(c))}`} calendar={c} config={config} /> : <WaitingToBeCreated type="calendar" name={c.name} />)}
    />
  );
}

/** "New calendar…": name, time zone, type, opening hours per weekday and holidays, checked as UCCX checks a new calendar. */
function NewCalendarForm({ config, onDone }: { config: UccxConfig; onDone: (createdKey: string | null) => void }) {
  const t = useT();
  const [draft, setDraft] = useState<UccxCalendar>({
    id: 'new',
    name: '',
    description: '',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Etc/Universal',
    calendarType: 'PARTTIME',
    workingDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((day) => ({ day, startTime: '08:00', endTime: '17:00' })),
    holidays: [],
  });
  const zones = useMemo(timeZones, []);
  const mine: FieldMap = calendarFields(draft);
  const errors = validateUccxCreate('calendar', mine, { config, today: localToday() });
  const errorOf = (field: string) => sayProblemAt(errors, field);
  return (
    <form className="panel" aria-label={t('uccx.calendars.new')} onSubmit={(e) => e.preventDefault()}>
      <h2>{t('uccx.calendars.new')}</h2>
      <CalendarFields idPrefix="new-calendar" draft={draft} setDraft={setDraft} errorOf={(field) => (field === 'name' && draft.name === '' ? null : errorOf(field))} zones={zones} />
      <ReviewNewObject type="calendar" name={draft.name} mine={mine} labels={uccxFieldWords(Object.keys(mine), config)} errors={errors} onDone={onDone} />
    </form>
  );
}

function CalendarForm({ calendar, config }: { calendar: UccxCalendar; config: UccxConfig }) {
  const t = useT();
  const { draft, setDraft, base, mine, labels, shownLabels, errors, errorOf, reset } = useEditDraft(calendar, calendarFields, config, 'calendar');
  const zones = useMemo(timeZones, []);
  return (
    <form className="panel" aria-label={t('uccx.calendars.edit', { name: calendar.name })} onSubmit={(e) => e.preventDefault()}>
      <HeadingWithDelete type="calendar" id={calendar.id} name={calendar.name} config={config} consequence={t('uccx.calendars.deleteConsequence', { name: calendar.name })} />
      <CalendarFields idPrefix={`calendar-${calendar.id}`} draft={draft} setDraft={setDraft} errorOf={errorOf} zones={zones} />
      <ReviewAndQueue
        name={calendar.name}
        base={base}
        mine={mine}
        labels={shownLabels}
        errors={errors}
        onReset={reset}
        // The change's label is kept in English: main's summaries and the audit log speak it.
        onQueue={() => submitEdits([updateRequest('calendar', calendar.id, `Calendar ${calendar.name}`, { base, mine, labels })])}
      />
    </form>
  );
}

/** A calendar's fields, opening hours and holidays, each problem shown at its row: shared by the new-calendar form and the editor. */
function CalendarFields({ idPrefix, draft, setDraft, errorOf, zones }: { idPrefix: string; draft: UccxCalendar; setDraft: (calendar: UccxCalendar) => void; errorOf: (field: string) => string | null; zones: string[] }) {
  const errorId = (field: string) => `${idPrefix}-${field}-error`.replace(/[^A-Za-z0-9_-]/g, '_');
  /** An input of a working-day or holiday row with its problem, if any, under it. */
  const rowProblem = (field: string) => ({ props: invalidProps(errorId(field), errorOf(field)), text: <FieldErrorText id={errorId(field)} message={errorOf(field)} /> });
  const setDay = (index: number, patch: Partial<UccxCalendar['workingDays'][number]>) => setDraft({ ...draft, workingDays: draft.workingDays.map((d, i) => (i === index ? { ...d, ...patch } : d)) });
  const setHoliday = (index: number, patch: Partial<UccxCalendar['holidays'][number]>) => setDraft({ ...draft, holidays: draft.holidays.map((h, i) => (i === index ? { ...h, ...patch } : h)) });
  const zoneListId = `${idPrefix}-zones`.replace(/[^A-Za-z0-9_-]/g, '_');
  const t = useT();
  return (
    <>
      <div className="form-grid">
        <Field label={t('uccx.calendars.name')} error={errorOf('name')}>
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <Field label={t('uccx.calendars.description')} error={errorOf('description')}>
          <input value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        </Field>
        <Field label={t('uccx.calendars.timeZone')} error={errorOf('timeZone')}>
          <input value={draft.timeZone} list={zoneListId} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })} />
        </Field>
        <Field label={t('uccx.calendars.calendarType')} error={errorOf('calendarType')}>
          <select value={draft.calendarType} onChange={(e) => setDraft({ ...draft, calendarType: e.target.value })}>
            {Object.entries(CALENDAR_TYPES).map(([raw, words]) => (
              <option key={raw} value={raw}>
                {t(words)}
              </option>
            ))}
            {/* A type this console has no words for stays, shown as UCCX names it. */}
            {Object.hasOwn(CALENDAR_TYPES, draft.calendarType) ? null : <option value={draft.calendarType}>{t('uccx.calendars.typeAsNamed', { type: draft.calendarType })}</option>}
          </select>
        </Field>
      </div>
      <h3>{t('uccx.calendars.workingDays')}</h3>
      <table className="data">
        <tbody>
          {draft.workingDays.map((day, index) => (
            <tr key={index}>
              <td>
                <select aria-label={t('uccx.calendars.dayLabel')} value={day.day} onChange={(e) => setDay(index, { day: e.target.value })}>
                  {DAYS.map((d) => (
                    <option key={d} value={d}>
                      {dayWords(t, d)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input aria-label={t('uccx.calendars.opens', { day: dayWords(t, day.day) })} value={day.startTime} onChange={(e) => setDay(index, { startTime: e.target.value })} size={6} {...rowProblem(`workingDays.${index}.startTime`).props} />
                {rowProblem(`workingDays.${index}.startTime`).text}
              </td>
              <td>
                <input aria-label={t('uccx.calendars.closes', { day: dayWords(t, day.day) })} value={day.endTime} onChange={(e) => setDay(index, { endTime: e.target.value })} size={6} {...rowProblem(`workingDays.${index}.endTime`).props} />
                {rowProblem(`workingDays.${index}.endTime`).text}
              </td>
              <td>
                <button type="button" onClick={() => setDraft({ ...draft, workingDays: draft.workingDays.filter((_, i) => i !== index) })}>
                  {t('uccx.calendars.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setDraft({ ...draft, workingDays: [...draft.workingDays, { day: 'MONDAY', startTime: '08:00', endTime: '17:00' }] })}>
        {t('uccx.calendars.addWorkingDay')}
      </button>
      <h3>{t('uccx.calendars.holidays')}</h3>
      <table className="data">
        <tbody>
          {draft.holidays.map((holiday, index) => (
            <tr key={index}>
              <td>
                <input aria-label={t('uccx.calendars.holidayDate')} value={holiday.date} placeholder={t('uccx.calendars.datePattern')} onChange={(e) => setHoliday(index, { date: e.target.value })} size={10} {...rowProblem(`holidays.${index}.date`).props} />
                {rowProblem(`holidays.${index}.date`).text}
              </td>
              <td>
                <input aria-label={t('uccx.calendars.holidayDescription')} value={holiday.description} onChange={(e) => setHoliday(index, { description: e.target.value })} />
              </td>
              <td>
                <button type="button" onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((_, i) => i !== index) })}>
                  {t('uccx.calendars.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setDraft({ ...draft, holidays: [...draft.holidays, { date: '', description: '' }] })}>
        {t('uccx.calendars.addHoliday')}
      </button>
      <datalist id={zoneListId}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}
