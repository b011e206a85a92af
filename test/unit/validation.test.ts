import { describe, expect, it } from 'vitest';
import { setupI18n } from '@lingui/core';
import { CATALOGUE_LANGUAGES, compileCatalogue, readCatalogue } from '../../scripts/i18n/compile-catalogue';
import { validateUccxFields, validateParameterValue, validateWorkingDays, validateHolidays } from '../../shared/domain/uccx';
import { validateCallId, validateThresholdRules, validateQueueThresholds } from '../../shared/domain/board';
import { validatePreferenceSections } from '../../shared/domain/preferences';
import { validateCupiFields } from '../../shared/domain/cupi-fields';
import { isCalendarDate, summariseErrors } from '../../shared/domain/validation';

const fields = (errors: Array<{ field: string }>) => errors.map((error) => error.field);

describe('script parameters, judged by their declared type', () => {
  it('refuses text in an Integer and accepts whole numbers in range', () => {
    expect(validateParameterValue('param/maxQueueTime', 'java.lang.Integer', 'abc')).toEqual([{ field: 'param/maxQueueTime', message: expect.stringContaining('whole number'), said: { id: 'validation.uccx.parameter.integer', values: { text: 'abc' } } }]);
    expect(validateParameterValue('p', 'java.lang.Integer', '600')).toEqual([]);
    expect(validateParameterValue('p', 'java.lang.Integer', '-12')).toEqual([]);
    expect(fields(validateParameterValue('p', 'java.lang.Integer', '2147483648'))).toEqual(['p']);
    expect(fields(validateParameterValue('p', 'java.lang.Integer', '1.5'))).toEqual(['p']);
  });
  it('checks Boolean, Float/Double, Long, Character and String length', () => {
    expect(validateParameterValue('p', 'java.lang.Boolean', 'TRUE')).toEqual([]);
    expect(fields(validateParameterValue('p', 'java.lang.Boolean', 'yes'))).toEqual(['p']);
    expect(validateParameterValue('p', 'java.lang.Double', '2.5e3')).toEqual([]);
    expect(fields(validateParameterValue('p', 'java.lang.Float', '2,5'))).toEqual(['p']);
    expect(validateParameterValue('p', 'java.lang.Long', '9223372036854775807')).toEqual([]);
    expect(fields(validateParameterValue('p', 'java.lang.Long', '9223372036854775808'))).toEqual(['p']);
    expect(fields(validateParameterValue('p', 'java.lang.Character', 'ab'))).toEqual(['p']);
    expect(validateParameterValue('p', 'java.lang.String', 'x'.repeat(1000))).toEqual([]);
    expect(fields(validateParameterValue('p', 'java.lang.String', 'x'.repeat(1001)))).toEqual(['p']);
  });
  it('applies the types given for an application edit', () => {
    const errors = validateUccxFields('application', { 'param/maxQueueTime': 'abc', 'param/queueMusic': 'abc' }, { parameterTypes: { maxQueueTime: 'java.lang.Integer', queueMusic: 'java.lang.String' } });
    expect(fields(errors)).toEqual(['param/maxQueueTime']);
    expect(fields(validateUccxFields('application', { maxsession: 0 }))).toEqual(['maxsession']);
    expect(fields(validateUccxFields('application', { maxsession: null }))).toEqual(['maxsession']);
  });
});

describe('CSQ figures and competence levels', () => {
  it('refuses a negative service level and accepts 0 to 3600 whole seconds', () => {
    expect(validateUccxFields('csq', { serviceLevel: -5 })).toEqual([
      { field: 'serviceLevel', message: expect.stringContaining('0 to 3600 seconds'), said: { id: 'validation.field.outOfRange', values: { min: 0, max: 3600, unit: 'seconds', value: -5 } } },
    ]);
    expect(validateUccxFields('csq', { serviceLevel: 0 })).toEqual([]);
    expect(validateUccxFields('csq', { serviceLevel: 3600 })).toEqual([]);
    expect(fields(validateUccxFields('csq', { serviceLevel: 3601 }))).toEqual(['serviceLevel']);
    expect(fields(validateUccxFields('csq', { serviceLevel: 2.5 }))).toEqual(['serviceLevel']);
    expect(fields(validateUccxFields('csq', { serviceLevel: '20' }))).toEqual(['serviceLevel']);
  });
  it('checks percentage, wrap-up, name, selection criteria and skill levels 1–10', () => {
    const errors = validateUccxFields('csq', { serviceLevelPercentage: 101, wrapupTime: 7201, name: ' ', selectionCriteria: 'Random', 'skill/3': 11, 'skill/4': null });
    expect(fields(errors)).toEqual(['serviceLevelPercentage', 'wrapupTime', 'name', 'selectionCriteria', 'skill/3']);
    expect(fields(validateUccxFields('resource', { 'skill/1': 0, 'skill/2': 10, alias: 'a'.repeat(32) }))).toEqual(['skill/1', 'alias']);
    expect(fields(validateUccxFields('team', { name: 'x'.repeat(50) }))).toEqual(['name']);
    expect(fields(validateUccxFields('skill', { name: '' }))).toEqual(['name']);
  });
  it('judges only the fields an edit sets', () => {
    expect(validateUccxFields('csq', { autoWork: true })).toEqual([]);
  });
});

describe('calendars', () => {
  it('refuses a day that closes before it opens', () => {
    expect(validateWorkingDays([{ day: 'MONDAY', startTime: '19:00', endTime: '18:00' }])).toEqual([
      { field: 'workingDays.0.endTime', message: expect.stringContaining('not after it opens'), said: { id: 'validation.uccx.workingDays.closesBeforeOpening', values: { closes: '18:00', opens: '19:00' } } },
    ]);
    expect(validateWorkingDays([{ day: 'MONDAY', startTime: '08:00', endTime: '24:00' }])).toEqual([]);
  });
  it('refuses bad times, unknown days and overlapping hours on one day', () => {
    expect(fields(validateWorkingDays([{ day: 'MONDAY', startTime: '8:00', endTime: '25:00' }]))).toEqual(['workingDays.0.startTime', 'workingDays.0.endTime']);
    expect(fields(validateWorkingDays([{ day: 'FUNDAY', startTime: '08:00', endTime: '09:00' }]))).toEqual(['workingDays.0.day']);
    const overlapping = [
      { day: 'MONDAY', startTime: '08:00', endTime: '12:00' },
      { day: 'TUESDAY', startTime: '11:00', endTime: '13:00' },
      { day: 'MONDAY', startTime: '11:00', endTime: '13:00' },
    ];
    expect(fields(validateWorkingDays(overlapping))).toEqual(['workingDays.2.startTime']);
    expect(validateWorkingDays([{ day: 'MONDAY', startTime: '08:00', endTime: '12:00' }, { day: 'MONDAY', startTime: '12:00', endTime: '17:00' }])).toEqual([]);
  });
  it('refuses dates that do not exist and the same holiday twice', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(fields(validateHolidays([{ date: '2025-02-30', description: '' }, { date: '2025-12-25', description: 'Christmas' }, { date: '2025-12-25', description: 'again' }]))).toEqual(['holidays.0.date', 'holidays.2.date']);
    expect(fields(validateUccxFields('calendar', { workingDays: 'Monday' }))).toEqual(['workingDays']);
  });
});

describe('board thresholds and call ids', () => {
  it('refuses red before amber and accepts amber before red, 0 meaning never', () => {
    expect(validateThresholdRules([{ status: 'not_ready', reason: '', amberMinutes: 50, redMinutes: 5 }])).toEqual([
      { field: 'thresholds.0.redMinutes', message: expect.stringContaining('after amber'), said: { id: 'validation.threshold.redAfterAmber', values: { red: 5, amber: 50 } } },
    ]);
    expect(validateThresholdRules([{ status: 'not_ready', reason: '', amberMinutes: 5, redMinutes: 50 }])).toEqual([]);
    expect(validateThresholdRules([{ status: 'ACW', reason: '', amberMinutes: 0, redMinutes: 5 }])).toEqual([]);
  });
  it('refuses more than two decimals, negatives, more than a day, unknown statuses and duplicate rules', () => {
    expect(validateThresholdRules([{ status: 'not_ready', reason: 'Drill', amberMinutes: 0.05, redMinutes: 1.5 }])).toEqual([]);
    const errors = validateThresholdRules([
      { status: 'ready', reason: '', amberMinutes: 1.555, redMinutes: -1 },
      { status: 'sleeping', reason: '', amberMinutes: 1, redMinutes: 1441 },
      { status: 'ACW', reason: 'x', amberMinutes: 1, redMinutes: 2 },
      { status: 'ACW', reason: 'X', amberMinutes: 1, redMinutes: 2 },
    ]);
    expect(fields(errors)).toEqual(['thresholds.0.amberMinutes', 'thresholds.0.redMinutes', 'thresholds.1.status', 'thresholds.1.redMinutes', 'thresholds.3.reason']);
    expect(fields(validateQueueThresholds({ waitingAmber: 6, waitingRed: 5, waitAmberSeconds: 30, waitRedSeconds: 60 }))).toEqual(['queueThresholds.waitingRed']);
  });
  it('says every threshold problem by message id too, and the English catalogue reads as the rule does', () => {
    const english = setupI18n({ locale: 'en', messages: { en: compileCatalogue('en') } });
    const problems = [
      ...validateThresholdRules([
        { status: 'ready', reason: '', amberMinutes: 1.555, redMinutes: -1 },
        { status: 'sleeping', reason: '', amberMinutes: 'ten', redMinutes: 1441 },
        { status: 'ACW', reason: 'x', amberMinutes: 30, redMinutes: 2.5 },
        { status: 'ACW', reason: 'X', amberMinutes: 1, redMinutes: 2 },
      ]),
      ...validateQueueThresholds({ waitingAmber: 6, waitingRed: 5, waitAmberSeconds: 30, waitRedSeconds: 60 }),
    ];
    expect(problems.map((problem) => problem.said?.id)).toEqual([
      'validation.threshold.minutesDecimals',
      'validation.threshold.minutesRange',
      'validation.threshold.status',
      'validation.threshold.minutes',
      'validation.threshold.minutesRange',
      'validation.threshold.redAfterAmber',
      'validation.threshold.duplicate',
      'validation.queueThreshold.redAboveAmber',
    ]);
    for (const problem of problems) {
      expect(english._(problem.said!.id, problem.said!.values), problem.field).toBe(problem.message);
      for (const language of CATALOGUE_LANGUAGES) expect(readCatalogue(language)[problem.said!.id], `${language} ${problem.said!.id}`).toBeDefined();
    }
  });
  it('checks the board section of a preferences patch, naming the field under sections', () => {
    expect(fields(validatePreferenceSections({ board: { thresholds: [{ status: 'not_ready', reason: '', amberMinutes: 50, redMinutes: 5 }] } }))).toEqual(['sections.board.thresholds.0.redMinutes']);
    expect(validatePreferenceSections({ journey: { recent: [] } })).toEqual([]);
  });
  it('takes a call id of digits only', () => {
    expect(validateCallId('16777302')).toEqual([]);
    expect(validateCallId(' 16777302 ')).toEqual([]);
    expect(validateCallId('abc')).toEqual([{ field: 'callId', message: expect.stringContaining('digits only'), said: { id: 'validation.callId.notDigits', values: { text: 'abc' } } }]);
    expect(fields(validateCallId(''))).toEqual(['callId']);
    expect(fields(validateCallId('1'.repeat(21)))).toEqual(['callId']);
  });
});

describe('Unity Connection form fields and summaries', () => {
  it('checks required fields, switches, extensions and addresses', () => {
    expect(fields(validateCupiFields('user', { Alias: ' ', UseDefaultTimeZone: 'maybe', DtmfAccessId: '12a', SmtpAddress: 'nope' }))).toEqual(['Alias', 'UseDefaultTimeZone', 'DtmfAccessId', 'SmtpAddress']);
    expect(validateCupiFields('user', { Alias: 'jdoe', DtmfAccessId: '', SmtpAddress: 'j@example.com' })).toEqual([]);
  });
  it('sums up problems for the reason next to a disabled button', () => {
    expect(summariseErrors([])).toBeNull();
    expect(summariseErrors([{ field: 'a', message: 'Bad.' }, { field: 'b', message: 'Worse.' }], (f) => f.toUpperCase())).toBe('Cannot save yet: A: Bad. (and 1 more problem)');
  });
});
