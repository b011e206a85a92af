import type { FieldMap, FieldValue } from '../../../shared/domain/changes';
import { formatHours } from '../../../shared/domain/time-words';
import { t, type MessageId } from '../i18n/i18n';
import { formatCalendarDay } from '../i18n/format';

/**
 * A change's fields as rows a person reads, for DiffView: list-valued fields
 * that hold records (a calendar's working days and holidays) become one row
 * per day or date ("Monday 08:00–18:00 → 09:00–17:00"), so the review never
 * shows JSON; any other record reads "key: value". Our words come from the
 * catalogues (`diff.*`) and dates follow `locale`; what the server holds
 * (descriptions, labels, routes, field keys) is shown as it is.
 */
export interface ReadableChange {
  base: Record<string, string>;
  mine: Record<string, string>;
  labels: Record<string, string>;
  /** Rows sort by this key (a group and a position), else by their label. */
  sortKeys: Record<string, string>;
}

const DAY_ORDER = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const DAY_NAMES: Record<string, MessageId> = {
  MONDAY: 'diff.day.monday',
  TUESDAY: 'diff.day.tuesday',
  WEDNESDAY: 'diff.day.wednesday',
  THURSDAY: 'diff.day.thursday',
  FRIDAY: 'diff.day.friday',
  SATURDAY: 'diff.day.saturday',
  SUNDAY: 'diff.day.sunday',
};
/** A weekday as UCCX names it ("MONDAY") in words; a name UCCX might add later stays as sent. */
const dayName = (day: string) => (DAY_NAMES[day] ? t(DAY_NAMES[day]) : day);

type Rec = { [key: string]: FieldValue };
const isRecord = (value: FieldValue | undefined): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);
const recordsOf = (value: FieldValue | undefined): Rec[] | null => (Array.isArray(value) && value.every(isRecord) ? (value as Rec[]) : null);

const isWorkingDay = (record: Rec) => 'day' in record && 'startTime' in record && 'endTime' in record;
const isHoliday = (record: Rec) => 'date' in record && !('day' in record);
const isCaller = (record: Rec) => 'number' in record && 'label' in record;

export function readableChange(base: FieldMap, mine: FieldMap, labels: Record<string, string> = {}, locale = 'en'): ReadableChange {
  const out: ReadableChange = { base: {}, mine: {}, labels: {}, sortKeys: {} };
  for (const field of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    const before = recordsOf(base[field] ?? []);
    const after = recordsOf(mine[field] ?? []);
    const all = [...(before ?? []), ...(after ?? [])];
    const group = labels[field] ?? field;
    if (before && after && all.length > 0 && all.every(isWorkingDay)) {
      addWorkingDays(out, field, group, before, after);
    } else if (before && after && all.length > 0 && all.every(isHoliday)) {
      addHolidays(out, field, group, before, after, locale);
    } else if (before && after && all.length > 0 && all.every(isCaller)) {
      addCallers(out, field, group, before, after, locale);
    } else {
      out.base[field] = valueWords(base[field]);
      out.mine[field] = valueWords(mine[field]);
      out.labels[field] = group;
    }
  }
  return out;
}

/** One row per weekday: its opening hours, "Closed" when the calendar has none. */
function addWorkingDays(out: ReadableChange, field: string, group: string, before: Rec[], after: Rec[]): void {
  const hoursOn = (records: Rec[], day: string) => {
    const ranges = records.filter((r) => String(r.day).toUpperCase() === day).map((r) => formatHours(String(r.startTime), String(r.endTime)));
    return ranges.length ? ranges.join(', ') : t('diff.closed');
  };
  const days = [...new Set([...DAY_ORDER, ...[...before, ...after].map((r) => String(r.day).toUpperCase())])];
  days.forEach((day, index) => {
    const key = `${field}/${day}`;
    out.base[key] = hoursOn(before, day);
    out.mine[key] = hoursOn(after, day);
    out.labels[key] = dayName(day);
    out.sortKeys[key] = `${group} ${String(index).padStart(2, '0')}`;
  });
}

/** One row per holiday date: its description ("(none)" where the date is not a holiday). */
function addHolidays(out: ReadableChange, field: string, group: string, before: Rec[], after: Rec[], locale: string): void {
  const describe = (records: Rec[], date: string) => {
    const found = records.filter((r) => String(r.date) === date);
    if (found.length === 0) return t('diff.empty');
    return found.map((r) => (r.description ? String(r.description) : t('diff.holiday.noDescription'))).join('; ');
  };
  const dates = [...new Set([...before, ...after].map((r) => String(r.date)))].sort();
  for (const date of dates) {
    const key = `${field}/${date}`;
    out.base[key] = describe(before, date);
    out.mine[key] = describe(after, date);
    out.labels[key] = date ? t('diff.holiday', { date: formatCalendarDay(date, locale) }) : t('diff.holiday.noDate');
    out.sortKeys[key] = `${group} ${date}`;
  }
}

/** One row per calling number of a caller list: its label, last day and route ("(not listed)" where it is absent). */
function addCallers(out: ReadableChange, field: string, group: string, before: Rec[], after: Rec[], locale: string): void {
  const describe = (records: Rec[], number: string) => {
    const found = records.find((r) => String(r.number) === number);
    if (!found) return t('diff.caller.notListed');
    const text = (key: string) => (typeof found[key] === 'string' ? (found[key] as string) : '');
    const expires = text('expires');
    const route = text('route');
    // "Key account A · until Thu, Dec 31, 2026 · route CSQ_VIP": the label, then what is set of its last day and route.
    return [text('label') || t('diff.caller.noLabel'), expires ? t('diff.caller.until', { date: formatCalendarDay(expires, locale) }) : '', route ? t('diff.caller.route', { route }) : '']
      .filter(Boolean)
      .join(' · ');
  };
  const numbers = [...new Set([...before, ...after].map((r) => String(r.number)))].sort();
  for (const number of numbers) {
    const key = `${field}/${number}`;
    out.base[key] = describe(before, number);
    out.mine[key] = describe(after, number);
    out.labels[key] = t('diff.caller', { number });
    out.sortKeys[key] = `${group} ${number}`;
  }
}

/** A value in words: records as "key: value", lists joined with commas, yes/no for a switch. */
export function valueWords(value: FieldValue | undefined): string {
  if (value === undefined || value === null || value === '') return t('diff.empty');
  if (typeof value === 'boolean') return value ? t('diff.yes') : t('diff.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (isRecord(value)) {
    const parts = Object.entries(value).map(([key, item]) => `${key}: ${valueWords(item)}`);
    return parts.length ? parts.join(', ') : t('diff.empty');
  }
  if (value.length === 0) return t('diff.empty');
  return value.map((item) => valueWords(item)).join(value.some((item) => typeof item === 'object' && item !== null) ? '; ' : ', ');
}
