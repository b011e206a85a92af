import { calendarFields, WEEK_DAYS, type UccxCalendar, type UccxConfig } from '../../../../../shared/domain/uccx';
import { Field, FieldErrorText, invalidProps } from '../../../components/Field';
import { glossaryEntries, plainText } from '../../../../../shared/domain/glossary';
import { LocalListDetail } from './LocalListDetail';
import { ReviewAndQueue, useEditDraft } from './ReviewAndQueue';
import { submitEdits, updateRequest } from './uccx-store';
import { useWithSavedValues } from './saved-values';

const DAYS = WEEK_DAYS;
const CALENDAR_TYPES = glossaryEntries('calendar-type');

const calendarKey = (calendar: UccxCalendar) => calendar.id;

export function CalendarsEditor({ config }: { config: UccxConfig }) {
  const calendars = useWithSavedValues('calendar', config.calendars, calendarKey, config);
  return (
    <LocalListDetail
      items={calendars}
      keyOf={calendarKey}
      labelOf={(c) => c.name}
      pendingType="calendar"
      listLabel="calendars"
      empty="No calendars (UCCX 12 and later)."
      render={(c) => <CalendarForm key={`${c.id}:${JSON.stringify(calendarFields(c))}`} calendar={c} config={config} />}
    />
  );
}

function CalendarForm({ calendar, config }: { calendar: UccxCalendar; config: UccxConfig }) {
  const { draft, setDraft, base, mine, labels, errors, errorOf, reset } = useEditDraft(calendar, calendarFields, config, 'calendar');
  const errorId = (field: string) => `calendar-${calendar.id}-${field}-error`.replace(/[^A-Za-z0-9_-]/g, '_');
  /** An input of a working-day or holiday row with its problem, if any, under it. */
  const rowProblem = (field: string) => ({ props: invalidProps(errorId(field), errorOf(field)), text: <FieldErrorText id={errorId(field)} message={errorOf(field)} /> });
  const setDay = (index: number, patch: Partial<UccxCalendar['workingDays'][number]>) => setDraft({ ...draft, workingDays: draft.workingDays.map((d, i) => (i === index ? { ...d, ...patch } : d)) });
  const setHoliday = (index: number, patch: Partial<UccxCalendar['holidays'][number]>) => setDraft({ ...draft, holidays: draft.holidays.map((h, i) => (i === index ? { ...h, ...patch } : h)) });
  return (
    <form className="panel" aria-label={`Edit calendar ${calendar.name}`} onSubmit={(e) => e.preventDefault()}>
      <h2>{calendar.name}</h2>
      <div className="form-grid">
        <Field label="Name" error={errorOf('name')}>
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <Field label="Description" error={errorOf('description')}>
          <input value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        </Field>
        <Field label="Time zone" error={errorOf('timeZone')}>
          <input value={draft.timeZone} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })} />
        </Field>
        <Field label="Calendar type" error={errorOf('calendarType')}>
          <select value={draft.calendarType} onChange={(e) => setDraft({ ...draft, calendarType: e.target.value })}>
            {CALENDAR_TYPES.map(([raw, words]) => (
              <option key={raw} value={raw}>
                {words}
              </option>
            ))}
            {/* A type this console has no words for stays, shown as UCCX names it. */}
            {CALENDAR_TYPES.some(([raw]) => raw === draft.calendarType) ? null : <option value={draft.calendarType}>{`${draft.calendarType} (as UCCX names it)`}</option>}
          </select>
        </Field>
      </div>
      <h3>Working days</h3>
      <table className="data">
        <tbody>
          {draft.workingDays.map((day, index) => (
            <tr key={index}>
              <td>
                <select aria-label="Day" value={day.day} onChange={(e) => setDay(index, { day: e.target.value })}>
                  {DAYS.map((d) => (
                    <option key={d} value={d}>
                      {plainText('day', d)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input aria-label={`${plainText('day', day.day)} opens`} value={day.startTime} onChange={(e) => setDay(index, { startTime: e.target.value })} size={6} {...rowProblem(`workingDays.${index}.startTime`).props} />
                {rowProblem(`workingDays.${index}.startTime`).text}
              </td>
              <td>
                <input aria-label={`${plainText('day', day.day)} closes`} value={day.endTime} onChange={(e) => setDay(index, { endTime: e.target.value })} size={6} {...rowProblem(`workingDays.${index}.endTime`).props} />
                {rowProblem(`workingDays.${index}.endTime`).text}
              </td>
              <td>
                <button type="button" onClick={() => setDraft({ ...draft, workingDays: draft.workingDays.filter((_, i) => i !== index) })}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setDraft({ ...draft, workingDays: [...draft.workingDays, { day: 'MONDAY', startTime: '08:00', endTime: '17:00' }] })}>
        Add working day
      </button>
      <h3>Holidays</h3>
      <table className="data">
        <tbody>
          {draft.holidays.map((holiday, index) => (
            <tr key={index}>
              <td>
                <input aria-label="Holiday date" value={holiday.date} placeholder="YYYY-MM-DD" onChange={(e) => setHoliday(index, { date: e.target.value })} size={10} {...rowProblem(`holidays.${index}.date`).props} />
                {rowProblem(`holidays.${index}.date`).text}
              </td>
              <td>
                <input aria-label="Holiday description" value={holiday.description} onChange={(e) => setHoliday(index, { description: e.target.value })} />
              </td>
              <td>
                <button type="button" onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((_, i) => i !== index) })}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setDraft({ ...draft, holidays: [...draft.holidays, { date: '', description: '' }] })}>
        Add holiday
      </button>
      <ReviewAndQueue
        name={calendar.name}
        base={base}
        mine={mine}
        labels={labels}
        errors={errors}
        onReset={reset}
        onQueue={() => submitEdits([updateRequest('calendar', calendar.id, `Calendar ${calendar.name}`, { base, mine, labels })])}
      />
    </form>
  );
}
